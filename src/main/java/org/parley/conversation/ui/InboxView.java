package org.parley.conversation.ui;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.Shortcuts;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.data.renderer.LitRenderer;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteAlias;
import jakarta.annotation.security.PermitAll;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import org.parley.base.InvalidInputException;
import org.parley.base.NotFoundException;
import org.parley.base.ui.Ages;
import org.parley.base.ui.ChannelIcons;
import org.parley.base.ui.Notifications;
import org.parley.conversation.ConversationAccess;
import org.parley.conversation.ConversationAccess.Viewer;
import org.parley.conversation.ConversationService;
import org.parley.conversation.ConversationStatus;
import org.parley.conversation.ConversationView;
import org.parley.conversation.InboxQueries;
import org.parley.conversation.InboxRow;
import org.parley.conversation.Queue;
import org.parley.conversation.ui.extension.ComposerExtension;
import org.parley.conversation.ui.extension.ConversationUpdate;
import org.parley.conversation.ui.extension.LiveUpdates;
import org.parley.customer.CustomerDirectory;
import org.parley.customer.CustomerProfile;
import org.parley.team.CurrentAgent;
import org.parley.team.TeamDirectory;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The agent's start page: queues with counts on the left, the selected queue in the middle
 * (newest activity first, keyset-paged), and the selected conversation's customer on the right:
 * timeline, composer, actions and customer panel. Link one conversation as {@code inbox/<id>}.
 */
@Route("")
@RouteAlias("inbox/:conversationId?")
@Menu(title = "Inbox", order = 0, icon = "vaadin:inbox")
@PageTitle("Inbox · Parley")
@PermitAll
public class InboxView extends Div implements BeforeEnterObserver {

    private final transient InboxQueries inbox;
    private final transient ConversationService conversations;
    private final transient CustomerDirectory customers;
    private final UUID agentId;
    private final transient ConversationAccess access;
    /** What this agent may see; looked up again on every navigation here (team changes take effect). */
    private Viewer viewer;

    private final Map<Queue, Button> queueButtons = new LinkedHashMap<>();
    private final Map<Queue, String> queueNames = new LinkedHashMap<>();
    private final transient TeamDirectory team;
    private final Div queues = new Div();
    private final Span keyboardHint = new Span("Keyboard: j/k move · r reply · e resolve");
    private final QueueDataProvider rows;
    private final Grid<InboxRow> list = new Grid<>();
    private final TimelinePanel timeline;
    private final Composer composer;
    private final ConversationActions actions;
    private final CustomerPanel customerPanel = new CustomerPanel();
    private final Div detail = new Div();
    private final Div placeholder = new Div();
    private UUID selectedConversationId;

