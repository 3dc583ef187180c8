package org.parley.conversation.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.textfield.TextFieldVariant;
import com.vaadin.flow.data.renderer.LitRenderer;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.dom.DomListenerRegistration;
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
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
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
import org.parley.conversation.InboxPreferences;
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
 * The agent's start page: queues with counts and the selected queue on the left (newest activity first,
 * keyset-paged; below about 1100 px wide they are a drawer), and the selected conversation beside them: one compact
 * header, the customer's timeline filling the height, the composer under it, and the customer panel (collapsible,
 * remembered per agent). Keys work from page load, except while typing in a field ({@link KeyboardHelp}). Link one
 * conversation as {@code inbox/<id>}.
 */
@Route("")
@RouteAlias("inbox/:conversationId?")
@Menu(title = "Inbox", order = 0, icon = "vaadin:inbox")
@PageTitle("Inbox · Parley")
@PermitAll
public class InboxView extends Div implements BeforeEnterObserver {

    /** Keys the inbox answers; nothing is typed in a field, no modifier is held and no dialog is open. */
    static final String KEYS = "['j', 'k', 'o', 'Enter', 'r', 'n', 'a', 'e', 'x', '/', '?']";
    static final String KEY_FILTER = "!event.isComposing && !event.ctrlKey && !event.metaKey && !event.altKey"
            + " && " + KEYS + ".includes(event.key)"
            // typing in a field (also Vaadin's menus and pickers, whose own keys must keep working)
            + " && !event.composedPath().some(n => n.nodeType === 1 && (n.isContentEditable"
            + " || ['INPUT', 'TEXTAREA', 'SELECT'].includes(n.tagName)"
            + " || /^VAADIN-(.*-FIELD|TEXT-AREA|SELECT|.*COMBO-BOX|.*-PICKER|.*DIALOG.*|.*-OVERLAY|.*-MENU.*)$/"
            + ".test(n.tagName)))"
            // Enter on a button presses the button
            + " && !(event.key === 'Enter' && event.composedPath().some(n => n.nodeType === 1"
            + " && ['BUTTON', 'A', 'VAADIN-BUTTON', 'VAADIN-SIDE-NAV-ITEM', 'VAADIN-TAB'].includes(n.tagName)))"
            + " && !document.querySelector('vaadin-dialog[opened], vaadin-confirm-dialog[opened]')";
    /** How far down the list "the next conversation" is looked for when the list has not shown it yet. */
    private static final int SCAN = 500;
    private static final int SEARCH_CUSTOMERS = 100;

    private final transient InboxQueries inbox;
    private final transient ConversationService conversations;
    private final transient CustomerDirectory customers;
    private final transient InboxPreferences preferences;
    private final UUID agentId;
    private final transient ConversationAccess access;
    /** What this agent may see; looked up again on every navigation here (team changes take effect). */
    private Viewer viewer;

    private final Map<Queue, Button> queueButtons = new LinkedHashMap<>();
    private final Map<Queue, String> queueNames = new LinkedHashMap<>();
    private final transient TeamDirectory team;
    private final Div queues = new Div();
    private final Span keyboardHint = new Span("Press ? for keyboard shortcuts");
    private final TextField search = new TextField();
    private final QueueDataProvider rows;
    private final Grid<InboxRow> list = new Grid<>();
    private final Grid.Column<InboxRow> listColumn;
    private final TimelinePanel timeline;
    private final Composer composer;
    private final ConversationActions actions;
    private final ConversationHeader header;
    private final MergeControls mergeControls;
    private final BulkActions bulk;
    private final CustomerPanel customerPanel = new CustomerPanel();
    private final Div detail = new Div();
    private final Div placeholder = new Div();
    private UUID selectedConversationId;
    private boolean panelCollapsed;
    private DomListenerRegistration keys;

