package org.parley.sla.ui;

import org.parley.conversation.ConversationAccess.Viewer;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.Registration;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.parley.base.ui.Notifications;
import org.parley.conversation.ConversationAccess;
import org.parley.conversation.ConversationService;
import org.parley.conversation.ConversationView;
import org.parley.customer.CustomerDirectory;
import org.parley.sla.EscalationLevel;
import org.parley.sla.SlaClocks;
import org.parley.sla.SlaClocks.QueueEntry;
import org.parley.team.Agent;
import org.parley.team.CurrentAgent;
import org.parley.team.Role;
import org.parley.team.Team;
import org.parley.team.TeamDirectory;

/**
 * A team lead's escalation queue: breached and at-risk conversations of the lead's teams (all teams
 * for supervisors and admins), sorted by time to breach. Countdowns tick every second (the browser polls
 * while the queue is open, so no server thread is held per screen); the rows are read again every
 * {@link #RELOAD}. A click on a row opens its conversation.
 */
@Route("escalations")
@Menu(title = "Escalations", order = 20, icon = "vaadin:alarm")
@PageTitle("Escalations · Parley")
@RolesAllowed({"LEAD", "SUPERVISOR", "ADMIN"})
@StyleSheet("styles/escalations.css")
public class EscalationQueueView extends Div {

    /** One line: the queue entry with the names the grid shows. */
    public record Row(QueueEntry entry, String subject, String assignee, String level, String customer, String team) {

        UUID conversationId() {
            return entry.conversationId();
        }

        boolean breached() {
            return entry.level() == EscalationLevel.BREACH || entry.level() == EscalationLevel.SECOND_LEVEL;
        }
    }

    static final Duration TICK = Duration.ofSeconds(1);
    static final Duration RELOAD = Duration.ofSeconds(5);

    private final transient SlaClocks clocks;
    private final transient ConversationService conversations;
    private final transient CustomerDirectory customers;
    private final transient TeamDirectory team;
    private final transient Clock clock;
    private final transient Agent me;
    /** Who looks (teams read when the screen opens): rows, actions and subjects follow conversation visibility. */
    private final ConversationAccess.Viewer viewer;
    private final Grid<Row> grid = new Grid<>();
    private final ComboBox<Agent> reassignTo = new ComboBox<>("Reassign selected to");
    private final Span summary = new Span();
    private List<Row> rows = List.of();
    private Instant loadedAt = Instant.EPOCH;
    private Registration polling;
    private int pollIntervalBefore = -1;