    public InboxView(InboxQueries inbox, ConversationService conversations, CustomerDirectory customers,
            TeamDirectory team, CurrentAgent currentAgent, ConversationAccess access,
            List<org.parley.conversation.CustomerPanelExtension> panelExtensions, ObjectProvider<LiveUpdates> live,
            List<ComposerExtension> composerExtensions) {
        this.inbox = inbox;
        this.conversations = conversations;
        this.customers = customers;
        this.team = team;
        this.agentId = currentAgent.require().getId();
        this.access = access;
        this.viewer = access.viewerOf(agentId);
        addClassName("inbox-view");
        setSizeFull();

        // queues: built in beforeEnter, so that a new team membership shows on the next visit
        queues.addClassName("queues");
        queues.setId("queues");
        keyboardHint.addClassName("keyboard-hint");
        keyboardHint.setId("keyboard-hint");

        // conversation list
        rows = new QueueDataProvider(inbox, this::viewer, Queue.MINE);
        list.setId("conversation-list");
        list.addClassName("conversation-list");
        list.addThemeVariants(GridVariant.LUMO_NO_BORDER, GridVariant.LUMO_COMPACT);
        list.setPageSize(50);
        list.addColumn(LitRenderer.<InboxRow>of("""
                <div class="inbox-row">
                  <div class="inbox-row-top">
                    <vaadin-icon class="channel-icon" icon="${item.icon}" title="${item.channel}"></vaadin-icon>
                    <span class="inbox-customer">${item.customer}</span>
                    <span class="inbox-age" title="${item.when}">${item.age}</span>
                  </div>
                  <div class="inbox-subject">${item.subject}</div>
                  <div class="inbox-snippet">${item.snippet}</div>
                  <div class="inbox-meta">
                    <span class="status status-${item.statusClass}">${item.status}</span>
                    <span class="priority priority-${item.priorityClass}">${item.priority}</span>
                    <span class="inbox-assignee">${item.assignee}</span>
                  </div>
                </div>""")
                .withProperty("icon", r -> ChannelIcons.iconName(r.channel()))
                .withProperty("channel", r -> r.channel().label())
                .withProperty("customer", InboxRow::customerName)
                .withProperty("age", r -> Ages.age(r.lastActivityAt()))
                .withProperty("when", r -> Ages.dateTime(r.lastActivityAt()))
                .withProperty("subject", r -> r.subject() == null ? "" : r.subject())
                .withProperty("snippet", r -> r.snippet() == null ? "" : r.snippet())
                .withProperty("status", r -> TimelinePanel.label(r.status().name()))
                .withProperty("statusClass", r -> r.status().name().toLowerCase(Locale.ROOT))
                .withProperty("priority", r -> r.priority() == null ? "" : TimelinePanel.label(r.priority().name()))
                .withProperty("priorityClass", r -> r.priority() == null ? ""
                        : r.priority().name().toLowerCase(Locale.ROOT))
                .withProperty("assignee", r -> r.assigneeName() == null ? "" : "→ " + r.assigneeName()))
                .setHeader("Conversations");
        list.setItems(rows);
        list.asSingleSelect().addValueChangeListener(e -> {
            if (e.getValue() != null && !e.getValue().conversationId().equals(selectedConversationId)) {
                open(e.getValue().conversationId());
            }
        });
        Div listArea = new Div(list);
        listArea.addClassName("list-area");

        // the selected conversation
        timeline = new TimelinePanel(conversations, this::viewer);
        timeline.onConversationClicked(this::open);
        composer = new Composer(conversations, agentId, this::viewer);
        composer.onSent((message, resolved) -> afterChange());
        composer.install(composerExtensions);
        actions = new ConversationActions(conversations, team, agentId, this::viewer);
        actions.onChanged(c -> afterChange());
        customerPanel.onConversationSelected(this::open);
        customerPanel.setExtensions(panelExtensions, this::afterChange);

        Div conversationColumn = new Div(actions, timeline, composer);
        conversationColumn.addClassName("conversation-column");
        detail.addClassName("detail");
        detail.add(conversationColumn, customerPanel);
        placeholder.addClassName("detail-placeholder");
        placeholder.setText("Select a conversation to see the customer's timeline.");

        Div workArea = new Div(detail, placeholder);
        workArea.addClassName("work-area");
        add(queues, listArea, workArea);
        showDetail(false);

        // keyboard: only while the list or the timeline has focus, so typing in a field never triggers it
        Shortcuts.addShortcutListener(this, () -> move(1), Key.KEY_J).listenOn(list, timeline);
        Shortcuts.addShortcutListener(this, () -> move(-1), Key.KEY_K).listenOn(list, timeline);
        Shortcuts.addShortcutListener(this, composer::focusText, Key.KEY_R).listenOn(list, timeline);
        Shortcuts.addShortcutListener(this, this::resolveSelected, Key.KEY_E).listenOn(list, timeline);
        // the queue is shown (and counted) in beforeEnter, which runs on every navigation here
        live.ifAvailable(l -> l.bind(this, agentId, this::onLiveUpdates));
    }

    /** Pushed changes (new messages, replies, moves): the list and counts follow, and the open timeline. */
    void onLiveUpdates(List<ConversationUpdate> updates) {
        UUID shownCustomer = timeline.customerId();
        if (shownCustomer != null && updates.stream().anyMatch(u -> shownCustomer.equals(u.customerId()))) {
            afterChange();
        } else {
            rows.refreshAll();
            refreshCounts();
        }
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        viewer = access.viewerOf(agentId);
        buildQueues();
        Optional<String> id = event.getRouteParameters().get("conversationId");
        if (id.isEmpty()) {
            id = Optional.ofNullable(event.getLocation().getQueryParameters().getParameters()
                    .getOrDefault("conversation", List.of()).stream().findFirst().orElse(null));
        }
        Optional<UUID> conversation = id.flatMap(InboxView::parse);
        if (conversation.isEmpty()) {
            // (also when the view instance is reused) show current counts and rows
            selectQueue(rows.queue());
        }
        conversation.ifPresent(conversationId -> {
            Optional<ConversationView> c = conversations.find(viewer, conversationId);
            if (c.isPresent()) {
                Queue queue = c.get().status().isActive()
                        ? (agentId.equals(c.get().assigneeId()) ? Queue.MINE
                        : c.get().assigneeId() == null ? Queue.UNASSIGNED : Queue.ALL_OPEN)
                        : Queue.RESOLVED;
                selectQueue(queue);
                open(conversationId);
            } else {
                // hidden from this agent or missing: the same answer, so the link tells nothing
                Notifications.error("There is no conversation " + conversationId + " you can open");
                event.forwardTo("inbox");
            }
        });
    }

    private void buildQueues() {
        queueNames.clear();
        queueNames.put(Queue.MINE, "Mine");
        queueNames.put(Queue.UNASSIGNED, "Unassigned");
        team.teamsOf(agentId).forEach(t -> queueNames.put(Queue.team(t.getId()), t.getName()));
        queueNames.put(Queue.ALL_OPEN, "All open");
        queueNames.put(Queue.RESOLVED, "Resolved");
        queues.removeAll();
        queueButtons.clear();
        queues.add(new H4("Queues"));
        queueNames.forEach((queue, name) -> {
            Button b = new Button(name, e -> selectQueue(queue));
            b.setId(queueId(queue));
            b.addClassName("queue");
            b.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            queueButtons.put(queue, b);
            queues.add(b);
        });
        queues.add(keyboardHint);
        if (!queueNames.containsKey(rows.queue())) {
            rows.setQueue(Queue.MINE);
        }
    }