    public InboxView(InboxQueries inbox, ConversationService conversations, CustomerDirectory customers,
            TeamDirectory team, CurrentAgent currentAgent, ConversationAccess access,
            List<org.parley.conversation.CustomerPanelExtension> panelExtensions, ObjectProvider<LiveUpdates> live,
            List<ComposerExtension> composerExtensions, InboxPreferences preferences,
            org.parley.conversation.ConversationMerges merges) {
        this.inbox = inbox;
        this.conversations = conversations;
        this.customers = customers;
        this.team = team;
        this.preferences = preferences;
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

        // the list: a search over its customers, then the rows
        search.setId("conversation-search");
        search.addClassName("conversation-search");
        search.setPlaceholder("Find customer  ( / )");
        search.setAriaLabel("Find a customer's conversations in this queue");
        search.setPrefixComponent(VaadinIcon.SEARCH.create());
        search.setClearButtonVisible(true);
        search.addThemeVariants(TextFieldVariant.LUMO_SMALL);
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.setValueChangeTimeout(300);
        search.addValueChangeListener(e -> applySearch());
        search.getElement().addEventListener("keydown", e -> {
            String typed = e.getEventData().get("element.value").asString();
            if (!typed.equals(search.getValue())) {
                search.setValue(typed);
            }
            if ("Enter".equals(e.getEventData().get("event.key").asString())) {
                openSelected();
            } else {
                focusTimeline();
            }
        }).setFilter("event.key === 'Enter' || event.key === 'Escape'").addEventData("element.value")
                .addEventData("event.key");

        rows = new QueueDataProvider(inbox, this::viewer, Queue.MINE);
        bulk = new BulkActions(conversations, team, this::viewer, rows);
        bulk.onRedraw(r -> list.getDataProvider().refreshItem(r));
        bulk.onChanged(() -> {
            afterChange();
            rows.refreshAll();
            refreshCounts();
        });
        list.setId("conversation-list");
        list.addClassName("conversation-list");
        list.addThemeVariants(GridVariant.LUMO_NO_BORDER, GridVariant.LUMO_COMPACT);
        list.setPageSize(50);
        listColumn = list.addColumn(LitRenderer.<InboxRow>of("""
                <div class="inbox-row ${item.rowClass}">
                  <div class="inbox-row-top">
                    <vaadin-checkbox class="bulk-check" aria-label="Select for bulk actions" ?checked="${item.checked}"
                      @click="${e => { e.stopPropagation(); e.preventDefault(); toggle(e.shiftKey); }}"></vaadin-checkbox>
                    <span class="unread-dot" title="Not opened by its assignee yet"></span>
                    <vaadin-icon class="channel-icon" icon="${item.icon}" title="${item.channel}"></vaadin-icon>
                    <span class="inbox-customer" title="${item.customer}">${item.customer}</span>
                    <span class="inbox-age" title="${item.when}">${item.age}</span>
                  </div>
                  <div class="inbox-subject">${item.subject}</div>
                  <div class="inbox-snippet">${item.snippet}</div>
                  <div class="inbox-meta">
                    <span class="status status-${item.statusClass}">${item.status}</span>
                    <span class="needs-reply-chip">Needs reply</span>
                    <span class="priority priority-${item.priorityClass}">${item.priority}</span>
                    <span class="inbox-assignee">${item.assignee}</span>
                  </div>
                </div>""")
                .withProperty("rowClass", r -> (r.unread() ? "unread " : "") + (r.needsReply() ? "needs-reply" : ""))
                .withProperty("checked", r -> bulk.isSelected(r.conversationId()))
                .withFunction("toggle", (r, args) -> bulk.toggle(r, args != null && !args.isEmpty()
                        && args.get(0).asBoolean()))
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
        Div listArea = new Div(search, bulk, list);
        listArea.addClassName("list-area");
        Div listPane = new Div(queues, listArea);
        listPane.addClassName("list-pane");
        listPane.setId("list-pane");

        // the selected conversation
        timeline = new TimelinePanel(conversations, this::viewer);
        timeline.getElement().setAttribute("tabindex", "0");
        timeline.getElement().setAttribute("aria-label", "Customer timeline");
        timeline.onConversationClicked(this::open);
        composer = new Composer(conversations, agentId, this::viewer);
        composer.onSent(this::sent);
        composer.onEscape(this::focusTimeline);
        composer.install(composerExtensions);
        actions = new ConversationActions(conversations, team, agentId, this::viewer);
        actions.onChanged(c -> afterChange());
        header = new ConversationHeader(actions);
        mergeControls = new MergeControls(merges, conversations, this::viewer);
        mergeControls.onShow(id -> {
            open(id);
            rows.refreshAll();
            refreshCounts();
        });
        header.add(mergeControls);
        header.listToggle().addClickListener(e -> setListOpen(!getElement().getClassList().contains("list-open")));
        header.panelToggle().addClickListener(e -> togglePanel());
        header.keysButton().addClickListener(e -> KeyboardHelp.open());
        customerPanel.onConversationSelected(this::open);
        customerPanel.setExtensions(panelExtensions, this::afterChange);
        panelCollapsed = preferences.customerPanelCollapsed(agentId);
        header.setPanelCollapsed(panelCollapsed);

        Div conversationColumn = new Div(header, timeline, composer);
        conversationColumn.addClassName("conversation-column");
        detail.addClassName("detail");
        detail.add(conversationColumn, customerPanel);
        placeholder.addClassName("detail-placeholder");
        Button showList = new Button("Show conversations", VaadinIcon.LIST_UL.create(), e -> setListOpen(true));
        showList.addClassName("list-toggle");
        showList.setId("placeholder-list-toggle");
        showList.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        placeholder.add(new Div("Select a conversation to see the customer's timeline. Press j to open the first,"
                + " ? for every key."), showList);

        Div workArea = new Div(detail, placeholder);
        workArea.addClassName("work-area");
        add(listPane, workArea);
        showDetail(false);
        // the queue is shown (and counted) in beforeEnter, which runs on every navigation here
        live.ifAvailable(l -> l.bind(this, agentId, this::onLiveUpdates));
    }

    /** Keys from the moment the page is there: one listener on the whole page, removed with the view. */
    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        keys = event.getUI().getElement().addEventListener("keydown",
                e -> key(e.getEventData().get("event.key").asString()))
                .setFilter(KEY_FILTER).addEventData("event.key")
                .addEventData("(" + KEY_FILTER + ") && event.preventDefault()");
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (keys != null) {
            keys.remove();
            keys = null;
        }
        super.onDetach(event);
    }

