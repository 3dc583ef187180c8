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
import com.vaadin.flow.internal.JacksonUtils;
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
import org.parley.conversation.QueueCounts;
import org.parley.conversation.QueuePages;
import org.parley.conversation.TimelinePages;
import org.parley.conversation.ui.extension.ComposerExtension;
import org.parley.conversation.ui.extension.ConversationUpdate;
import org.parley.conversation.ui.extension.InboxSearch;
import org.parley.conversation.ui.extension.InboxViews;
import org.parley.conversation.ui.extension.LiveUpdates;
import org.parley.customer.CustomerDirectory;
import org.parley.customer.CustomerProfile;
import org.parley.team.CurrentAgent;
import org.parley.team.TeamDirectory;
import org.springframework.beans.factory.ObjectProvider;
import tools.jackson.databind.node.ObjectNode;

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
    static final String KEYS = "['j', 'k', 'o', 'Enter', 'r', 'n', 'a', 'e', 'z', 'x', '/', '?']";
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
    /** Rows a list fetch brings: more than a tall screen shows (about ten), so that a scroll rarely waits. */
    static final int LIST_PAGE = 20;
    private static final int SEARCH_CUSTOMERS = 100;
    private static final int SEARCH_HITS = 50;

    private final transient InboxQueries inbox;
    /** The node's shared tally: a refresh of this screen's counts costs no query of its own. */
    private final transient QueueCounts queueCounts;
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
    /** The conversation search, when the search module is there (else the field finds customers). */
    private final transient InboxSearch inboxSearch;
    /** Saved views among the queues, when the search module is there. */
    private final transient InboxViews inboxViews;
    private final Map<UUID, Button> viewButtons = new LinkedHashMap<>();
    private final Map<UUID, InboxViews.Entry> viewEntries = new LinkedHashMap<>();
    /** The saved view shown in the list, or null when a queue is. */
    private UUID currentView;
    private final Button saveView = new Button("Save as view", VaadinIcon.PLUS.create());
    /** Above the list while a saved view is shown: its name and sort, and delete for its owner. */
    private final Div viewBar = new Div();
    private final Div searchChips = new Div();
    private final Span searchStatus = new Span();
    private final Div searchResults = new Div();
    /** The best conversation found (Enter in the field opens it), or null. */
    private UUID firstHit;
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
    /** A push showed the open conversation and left the list for the next one. */
    private boolean listBehind;
    private boolean panelCollapsed;
    private DomListenerRegistration keys;

    public InboxView(InboxQueries inbox, ConversationService conversations, CustomerDirectory customers,
            TeamDirectory team, CurrentAgent currentAgent, ConversationAccess access,
            List<org.parley.conversation.CustomerPanelExtension> panelExtensions, ObjectProvider<LiveUpdates> live,
            List<ComposerExtension> composerExtensions, InboxPreferences preferences,
            org.parley.conversation.Snoozes snoozes, ObjectProvider<InboxSearch> inboxSearch,
            ObjectProvider<InboxViews> inboxViews, org.parley.conversation.ConversationMerges merges,
            QueueCounts queueCounts, QueuePages queuePages, TimelinePages timelinePages) {
        this.inbox = inbox;
        this.queueCounts = queueCounts;
        this.inboxSearch = inboxSearch.getIfAvailable();
        this.inboxViews = inboxViews.getIfAvailable();
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
        if (this.inboxSearch != null) {
            search.setPlaceholder("Search  ( / )  e.g. refund status:open tag:vip");
            search.setAriaLabel("Search conversations: words, and filters such as status:open tag:vip assignee:me");
            search.setTooltipText("Words, \"a phrase\", -word to leave out; filters: channel: status: tag: priority:"
                    + " team: assignee:me from: after:2026-11-01 before: has:attachment sla:breached");
        } else {
            search.setPlaceholder("Find customer  ( / )");
            search.setAriaLabel("Find a customer's conversations in this queue");
        }
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
                if (firstHit != null && searchResults.isVisible()) {
                    open(firstHit);
                } else {
                    openSelected();
                }
            } else {
                focusTimeline();
            }
        }).setFilter("event.key === 'Enter' || event.key === 'Escape'").addEventData("element.value")
                .addEventData("event.key");

        rows = new QueueDataProvider(inbox, queueCounts, queuePages, this::viewer, Queue.MINE);
        bulk = new BulkActions(conversations, team, this::viewer, rows, snoozes);
        bulk.onRedraw(r -> list.getDataProvider().refreshItem(r));
        bulk.onChanged(() -> {
            afterChange();
            rows.refreshAll();
            refreshCounts();
        });
        list.setId("conversation-list");
        list.addClassName("conversation-list");
        list.addThemeVariants(GridVariant.LUMO_NO_BORDER, GridVariant.LUMO_COMPACT);
        // what a screen sees and a little more: every pushed change that touches the list sends this page again
        list.setPageSize(LIST_PAGE);
        listColumn = list.addColumn(LitRenderer.<InboxRow>of("""
                <div class="inbox-row ${item.row.rowClass}">
                  <div class="inbox-row-top">
                    <vaadin-checkbox class="bulk-check" aria-label="Select for bulk actions" ?checked="${item.row.checked}"
                      @click="${e => { e.stopPropagation(); e.preventDefault(); toggle(e.shiftKey); }}"></vaadin-checkbox>
                    <span class="unread-dot" title="Not opened by its assignee yet"></span>
                    <vaadin-icon class="channel-icon" icon="${item.row.icon}" title="${item.row.channel}"></vaadin-icon>
                    <span class="inbox-customer" title="${item.row.customer}">${item.row.customer}</span>
                    <span class="inbox-age" title="${item.row.when}">${item.row.age}</span>
                  </div>
                  <div class="inbox-subject">${item.row.subject}</div>
                  <div class="inbox-snippet">${item.row.snippet}</div>
                  <div class="inbox-meta">
                    <span class="status status-${item.row.statusClass}">${item.row.status}</span>
                    <span class="needs-reply-chip">Needs reply</span>
                    <span class="snoozed-chip" title="${item.row.snoozed}">${item.row.snoozed}</span>
                    <span class="priority priority-${item.row.priorityClass}">${item.row.priority}</span>
                    <span class="inbox-assignee">${item.row.assignee}</span>
                  </div>
                </div>""")
                // one property: each renderer property's name carries the renderer's prefix in every row sent
                .withProperty("row", this::rowData)
                .withFunction("toggle", (r, args) -> bulk.toggle(r, args != null && !args.isEmpty()
                        && args.get(0).asBoolean())))
                .setHeader("Conversations");
        list.setItems(rows);
        list.asSingleSelect().addValueChangeListener(e -> {
            if (e.getValue() != null && !e.getValue().conversationId().equals(selectedConversationId)) {
                open(e.getValue().conversationId());
            }
        });
        searchChips.setId("search-chips");
        searchChips.addClassName("search-chips");
        searchStatus.setId("search-status");
        searchStatus.addClassName("search-status");
        searchStatus.getElement().setAttribute("aria-live", "polite");
        searchResults.setId("search-results");
        searchResults.addClassName("search-results");
        searchResults.getElement().setAttribute("role", "list");
        searchResults.setVisible(false);
        saveView.setId("save-view");
        saveView.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_SMALL);
        saveView.setVisible(false);
        saveView.addClickListener(e -> openSaveView());
        Div searchBar = new Div(searchStatus, saveView);
        searchBar.addClassName("search-bar");
        viewBar.setId("view-bar");
        viewBar.addClassName("view-bar");
        viewBar.setVisible(false);
        Div listArea = new Div(search, searchChips, searchBar, viewBar, searchResults, bulk, list);
        listArea.addClassName("list-area");
        Div listPane = new Div(queues, listArea);
        listPane.addClassName("list-pane");
        listPane.setId("list-pane");

        // the selected conversation
        timeline = new TimelinePanel(conversations, timelinePages, this::viewer);
        timeline.getElement().setAttribute("tabindex", "0");
        timeline.getElement().setAttribute("aria-label", "Customer timeline");
        timeline.onConversationClicked(this::open);
        composer = new Composer(conversations, agentId, this::viewer);
        composer.onSent(this::sent);
        composer.onEscape(this::focusTimeline);
        composer.install(composerExtensions);
        actions = new ConversationActions(conversations, team, agentId, this::viewer, snoozes);
        actions.onChanged(c -> afterChange());
        header = new ConversationHeader(actions);
        mergeControls = new MergeControls(merges, conversations, this::viewer);
        mergeControls.onShow(id -> {
            open(id);
            rows.refreshAll();
            refreshCounts();
        });
        header.add(mergeControls);
        actions.add(mergeControls.mergeWithButton());
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
        live.ifAvailable(l -> l.bind(this, agentId, this::onLiveUpdates, this::showsCustomerOf));
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
            case "z" -> actions.openSnooze();
            case "x" -> toggleFocused();
            case "/" -> search.focus();
            case "?" -> KeyboardHelp.open();
            default -> {
            }
        }
    }

    /** Whether an update is about the customer whose timeline is open: pushed at once (called outside the lock). */
    private boolean showsCustomerOf(ConversationUpdate update) {
        UUID shownCustomer = timeline.customerId();
        return shownCustomer != null && shownCustomer.equals(update.customerId());
    }

    /**
     * Pushed changes (new messages, replies, moves): the list and counts follow, and the open timeline. A change of
     * the open customer comes at once and shows only the open conversation; the list and counts follow in the push
     * after it (the list's rows are most of what a push encodes, and twenty screens on one customer would otherwise
     * all encode theirs before any of them shows the message).
     */
    void onLiveUpdates(List<ConversationUpdate> updates) {
        boolean touched = listBehind || updates.stream().anyMatch(this::touchesList);
        if (updates.stream().anyMatch(this::showsCustomerOf)) {
            if (showOpen()) {
                listBehind = touched;
                return;
            }
            touched = true; // the open conversation left the screen
        }
        listBehind = false;
        // the counts come from the node's shared tally; the list is read again only when a change touches it
        if (touched) {
            rows.refreshAll();
        }
        refreshCounts();
    }

    /**
     * Whether a change may add, remove or move a row of the list shown: a conversation already in it, or one that
     * now belongs to its queue. A saved view, a search or a change whose state is not known always counts.
     */
    private boolean touchesList(ConversationUpdate update) {
        if (update.status() == null || rows.showsView() || rows.filtered() || searchResults.isVisible()
                || rows.indexOf(update.conversationId()).isPresent()) {
            return true;
        }
        // whether it waits on a reply or is snoozed is not in the update: either way counts
        Queue queue = rows.queue();
        for (boolean snoozed : new boolean[] {false, true}) {
            if (queue.holds(update.status(), update.teamId(), update.assigneeId(), true, snoozed, agentId)) {
                return true;
            }
        }
        return false;
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
                Queue queue = c.get().status().isActive() && c.get().snoozed() ? Queue.SNOOZED
                        : c.get().status().isActive()
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
        queueNames.put(Queue.SNOOZED, "Snoozed");
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
        viewButtons.clear();
        viewEntries.clear();
        if (inboxViews != null) {
            List<InboxViews.Entry> saved = inboxViews.views(viewer);
            if (!saved.isEmpty()) {
                queues.add(new H4("Views"));
            }
            for (InboxViews.Entry entry : saved) {
                Button b = new Button(entry.name(), e -> selectView(entry.id()));
                b.setId("view-" + entry.id());
                b.addClassName("queue");
                b.addClassName("saved-view");
                b.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
                b.setTooltipText(entry.query() + " · " + entry.sortLabel()
                        + (entry.shared() == null ? " · only you" : " · shared with " + entry.shared()));
                viewButtons.put(entry.id(), b);
                viewEntries.put(entry.id(), entry);
                queues.add(b);
            }
        }
        if (currentView != null && !viewButtons.containsKey(currentView)) {
            currentView = null;
            rows.setQueue(rows.queue());
        }
        queues.add(keyboardHint);
        if (!queueNames.containsKey(rows.queue())) {
            rows.setQueue(Queue.MINE);
        }
    }

    /** Shows one queue in the list. */
    void selectQueue(Queue queue) {
        currentView = null;
        viewButtons.values().forEach(b -> b.getElement().getClassList().remove("selected"));
        queueButtons.forEach((q, b) -> b.getElement().getClassList().set("selected", q.equals(queue)));
        viewBar.removeAll();
        viewBar.setVisible(false);
        rows.setQueue(queue);
        refreshCounts();
    }

    /** Shows a saved view in the list: its conversations, in its order, as this agent may see them. */
    void selectView(UUID viewId) {
        InboxViews.Entry entry = viewEntries.get(viewId);
        if (entry == null) {
            return;
        }
        currentView = viewId;
        if (!search.isEmpty()) {
            search.clear();
        }
        queueButtons.values().forEach(b -> b.getElement().getClassList().remove("selected"));
        viewButtons.forEach((id, b) -> b.getElement().getClassList().set("selected", id.equals(viewId)));
        InboxViews views = inboxViews;
        rows.setView(new QueueDataProvider.ViewSource() {
            @Override
            public List<UUID> page(int offset, int limit) {
                return views.page(viewer, viewId, offset, limit);
            }

            @Override
            public long count() {
                return views.count(viewer, viewId);
            }
        });
        Span title = new Span(entry.name() + " · " + entry.sortLabel());
        title.setId("view-title");
        title.setTitle(entry.query() + (entry.shared() == null ? " · only you" : " · shared with " + entry.shared()));
        viewBar.removeAll();
        viewBar.add(title);
        if (entry.mine()) {
            Button delete = new Button(VaadinIcon.TRASH.create(), e -> confirmDeleteView(entry));
            delete.setId("delete-view");
            delete.setAriaLabel("Delete the view " + entry.name());
            delete.setTooltipText("Delete this view");
            delete.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_SMALL);
            viewBar.add(delete);
        }
        viewBar.setVisible(true);
        refreshCounts();
    }

    UUID currentView() {
        return currentView;
    }

    private void confirmDeleteView(InboxViews.Entry entry) {
        com.vaadin.flow.component.confirmdialog.ConfirmDialog dialog = new com.vaadin.flow.component.confirmdialog
                .ConfirmDialog("Delete the view “" + entry.name() + "”?", entry.shared() == null
                        ? "Only the view goes; no conversation changes."
                        : "It goes for everyone in " + entry.shared() + "; no conversation changes.", "Delete", e -> {
                            inboxViews.delete(viewer, entry.id());
                            Notifications.success("View “" + entry.name() + "” deleted");
                            buildQueues();
                            selectQueue(Queue.MINE);
                        });
        dialog.setId("confirm-delete-view");
        dialog.setCancelable(true);
        dialog.setConfirmButtonTheme("error primary");
        dialog.open();
    }

    /** Saves what the search field holds as a view: a name, a sort, and who sees it. */
    private void openSaveView() {
        String query = search.getValue() == null ? "" : search.getValue().strip();
        com.vaadin.flow.component.dialog.Dialog dialog = new com.vaadin.flow.component.dialog.Dialog();
        dialog.setId("save-view-dialog");
        dialog.setHeaderTitle("Save as view");
        com.vaadin.flow.component.textfield.TextField name = new com.vaadin.flow.component.textfield.TextField("Name");
        name.setId("view-name");
        name.setMaxLength(80);
        name.setRequired(true);
        name.setWidthFull();
        Span shows = new Span("Shows: " + query);
        shows.addClassName("view-query");
        com.vaadin.flow.component.select.Select<InboxViews.Sort> sort = new com.vaadin.flow.component.select.Select<>();
        sort.setId("view-sort");
        sort.setLabel("Sorted by");
        sort.setItems(inboxViews.sorts());
        sort.setItemLabelGenerator(InboxViews.Sort::label);
        sort.setValue(inboxViews.sorts().get(0));
        com.vaadin.flow.component.select.Select<InboxViews.Team> who = new com.vaadin.flow.component.select.Select<>();
        who.setId("view-share");
        who.setLabel("Who sees it");
        who.setEmptySelectionAllowed(true);
        who.setEmptySelectionCaption("Only me");
        who.setItems(inboxViews.teams(viewer));
        who.setItemLabelGenerator(t -> t == null ? "Only me" : "Team " + t.name());
        Div form = new Div(name, shows, sort, who);
        form.addClassName("save-view-form");
        dialog.add(form);
        Button save = new Button("Save view", e -> {
            try {
                InboxViews.Entry saved = inboxViews.save(viewer, name.getValue(), query, sort.getValue().id(),
                        who.getValue() == null ? null : who.getValue().id());
                dialog.close();
                buildQueues();
                selectView(saved.id());
                Notifications.success("View “" + saved.name() + "” saved");
            } catch (InvalidInputException invalid) {
                name.setInvalid(true);
                name.setErrorMessage(invalid.getMessage());
            }
        });
        save.setId("save-view-confirm");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button cancel = new Button("Cancel", e -> dialog.close());
        dialog.getFooter().add(cancel, save);
        dialog.open();
        name.focus();
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
        refreshCounts(true);
    }

    private void refreshCounts(boolean exact) {
        queueButtons.forEach((queue, button) -> {
            long count = exact ? queueCounts.count(viewer, queue) : queueCounts.latestCount(viewer, queue);
            showCount(button, queueNames.get(queue), count);
        });
        if (!exact) {
            return; // saved views are counted per screen (a search each): in the exact push that follows
        }
        viewButtons.forEach((id, button) -> {
            showCount(button, viewEntries.get(id).name(), inboxViews.count(viewer, id));
        });
    }

    /**
     * Only a count that changed is written: {@code setText} rebuilds the button's children even for the same
     * text, and every screen refreshes its counts on every push.
     */
    private static void showCount(Button button, String name, long count) {
        String text = name + " " + count;
        if (!text.equals(button.getText())) {
            button.setText(text);
            button.getElement().setAttribute("data-count", Long.toString(count));
        }
    }

    /**
     * With the search module: the conversations found replace the queue's list until the field is emptied. Without
     * it: the list shows the current queue's conversations of the customers the search finds.
     */
    private void applySearch() {
        String text = search.getValue() == null ? "" : search.getValue().strip();
        if (inboxSearch != null) {
            showSearch(text);
            return;
        }
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

    private void showSearch(String text) {
        searchChips.removeAll();
        searchResults.removeAll();
        boolean searching = !text.isEmpty();
        searchResults.setVisible(searching);
        list.setVisible(!searching);
        search.setInvalid(false);
        searchStatus.setText("");
        firstHit = null;
        saveView.setVisible(false);
        if (!searching) {
            return;
        }
        InboxSearch.Result result;
        try {
            for (InboxSearch.Chip chip : inboxSearch.chips(text)) {
                Button remove = new Button(VaadinIcon.CLOSE_SMALL.create(),
                        e -> search.setValue(InboxSearch.without(search.getValue(), chip.token())));
                remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_SMALL);
                remove.setAriaLabel("Remove the filter " + chip.token());
                Span label = new Span(chip.key() + ": " + chip.value());
                Span element = new Span(label, remove);
                element.addClassName("search-chip");
                element.getElement().setAttribute("data-token", chip.token());
                searchChips.add(element);
            }
            result = inboxSearch.search(viewer, text, SEARCH_HITS);
        } catch (InvalidInputException e) {
            search.setInvalid(true);
            search.setErrorMessage(e.getMessage());
            searchStatus.setText("");
            return;
        }
        long conversationsFound = result.hits().size();
        searchStatus.setText(result.total() == 0 ? "Nothing found"
                : conversationsFound + (conversationsFound == 1 ? " conversation" : " conversations")
                        + (result.total() > conversationsFound ? " (" + result.total() + " messages)" : ""));
        for (InboxSearch.Hit hit : result.hits()) {
            searchResults.add(searchHit(hit));
        }
        firstHit = result.hits().isEmpty() ? null : result.hits().get(0).conversationId();
        saveView.setVisible(inboxViews != null);
    }

    private Div searchHit(InboxSearch.Hit hit) {
        Span who = new Span(hit.customerName() == null ? "Unknown customer" : hit.customerName());
        who.addClassName("hit-customer");
        Span when = new Span(Ages.age(hit.occurredAt()));
        when.addClassName("hit-age");
        when.setTitle(Ages.dateTime(hit.occurredAt()));
        Span status = new Span(hit.status().name().toLowerCase(Locale.ROOT));
        status.addClassName("hit-status");
        Div top = new Div(ChannelIcons.icon(hit.channel()), who, status, when);
        top.addClassName("hit-top");
        Div subject = new Div(hit.subject() == null || hit.subject().isBlank() ? "(no subject)" : hit.subject());
        subject.addClassName("hit-subject");
        Div snippet = new Div();
        snippet.addClassName("hit-snippet");
        // the index escaped everything but its own <mark> tags
        snippet.getElement().setProperty("innerHTML", hit.snippetHtml());
        Div line = new Div(top, subject, snippet);
        line.addClassName("search-hit");
        line.getElement().setAttribute("role", "listitem");
        line.getElement().setAttribute("tabindex", "0");
        line.getElement().setAttribute("data-conversation", hit.conversationId().toString());
        line.addClickListener(e -> open(hit.conversationId()));
        line.getElement().addEventListener("keydown", e -> open(hit.conversationId())).setFilter("event.key === 'Enter'");
        return line;
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

    /** What a list row shows, as the renderer's template reads it ({@code item.row.*}). */
    private ObjectNode rowData(InboxRow r) {
        ObjectNode row = JacksonUtils.createObjectNode();
        row.put("rowClass", (r.unread() ? "unread " : "") + (r.needsReply() ? "needs-reply" : ""));
        row.put("checked", bulk.isSelected(r.conversationId()));
        row.put("icon", ChannelIcons.iconName(r.channel()));
        row.put("channel", r.channel().label());
        row.put("customer", r.customerName());
        row.put("age", Ages.age(r.lastActivityAt()));
        row.put("when", Ages.dateTime(r.lastActivityAt()));
        row.put("subject", r.subject() == null ? "" : r.subject());
        row.put("snippet", r.snippet() == null ? "" : r.snippet());
        row.put("status", TimelinePanel.label(r.status().name()));
        row.put("statusClass", r.status().name().toLowerCase(Locale.ROOT));
        row.put("priority", r.priority() == null ? "" : TimelinePanel.label(r.priority().name()));
        row.put("priorityClass", r.priority() == null ? "" : r.priority().name().toLowerCase(Locale.ROOT));
        row.put("assignee", r.assigneeName() == null ? "" : "→ " + r.assigneeName());
        row.put("snoozed", !r.snoozed() ? "" : r.snoozedUntil() == null ? "Snoozed until reply"
                : "Snoozed until " + Ages.dateTime(r.snoozedUntil()));
        return row;
    }

    /** The assignee looks at it: no longer unread, and its line in the list says so. */
    private void markRead(UUID conversationId) {
        if (conversations.markRead(viewer, conversationId)) {
            inbox.row(viewer, conversationId).ifPresent(row -> list.getDataProvider().refreshItem(row));
        }
    }

    /** After a reply, a note or an action: the timeline, the list row and the counts follow. */
    private void afterChange() {
        afterChange(true);
    }

    /** Shows the open conversation as it is now; {@code exactCounts}: wait for a tally as new as this change. */
    private void afterChange(boolean exactCounts) {
        if (selectedConversationId == null) {
            return;
        }
        showOpen();
        rows.refreshAll();
        refreshCounts(exactCounts);
    }

    /**
     * Shows the open conversation as it is now, not the list. Answers false when it left the screen (moved to a team
     * this agent does not see, by them or by someone else): then the list and counts must follow at once.
     */
    private boolean showOpen() {
        if (selectedConversationId == null) {
            return false;
        }
        Optional<ConversationView> visible = conversations.find(viewer, selectedConversationId);
        if (visible.isEmpty()) {
            selectedConversationId = null;
            timeline.clear();
            showDetail(false);
            return false;
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
        // what arrives while the assignee has it open, they see (anyone else: no transaction per push for nothing)
        if (agentId.equals(c.assigneeId())) {
            conversations.markRead(viewer, c.id());
        }
        return true;
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
            case SNOOZED -> "queue-snoozed";
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