    public EscalationQueueView(SlaClocks clocks, ConversationService conversations, CustomerDirectory customers,
            TeamDirectory team, Clock clock, CurrentAgent currentAgent, ConversationAccess access) {
        this.clocks = clocks;
        this.conversations = conversations;
        this.customers = customers;
        this.team = team;
        this.clock = clock;
        this.me = currentAgent.require();
        this.viewer = access.currentViewer();
        setSizeFull();
        addClassName("escalation-queue");

        grid.setId("escalation-grid");
        grid.setSelectionMode(Grid.SelectionMode.MULTI);
        grid.addColumn(r -> countdown(r.entry().nextDueAt())).setHeader("Time to breach").setKey("countdown")
                .setAutoWidth(true).setFlexGrow(0).setPartNameGenerator(r -> "countdown");
        grid.addComponentColumn(r -> {
            Span level = new Span(r.level());
            level.addClassNames("escalation-level", "escalation-level-" + r.entry().level().name().toLowerCase());
            return level;
        }).setHeader("Level").setKey("level").setAutoWidth(true).setFlexGrow(0);
        grid.addComponentColumn(r -> {
            Anchor open = new Anchor("inbox/" + r.conversationId(), r.subject());
            open.getElement().setAttribute("router-link", true); // navigates inside the app, no page load
            open.addClassName("escalation-subject");
            return open;
        }).setHeader("Conversation").setKey("subject").setFlexGrow(3);
        grid.addColumn(Row::customer).setHeader("Customer").setKey("customer").setFlexGrow(2);
        grid.addColumn(Row::team).setHeader("Team").setKey("team").setFlexGrow(1);
        grid.addColumn(r -> r.entry().priority().charAt(0) + r.entry().priority().substring(1).toLowerCase())
                .setHeader("Priority").setKey("priority").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(Row::assignee).setHeader("Assignee").setKey("assignee").setFlexGrow(1);
        grid.addColumn(r -> waited(r.entry().waitingSince())).setHeader("Waiting").setKey("waiting")
                .setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(r -> r.entry().openEscalationIds().isEmpty() ? "yes" : "no").setHeader("Acknowledged")
                .setKey("acknowledged").setAutoWidth(true).setFlexGrow(0);
        grid.setPartNameGenerator(r -> switch (r.entry().level()) {
            case WARNING -> "escalation-at-risk";
            case BREACH -> "escalation-breached";
            case SECOND_LEVEL -> "escalation-breached escalation-second-level";
        });
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        // a click anywhere on a row but its checkbox (and the link itself) opens the conversation
        grid.addItemClickListener(e -> {
            if (e.getColumn() != null && !"subject".equals(e.getColumn().getKey())) {
                open(e.getItem());
            }
        });

        reassignTo.setId("reassign-to");
        reassignTo.setItems(team.activeAgents());
        reassignTo.setItemLabelGenerator(Agent::getDisplayName);
        Button reassign = new Button("Reassign", e -> reassign());
        reassign.setId("reassign-button");
        Button acknowledge = new Button("Acknowledge", e -> acknowledge());
        acknowledge.setId("acknowledge-button");
        acknowledge.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        summary.setId("escalation-summary");
        summary.addClassName("escalation-summary");
        H2 title = new H2("Escalation queue");
        Div toolbar = new Div(title, summary, reassignTo, reassign, acknowledge);
        toolbar.addClassName("toolbar");
        add(toolbar, grid);
        refresh();
    }

    /** The lead's own teams; null (= every team) for supervisors and admins. */
    private Set<UUID> teams() {
        if (me.hasRole(Role.ADMIN) || me.hasRole(Role.SUPERVISOR)) {
            return null;
        }
        return team.teamsOf(me.getId()).stream().filter(t -> t.getLeadIds().contains(me.getId())).map(Team::getId)
                .collect(Collectors.toSet());
    }

    /** Reads the queue again (keeping the selection). */
    void refresh() {
        Set<UUID> selected = grid.getSelectedItems().stream().map(Row::conversationId).collect(Collectors.toSet());
        List<QueueEntry> entries = clocks.escalationQueue(viewer, teams());
        Map<UUID, Optional<ConversationView>> found = entries.stream().collect(Collectors.toMap(
                QueueEntry::conversationId, e -> conversations.find(viewer, e.conversationId()), (a, b) -> a));
        // assignee and team as the conversation has them now (the clock learns of a change a moment later)
        Map<UUID, UUID> assignees = new java.util.HashMap<>();
        Map<UUID, UUID> teamIds = new java.util.HashMap<>();
        for (QueueEntry e : entries) {
            Optional<ConversationView> c = found.get(e.conversationId());
            assignees.put(e.conversationId(), c.isPresent() ? c.get().assigneeId() : e.assigneeId());
            teamIds.put(e.conversationId(), c.isPresent() ? c.get().teamId() : e.teamId());
        }
        Map<UUID, String> names = team.agentNames(assignees.values().stream().filter(Objects::nonNull).distinct()
                .toList());
        Map<UUID, Team> teams = team.teamsById();
        Map<UUID, String> customerNames = customers.names(found.values().stream().flatMap(Optional::stream)
                .map(ConversationView::customerId).distinct().toList());
        rows = entries.stream().map(e -> {
            Optional<ConversationView> c = found.get(e.conversationId());
            String subject = c.map(ConversationView::subject).filter(s -> s != null && !s.isBlank())
                    .orElse(c.isPresent() ? "(no subject)" : "(deleted)");
            UUID assignee = assignees.get(e.conversationId());
            UUID teamId = teamIds.get(e.conversationId());
            return new Row(e, subject, assignee == null ? "unassigned" : names.getOrDefault(assignee, "?"),
                    e.level() == EscalationLevel.WARNING ? "at risk" : e.level() == EscalationLevel.BREACH ? "breached"
                            : "breached (2nd level)",
                    c.map(v -> customerNames.getOrDefault(v.customerId(), "")).orElse(""),
                    teamId == null ? "no team" : Optional.ofNullable(teams.get(teamId)).map(Team::getName)
                            .orElse("removed team"));
        }).toList();
        grid.setItems(rows);
        rows.stream().filter(r -> selected.contains(r.conversationId())).forEach(grid::select);
        long breached = rows.stream().filter(Row::breached).count();
        summary.setText(rows.size() + " escalated" + (breached > 0 ? " · " + breached + " breached" : "")
                + (rows.size() - breached > 0 ? " · " + (rows.size() - breached) + " at risk" : ""));
        loadedAt = clock.instant();
    }

