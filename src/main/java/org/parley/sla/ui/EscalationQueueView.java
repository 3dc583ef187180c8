package org.parley.sla.ui;

import org.parley.conversation.ConversationAccess.Viewer;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.parley.base.ui.Notifications;
import org.parley.conversation.ConversationAccess;
import org.parley.conversation.ConversationService;
import org.parley.conversation.ConversationView;
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
 * for supervisors and admins), sorted by time to breach, with countdowns the server refreshes by push.
 */
@Route("escalations")
@Menu(title = "Escalations", order = 20, icon = "vaadin:alarm")
@PageTitle("Escalations · Parley")
@RolesAllowed({"LEAD", "SUPERVISOR", "ADMIN"})
public class EscalationQueueView extends Div {

    /** One line: the queue entry with the names the grid shows. */
    public record Row(QueueEntry entry, String subject, String assignee, String level) {

        UUID conversationId() {
            return entry.conversationId();
        }
    }

    private static final ScheduledExecutorService TICKER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "escalation-queue-refresh");
        t.setDaemon(true);
        return t;
    });
    static final Duration REFRESH = Duration.ofSeconds(5);

    private final transient SlaClocks clocks;
    private final transient ConversationService conversations;
    private final transient TeamDirectory team;
    private final transient Clock clock;
    private final transient Agent me;
    /** Who looks (teams read when the screen opens): rows, actions and subjects follow conversation visibility. */
    private final ConversationAccess.Viewer viewer;
    private final Grid<Row> grid = new Grid<>();
    private final ComboBox<Agent> reassignTo = new ComboBox<>("Reassign selected to");
    private final Span summary = new Span();
    private transient ScheduledFuture<?> ticking;

    public EscalationQueueView(SlaClocks clocks, ConversationService conversations, TeamDirectory team, Clock clock,
            CurrentAgent currentAgent, ConversationAccess access) {
        this.clocks = clocks;
        this.conversations = conversations;
        this.team = team;
        this.clock = clock;
        this.me = currentAgent.require();
        this.viewer = access.currentViewer();
        setSizeFull();
        addClassName("escalation-queue");

        grid.setId("escalation-grid");
        grid.setSelectionMode(Grid.SelectionMode.MULTI);
        grid.addColumn(r -> countdown(r.entry().nextDueAt())).setHeader("Time to breach").setKey("countdown");
        grid.addColumn(Row::level).setHeader("Level").setKey("level");
        grid.addColumn(Row::subject).setHeader("Conversation").setKey("subject").setFlexGrow(3);
        grid.addColumn(r -> r.entry().priority()).setHeader("Priority").setKey("priority");
        grid.addColumn(Row::assignee).setHeader("Assignee").setKey("assignee");
        grid.addColumn(r -> waited(r.entry().waitingSince())).setHeader("Waiting").setKey("waiting");
        grid.addColumn(r -> r.entry().openEscalationIds().isEmpty() ? "yes" : "no").setHeader("Acknowledged")
                .setKey("acknowledged");

        reassignTo.setId("reassign-to");
        reassignTo.setItems(team.activeAgents());
        reassignTo.setItemLabelGenerator(Agent::getDisplayName);
        Button reassign = new Button("Reassign", e -> reassign());
        reassign.setId("reassign-button");
        Button acknowledge = new Button("Acknowledge", e -> acknowledge());
        acknowledge.setId("acknowledge-button");
        acknowledge.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        summary.setId("escalation-summary");
        Div toolbar = new Div(reassignTo, reassign, acknowledge, summary);
        toolbar.addClassName("toolbar");
        add(new H2("Escalation queue"), toolbar, grid);
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

    void refresh() {
        Set<UUID> selected = grid.getSelectedItems().stream().map(Row::conversationId).collect(Collectors.toSet());
        List<QueueEntry> entries = clocks.escalationQueue(viewer, teams());
        Map<UUID, String> names = team.agentNames(entries.stream().map(QueueEntry::assigneeId)
                .filter(java.util.Objects::nonNull).toList());
        List<Row> rows = entries.stream().map(e -> new Row(e,
                conversations.find(viewer, e.conversationId()).map(ConversationView::subject).orElse("(deleted)"),
                e.assigneeId() == null ? "unassigned" : names.getOrDefault(e.assigneeId(), "?"),
                e.level() == EscalationLevel.WARNING ? "at risk" : e.level() == EscalationLevel.BREACH ? "breached"
                        : "breached (2nd level)")).toList();
        grid.setItems(rows);
        rows.stream().filter(r -> selected.contains(r.conversationId())).forEach(grid::select);
        summary.setText(rows.size() + " escalated");
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
        Notifications.success(selected.size() + " reassigned to " + to.getDisplayName());
        grid.deselectAll();
        refresh();
    }

    private void acknowledge() {
        Set<Row> selected = grid.getSelectedItems();
        if (selected.isEmpty()) {
            Notifications.error("Select conversations first");
            return;
        }
        int count = 0;
        for (Row r : selected) {
            for (UUID escalation : r.entry().openEscalationIds()) {
                clocks.acknowledge(viewer, escalation);
                count++;
            }
        }
        Notifications.success(count + " escalation(s) acknowledged");
        grid.deselectAll();
        refresh();
    }

    String countdown(Instant due) {
        if (due == null) {
            return "paused";
        }
        Duration left = Duration.between(clock.instant(), due);
        return left.isNegative() ? "overdue " + human(left.negated()) : "in " + human(left);
    }

    private String waited(Instant since) {
        return since == null ? "" : human(Duration.between(since, clock.instant()));
    }

    static String human(Duration d) {
        long minutes = Math.max(0, d.toMinutes());
        if (minutes < 60) {
            return minutes + " min";
        }
        if (minutes < 48 * 60) {
            return minutes / 60 + " h " + minutes % 60 + " min";
        }
        return minutes / (24 * 60) + " d " + (minutes % (24 * 60)) / 60 + " h";
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        UI ui = event.getUI();
        ticking = TICKER.scheduleWithFixedDelay(() -> ui.access(this::refresh), REFRESH.toMillis(),
                REFRESH.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (ticking != null) {
            ticking.cancel(false);
        }
        super.onDetach(event);
    }
}