    /** Shows one queue in the list. */
    void selectQueue(Queue queue) {
        queueButtons.forEach((q, b) -> b.getElement().getClassList().set("selected", q.equals(queue)));
        rows.setQueue(queue);
        refreshCounts();
    }

    Queue currentQueue() {
        return rows.queue();
    }

    Viewer viewer() {
        return viewer;
    }

    QueueDataProvider rows() {
        return rows;
    }

    UUID selectedConversationId() {
        return selectedConversationId;
    }

    private void refreshCounts() {
        queueButtons.forEach((queue, button) -> {
            long count = inbox.count(queue, viewer);
            button.setText(queueNames.get(queue) + " " + count);
            button.getElement().setAttribute("data-count", Long.toString(count));
        });
    }

    /** Opens a conversation: its customer's timeline, the composer, actions and the customer panel. */
    void open(UUID conversationId) {
        ConversationView c;
        try {
            c = conversations.get(viewer, conversationId);
        } catch (NotFoundException e) {
            Notifications.error("There is no conversation " + conversationId + " you can open");
            return;
        }
        CustomerProfile customer = customers.get(c.customerId());
        List<ConversationView> ofCustomer = conversations.conversationsOf(viewer, customer.id());
        boolean sameCustomer = customer.id().equals(timeline.customerId());
        selectedConversationId = c.id();
        if (sameCustomer) {
            timeline.select(c.id());
        } else {
            timeline.show(customer.id(), ofCustomer, c.id());
        }
        composer.setTarget(c, customer);
        actions.setConversation(c);
        customerPanel.show(customer, ofCustomer, c.id());
        showDetail(true);
        InboxRow selected = list.asSingleSelect().getValue();
        if (selected != null && !selected.conversationId().equals(c.id())) {
            list.deselectAll();
        }
        getUI().ifPresent(ui -> ui.getPage().getHistory().replaceState(null, "inbox/" + c.id()));
    }

    /** After a reply, a note or an action: the timeline, the list row and the counts follow. */
    private void afterChange() {
        if (selectedConversationId == null) {
            return;
        }
        Optional<ConversationView> visible = conversations.find(viewer, selectedConversationId);
        if (visible.isEmpty()) {
            // moved to a team this agent does not see (by them or by someone else): it leaves the screen
            selectedConversationId = null;
            timeline.clear();
            showDetail(false);
            rows.refreshAll();
            refreshCounts();
            return;
        }
        ConversationView c = visible.get();
        CustomerProfile customer = customers.get(c.customerId());
        List<ConversationView> ofCustomer = conversations.conversationsOf(viewer, customer.id());
        timeline.show(customer.id(), ofCustomer, c.id());
        composer.setTarget(c, customer);
        actions.setConversation(c);
        customerPanel.show(customer, ofCustomer, c.id());
        rows.refreshAll();
        refreshCounts();
    }

    /** j / k: the next or previous conversation of the list. */
    void move(int step) {
        int from = selectedConversationId == null ? -1
                : rows.indexOf(selectedConversationId).orElse(-1);
        int to = from < 0 ? 0 : from + step;
        if (to < 0) {
            return;
        }
        rows.rowAt(to).ifPresent(row -> {
            list.select(row);
            list.scrollToIndex(to);
            if (!row.conversationId().equals(selectedConversationId)) {
                open(row.conversationId());
            }
        });
    }

    /** e: resolves the selected conversation and moves on to the next one in the list. */
    void resolveSelected() {
        if (selectedConversationId == null) {
            return;
        }
        OptionalInt index = rows.indexOf(selectedConversationId);
        try {
            conversations.setStatus(viewer, selectedConversationId, ConversationStatus.RESOLVED);
        } catch (InvalidInputException | NotFoundException e) {
            Notifications.error(e.getMessage());
            return;
        }
        Notifications.success("Resolved");
        afterChange();
        if (index.isPresent() && !currentQueue().equals(Queue.RESOLVED)) {
            rows.rowAt(index.getAsInt()).ifPresent(row -> {
                list.select(row);
                open(row.conversationId());
            });
        }
    }

    private void showDetail(boolean show) {
        detail.setVisible(show);
        placeholder.setVisible(!show);
    }

    private static String queueId(Queue queue) {
        return switch (queue.kind()) {
            case MINE -> "queue-mine";
            case UNASSIGNED -> "queue-unassigned";
            case TEAM -> "queue-team-" + queue.teamId();
            case ALL_OPEN -> "queue-all-open";
            case RESOLVED -> "queue-resolved";
        };
    }

    private static Optional<UUID> parse(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