    /** One key of the inbox (see {@link KeyboardHelp}). */
    void key(String key) {
        switch (key) {
            case "j" -> move(1);
            case "k" -> move(-1);
            case "o", "Enter" -> openSelected();
            case "r" -> write(false);
            case "n" -> write(true);
            case "a" -> actions.assignToMe();
            case "e" -> resolveSelected();
            case "x" -> toggleFocused();
            case "/" -> search.focus();
            case "?" -> KeyboardHelp.open();
            default -> {
            }
        }
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
        queueNames.put(Queue.NEEDS_MY_REPLY, "Needs my reply");
        queueNames.put(Queue.UNASSIGNED, "Unassigned");
        team.teamsOf(agentId).forEach(t -> {
            queueNames.put(Queue.team(t.getId()), t.getName());
            queueNames.put(Queue.teamNeedsReply(t.getId()), "Needs reply");
        });
        queueNames.put(Queue.ALL_OPEN, "All open");
        queueNames.put(Queue.RESOLVED, "Resolved");
        queues.removeAll();
        queueButtons.clear();
        queues.add(new H4("Queues"));
        queueNames.forEach((queue, name) -> {
            Button b = new Button(name, e -> selectQueue(queue));
            b.setId(queueId(queue));
            b.addClassName("queue");
            b.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
            if (queue.kind() == Queue.Kind.TEAM_NEEDS_REPLY || queue.kind() == Queue.Kind.NEEDS_MY_REPLY) {
                b.addClassName("needs-reply-queue");
            }
            if (queue.kind() == Queue.Kind.TEAM_NEEDS_REPLY) {
                b.addClassName("sub-queue");
                String teamName = queueNames.get(Queue.team(queue.teamId()));
                b.setAriaLabel(teamName + ": needs reply");
                b.setTooltipText(teamName + ": open conversations waiting on an answer");
            }
            if (queue.kind() == Queue.Kind.NEEDS_MY_REPLY) {
                b.setTooltipText("Mine, open, and the customer wrote last");
            }
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

    Composer composer() {
        return composer;
    }

    boolean customerPanelCollapsed() {
        return panelCollapsed;
    }

    private void refreshCounts() {
        queueButtons.forEach((queue, button) -> {
            long count = inbox.count(viewer, queue);
            button.setText(queueNames.get(queue) + " " + count);
            button.getElement().setAttribute("data-count", Long.toString(count));
        });
    }

    /** The list shows the current queue's conversations of the customers the search finds. */
    private void applySearch() {
        String text = search.getValue() == null ? "" : search.getValue().strip();
        if (text.isEmpty()) {
            rows.setCustomerFilter(null);
            listColumn.setHeader("Conversations");
            return;
        }
        Set<UUID> found = customers.search(text, SEARCH_CUSTOMERS).stream().map(CustomerProfile::id)
                .collect(Collectors.toSet());
        rows.setCustomerFilter(found);
        listColumn.setHeader(found.isEmpty() ? "No customer matches “" + text + "”"
                : "Conversations of customers matching “" + text + "”");
    }

    /** x: the focused row joins or leaves the bulk selection. */
    void toggleFocused() {
        if (selectedConversationId != null) {
            rows.locate(selectedConversationId, SCAN).ifPresent(i -> rows.rowAt(i).ifPresent(r -> bulk.toggle(r, false)));
        }
    }

    BulkActions bulk() {
        return bulk;
    }

    /** Opens a conversation: its customer's timeline, the header, the composer and the customer panel. */
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
        header.show(c, customer);
        actions.setConversation(c);
        mergeControls.setConversation(c);
        actions.setEnabled(!c.isMerged());
        composer.setVisible(!c.isMerged()); // a merged conversation is a pointer: work goes to the other one
        customerPanel.show(customer, ofCustomer, c.id());
        showDetail(true);
        setListOpen(false);
        InboxRow selected = list.asSingleSelect().getValue();
        if (selected != null && !selected.conversationId().equals(c.id())) {
            list.deselectAll();
        }
        markRead(c.id());
        getUI().ifPresent(ui -> ui.getPage().getHistory().replaceState(null, "inbox/" + c.id()));
    }

    /** The assignee looks at it: no longer unread, and its line in the list says so. */
    private void markRead(UUID conversationId) {
        if (conversations.markRead(viewer, conversationId)) {
            inbox.row(viewer, conversationId).ifPresent(row -> list.getDataProvider().refreshItem(row));
        }
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
        header.show(c, customer);
        actions.setConversation(c);
        mergeControls.setConversation(c);
        actions.setEnabled(!c.isMerged());
        composer.setVisible(!c.isMerged());
        customerPanel.show(customer, ofCustomer, c.id());
        // what arrives while the assignee has it open, they see
        conversations.markRead(viewer, c.id());
        rows.refreshAll();
        refreshCounts();
    }

    /** After the composer stored a reply or note; after "send and resolve" the next conversation opens. */
    private void sent(org.parley.conversation.MessageView message, boolean resolved) {
        UUID left = selectedConversationId;
        OptionalInt index = rows.locate(left, SCAN);
        afterChange();
        if (resolved && left != null && left.equals(selectedConversationId)) {
            openNext(index, left);
        }
        focusTimeline();
    }

    /** j / k: the next or previous conversation of the list. */
    void move(int step) {
        int from = selectedConversationId == null ? -1 : rows.locate(selectedConversationId, SCAN).orElse(-1);
        int to = from < 0 ? 0 : from + step;
        if (to < 0) {
            return;
        }
        rows.rowAt(to).ifPresent(row -> show(row, to));
    }

    private void show(InboxRow row, int index) {
        list.select(row);
        // scroll only when the row is out of sight, and then keep the row before it in view (j/k keep their place)
        list.getElement().executeJs("const i = $0; const first = this._firstVisibleIndex, last = this._lastVisibleIndex;"
                + " if (first === undefined || last === undefined) { this.scrollToIndex(i); }"
                + " else if (i <= first) { this.scrollToIndex(Math.max(0, i - 1)); }"
                + " else if (i >= last) { this.scrollToIndex(Math.max(0, i - (last - first) + 2)); }", index);
        if (!row.conversationId().equals(selectedConversationId)) {
            open(row.conversationId());
        }
    }

    /** Enter / o: opens the conversation (the first of the list when none is), and goes to its timeline. */
    void openSelected() {
        InboxRow selected = list.asSingleSelect().getValue();
        if (selected != null && !selected.conversationId().equals(selectedConversationId)) {
            open(selected.conversationId());
        } else if (selectedConversationId == null) {
            rows.rowAt(0).ifPresent(row -> show(row, 0));
        }
        if (selectedConversationId != null) {
            setListOpen(false);
            focusTimeline();
        }
    }

    /** r / n: the composer of the open conversation, in Reply or Note mode, with the cursor in it. */
    private void write(boolean note) {
        if (selectedConversationId == null) {
            return;
        }
        setListOpen(false);
        composer.setNoteMode(note);
        composer.focusText();
    }

    /** e: resolves the selected conversation and moves on to the next one in the list. */
    void resolveSelected() {
        if (selectedConversationId == null) {
            return;
        }
        UUID left = selectedConversationId;
        OptionalInt index = rows.locate(left, SCAN);
        try {
            conversations.setStatus(viewer, left, ConversationStatus.RESOLVED);
        } catch (InvalidInputException | NotFoundException e) {
            Notifications.error(e.getMessage());
            return;
        }
        Notifications.success("Resolved");
        afterChange();
        openNext(index, left);
    }

    /** Opens the conversation that now follows the one at {@code index} (which left the list, or is still there). */
    private void openNext(OptionalInt index, UUID left) {
        if (index.isEmpty()) {
            return;
        }
        int i = index.getAsInt();
        Optional<InboxRow> next = rows.rowAt(i);
        int at = i;
        if (next.isPresent() && next.get().conversationId().equals(left)) {
            next = rows.rowAt(i + 1);
            at = i + 1;
        }
        if (next.isEmpty() && i > 0) {
            next = rows.rowAt(i - 1);
            at = i - 1;
        }
        int where = at;
        next.ifPresent(row -> show(row, where));
    }

    private void focusTimeline() {
        timeline.getElement().executeJs("this.focus({preventScroll: true})");
    }

    private void togglePanel() {
        panelCollapsed = !panelCollapsed;
        header.setPanelCollapsed(panelCollapsed);
        customerPanel.setVisible(!panelCollapsed);
        try {
            preferences.setCustomerPanelCollapsed(agentId, panelCollapsed);
        } catch (RuntimeException twoTabsAtOnce) {
            // another tab stored the first choice a moment ago; this screen keeps what the agent chose here
        }
    }

    /** Where the list is a drawer (narrow screens): shows or hides it. Wide screens always show the list. */
    private void setListOpen(boolean open) {
        getElement().getClassList().set("list-open", open);
    }

    private void showDetail(boolean show) {
        detail.setVisible(show);
        customerPanel.setVisible(!panelCollapsed);
        placeholder.setVisible(!show);
        if (!show) {
            setListOpen(true);
        }
    }

    private static String queueId(Queue queue) {
        return switch (queue.kind()) {
            case MINE -> "queue-mine";
            case NEEDS_MY_REPLY -> "queue-needs-my-reply";
            case UNASSIGNED -> "queue-unassigned";
            case TEAM -> "queue-team-" + queue.teamId();
            case TEAM_NEEDS_REPLY -> "queue-team-needs-reply-" + queue.teamId();
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