    /** Once a second while the queue is open: countdowns move, and every {@link #RELOAD} the rows are read again. */
    void tick() {
        if (!clock.instant().isBefore(loadedAt.plus(RELOAD))) {
            refresh();
        } else {
            grid.getDataProvider().refreshAll();
        }
    }

    List<Row> rows() {
        return rows;
    }

    void open(Row row) {
        getUI().ifPresent(ui -> ui.navigate("inbox/" + row.conversationId()));
    }

    private void reassign() {
        Agent to = reassignTo.getValue();
        if (to == null) {
            Notifications.error("Choose the agent to reassign to");
            return;
        }
        Set<Row> selected = grid.getSelectedItems();
        if (selected.isEmpty()) {
            Notifications.error("Select conversations first");
            return;
        }
        selected.forEach(r -> conversations.assign(viewer, r.conversationId(), to.getId()));
        Notifications.success(conversationsWord(selected.size()) + " reassigned to " + to.getDisplayName());
        grid.deselectAll();
        refresh();
    }

    /** Acknowledges every open escalation of the selected rows; tells how many rows (conversations) that was. */
    void acknowledge() {
        Set<Row> selected = grid.getSelectedItems();
        if (selected.isEmpty()) {
            Notifications.error("Select conversations first");
            return;
        }
        int acknowledged = 0;
        int already = 0;
        for (Row r : selected) {
            if (r.entry().openEscalationIds().isEmpty()) {
                already++;
                continue;
            }
            r.entry().openEscalationIds().forEach(escalation -> clocks.acknowledge(viewer, escalation));
            acknowledged++;
        }
        String message = acknowledged == 0 ? "Nothing to acknowledge: "
                + (already == 1 ? "the conversation was" : "all " + already + " were") + " acknowledged already"
                : conversationsWord(acknowledged) + " acknowledged"
                        + (already > 0 ? " (" + already + " already were)" : "");
        lastMessage = message;
        Notifications.success(message);
        grid.deselectAll();
        refresh();
    }

    /** The last acknowledgement's message, for tests. */
    String lastMessage;

    private static String conversationsWord(int n) {
        return n + (n == 1 ? " conversation" : " conversations");
    }

    /** Time left as {@code in m:ss} (hours as {@code h:mm:ss}), or {@code overdue m:ss}; days in words. */
    String countdown(Instant due) {
        if (due == null) {
            return "paused";
        }
        Duration left = Duration.between(clock.instant(), due);
        return left.isNegative() ? "overdue " + clockFace(left.negated()) : "in " + clockFace(left);
    }

    private String waited(Instant since) {
        return since == null ? "" : clockFace(Duration.between(since, clock.instant()));
    }

    static String clockFace(Duration d) {
        long seconds = Math.max(0, d.toSeconds());
        if (seconds >= 48 * 3600) {
            return seconds / 86_400 + " d " + (seconds % 86_400) / 3600 + " h";
        }
        long h = seconds / 3600;
        long m = (seconds % 3600) / 60;
        long s = seconds % 60;
        return h > 0 ? String.format("%d:%02d:%02d", h, m, s) : String.format("%d:%02d", m, s);
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        UI ui = event.getUI();
        pollIntervalBefore = ui.getPollInterval();
        ui.setPollInterval((int) TICK.toMillis());
        polling = ui.addPollListener(e -> tick());
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (polling != null) {
            polling.remove();
            polling = null;
        }
        event.getUI().setPollInterval(pollIntervalBefore);
        super.onDetach(event);
    }
}
