package org.parley.realtime;

import org.parley.conversation.ConversationAccess.Viewer;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.parley.base.Channel;
import org.parley.channel.IngestResult;
import org.parley.conversation.ConversationAccess;
import org.parley.conversation.ConversationService;
import org.parley.conversation.InboxQueries;
import org.parley.conversation.Queue;
import org.parley.conversation.ui.InboxView;
import org.parley.team.TeamDirectory;
import org.parley.ui.UiTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

/** An open inbox receives pushed changes: no reload, and the subscription ends with the screen. */
@WithMockUser(username = UiTest.AGENT, roles = "AGENT")
class LiveInboxPushTest extends UiTest {

    @Autowired
    LiveBus bus;
    @Autowired
    org.parley.customer.CustomerDirectory customers;
    @Autowired
    InboxQueries inbox;
    @Autowired
    ConversationService conversations;
    @Autowired
    TeamDirectory teams;
    @Autowired
    ConversationAccess access;
    @Autowired
    org.parley.conversation.ui.extension.LiveUpdates live;

    @Test
    void aNewCustomerMessageAppearsInTheOpenTimelineAndTheCountsFollow() {
        String id = unique();
        String from = "live-" + id + "@example.com";
        IngestResult first = ingest(Channel.EMAIL, from, "Liv " + id, "Where is it?", "First message " + id);
        navigate("inbox/" + first.conversationId(), InboxView.class);
        assertThat(timelineText()).contains("First message " + id).doesNotContain("Second message " + id);
        List<Div> before = timelineMessages();
        long unassignedBefore = inbox.count(access.viewerOf(agentId(AGENT)), Queue.UNASSIGNED);

        ingest(Channel.EMAIL, from, "Liv " + id, "Where is it?", "Second message " + id);
        awaitPush("the pushed update", () -> timelineText().contains("Second message " + id));
        // the new message is added; what was shown stays as it was (not sent to the browser again)
        List<Div> after = timelineMessages();
        assertThat(after).hasSize(before.size() + 1);
        assertThat(after.subList(0, before.size())).containsExactlyElementsOf(before);

        // a brand-new conversation of another customer: the queue count follows
        ingest(Channel.EMAIL, "other-" + id + "@example.com", "Oz " + id, "Hello", "Other customer " + id);
        String expected = "Unassigned " + (unassignedBefore + 1);
        awaitPush("the pushed update", () -> $(Button.class).id("queue-unassigned").getText().equals(expected));
        assertThat(timelineText()).doesNotContain("Other customer " + id);
    }

    /**
     * A message of the open customer is pushed at once with only the open conversation; the list and counts follow in
     * the push after it.
     */
    @Test
    void aNewConversationOfTheOpenCustomerShowsInTheTimelineAndTheListFollows() {
        String id = unique();
        String from = "follow-" + id + "@example.com";
        IngestResult first = ingest(Channel.EMAIL, from, "Fol " + id, "Invoice", "First matter " + id);
        navigate("inbox/" + first.conversationId(), InboxView.class);
        com.vaadin.flow.component.grid.Grid<?> grid = $(com.vaadin.flow.component.grid.Grid.class).id("conversation-list");
        var list = test(grid);
        int rowsBefore = list.size();
        // the list is sent to the browser again only when it is told to refresh
        java.util.concurrent.atomic.AtomicInteger listRefreshes = new java.util.concurrent.atomic.AtomicInteger();
        grid.getDataProvider().addDataProviderListener(e -> listRefreshes.incrementAndGet());
        long unassignedBefore = inbox.count(access.viewerOf(agentId(AGENT)), Queue.UNASSIGNED);

        IngestResult second = ingest(Channel.EMAIL, from, "Fol " + id, "Delivery " + id, "Second matter " + id);
        assertThat(second.conversationId()).isNotEqualTo(first.conversationId());
        awaitPush("the open customer's new conversation", () -> timelineText().contains("Second matter " + id));
        String expected = "Unassigned " + (unassignedBefore + 1);
        awaitPush("the counts", () -> $(Button.class).id("queue-unassigned").getText().equals(expected));
        awaitPush("the list", () -> listRefreshes.get() > 0);
        assertThat(list.size()).isEqualTo(rowsBefore + 1);
        assertThat(java.util.stream.IntStream.range(0, list.size()).mapToObj(i -> ((org.parley.conversation.InboxRow) list
                .getRow(i)).conversationId())).contains(second.conversationId());
    }

    @Test
    void aCrmAttributeChangeAppearsInTheOpenCustomerPanel() {
        String id = unique();
        IngestResult conversation = ingest(Channel.EMAIL, "crm-" + id + "@example.com", "Cr " + id, "Plan?", "Which plan " + id);
        navigate("inbox/" + conversation.conversationId(), InboxView.class);
        assertThat(panelText()).doesNotContain("enterprise-" + id);

        customers.setAttributes(conversation.customerId(), java.util.Map.of("plan", "enterprise-" + id), false);
        awaitPush("the pushed attribute", () -> panelText().contains("enterprise-" + id));
    }

    private String panelText() {
        return $(Div.class).id("customer-panel").getElement().getTextRecursively();
    }

    @Test
    void anotherTeamsConversationIsNotPushedToAnAgentOutsideIt() {
        String id = unique();
        var closed = teams.createTeam("Closed " + id, null);
        IngestResult visible = ingest(Channel.EMAIL, "vis-" + id + "@example.com", "Vic " + id, "Hi", "Visible " + id);
        IngestResult hidden = ingest(Channel.EMAIL, "hid-" + id + "@example.com", "Hal " + id, "Hi", "Hidden " + id);
        // the setup's own live events (the hidden message, pushed while it had no team yet) are out of the way first
        List<LiveEvent> setup = new CopyOnWriteArrayList<>();
        try (LiveBus.Subscription s = bus.subscribe(Viewer.SYSTEM, setup::add)) {
            conversations.moveToTeam(Viewer.SYSTEM, hidden.conversationId(), closed.getId());
            awaitPush("the move of the hidden conversation", () -> setup.stream().anyMatch(
                    e -> e.conversationId().equals(hidden.conversationId()) && "team".equals(e.change())));
        }
        List<LiveEvent> received = new CopyOnWriteArrayList<>();
        try (LiveBus.Subscription s = bus.subscribe(access.viewerOf(agentId(AGENT)), received::add)) {
            conversations.addNoteAt(Viewer.SYSTEM, hidden.conversationId(), agentId(OTHER_AGENT), "Hidden note " + id, java.time.Instant.now());
            conversations.addNoteAt(Viewer.SYSTEM, visible.conversationId(), agentId(OTHER_AGENT), "Visible note " + id, java.time.Instant.now());
            // events are delivered in order: once the visible note is here, the hidden one had its turn
            awaitPush("the pushed update", () -> received.stream().anyMatch(e -> e.conversationId().equals(visible.conversationId())));
        }
        assertThat(received).noneMatch(e -> e.conversationId().equals(hidden.conversationId()));
        LiveEvent note = received.stream().filter(e -> e.conversationId().equals(visible.conversationId()))
                .findFirst().orElseThrow();
        assertThat(note.type()).isEqualTo(LiveEvent.CONVERSATION_CHANGED);
        assertThat(note.change()).isEqualTo("note");
        assertThat(note.customerName()).isEqualTo("Vic " + id);
        assertThat(note.channel()).isEqualTo(Channel.EMAIL);
        assertThat(note.status()).isEqualTo("OPEN");
    }

    /**
     * A burst reaches an open screen in a few pushes, at least the minimum interval (250 ms) apart, and nothing
     * of it is lost: the screen gets the latest state, not a backlog of one push per message.
     */
    @Test
    void aBurstIsCoalescedIntoPushesAQuarterSecondApartAndNothingIsLost() {
        String id = unique();
        IngestResult conversation = ingest(Channel.EMAIL, "burst-" + id + "@example.com", "Bu " + id, "Hi", "Burst " + id);
        navigate("inbox/" + conversation.conversationId(), InboxView.class);
        List<Long> pushedAt = new CopyOnWriteArrayList<>();
        List<org.parley.conversation.ui.extension.ConversationUpdate> updates = new CopyOnWriteArrayList<>();
        Div screen = new Div();
        com.vaadin.flow.component.UI.getCurrent().add(screen);
        live.bind(screen, agentId(AGENT), batch -> {
            pushedAt.add(System.nanoTime());
            updates.addAll(batch);
        });
        int burst = 40;
        for (int i = 0; i < burst; i++) {
            bus.deliverLocally(new LiveEvent(LiveEvent.CONVERSATION_CHANGED, "burst-" + i, conversation.conversationId(),
                    conversation.customerId(), null, null, null, null, "Bu " + id, Channel.EMAIL, "Hi", null, "OPEN",
                    "NORMAL", false, java.time.Instant.now(), bus.node()));
            if (i == burst / 2) {
                awaitPush("the first push", () -> !pushedAt.isEmpty()); // the screen took what came so far
            }
        }
        awaitPush("the whole burst", () -> updates.size() == burst);
        assertThat(pushedAt.size()).as("the second half came in a later push").isGreaterThanOrEqualTo(2);
        assertThat(updates).extracting(org.parley.conversation.ui.extension.ConversationUpdate::kind)
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, burst).mapToObj(i -> "burst-" + i).toList());
        assertThat(pushedAt.size()).as("pushes for %d updates", burst).isLessThan(burst);
        for (int i = 1; i < pushedAt.size(); i++) {
            assertThat((pushedAt.get(i) - pushedAt.get(i - 1)) / 1_000_000).as("ms between pushes %d and %d", i - 1, i)
                    .isGreaterThanOrEqualTo(240);
        }
        com.vaadin.flow.component.UI.getCurrent().remove(screen);
    }

    /**
     * An urgent update (what the screen shows) is pushed on its own, and the screen's next regular push follows it
     * even when nothing else arrived: an empty batch, in which the screen makes exact what it took from shared state.
     */
    @Test
    void anUrgentUpdateIsFollowedByASettlingPush() {
        String id = unique();
        IngestResult conversation = ingest(Channel.EMAIL, "urgent-" + id + "@example.com", "Ur " + id, "Hi", "Urgent " + id);
        navigate(org.parley.customer.ui.CustomersView.class);
        List<List<org.parley.conversation.ui.extension.ConversationUpdate>> batches = new CopyOnWriteArrayList<>();
        Div screen = new Div();
        com.vaadin.flow.component.UI.getCurrent().add(screen);
        live.bind(screen, agentId(AGENT), batch -> batches.add(List.copyOf(batch)), u -> u.kind().startsWith("urgent"));
        bus.deliverLocally(event("urgent-0", conversation));
        awaitPush("the urgent update and the settling push", () -> batches.size() >= 2);
        assertThat(batches.get(0)).extracting(org.parley.conversation.ui.extension.ConversationUpdate::kind)
                .containsExactly("urgent-0");
        assertThat(batches.get(1)).as("the settling push brings nothing new").isEmpty();

        // a regular update is not followed by an empty push
        bus.deliverLocally(event("regular-0", conversation));
        awaitPush("the regular update", () -> batches.size() >= 3);
        assertThat(batches.get(2)).extracting(org.parley.conversation.ui.extension.ConversationUpdate::kind)
                .containsExactly("regular-0");
        com.vaadin.flow.component.UI.getCurrent().remove(screen);
        assertThat(batches).hasSize(3);
    }

    private LiveEvent event(String kind, IngestResult conversation) {
        return new LiveEvent(LiveEvent.CONVERSATION_CHANGED, kind, conversation.conversationId(),
                conversation.customerId(), null, null, null, null, "Someone", Channel.EMAIL, "Hi", null, "OPEN",
                "NORMAL", false, java.time.Instant.now(), bus.node());
    }

    /** Screens closed in the middle of a burst leave no subscription and no scheduled push behind. */
    @Test
    void screensDetachedMidBurstLeakNothing() {
        String id = unique();
        IngestResult conversation = ingest(Channel.EMAIL, "leak-" + id + "@example.com", "Le " + id, "Hi", "Leak " + id);
        com.vaadin.flow.component.UI ui = com.vaadin.flow.component.UI.getCurrent();
        int before = bus.subscriptionCount();
        List<Div> screens = new java.util.ArrayList<>();
        java.util.concurrent.atomic.AtomicIntegerArray received = new java.util.concurrent.atomic.AtomicIntegerArray(20);
        for (int i = 0; i < 20; i++) {
            Div screen = new Div();
            ui.add(screen);
            int n = i;
            live.bind(screen, agentId(AGENT), batch -> received.addAndGet(n, batch.size()));
            screens.add(screen);
        }
        assertThat(bus.subscriptionCount()).isEqualTo(before + 20);
        for (int i = 0; i < 100; i++) {
            bus.deliverLocally(new LiveEvent(LiveEvent.CONVERSATION_CHANGED, "note", conversation.conversationId(),
                    conversation.customerId(), null, null, null, null, "Le " + id, Channel.EMAIL, "Hi", null, "OPEN",
                    "NORMAL", false, java.time.Instant.now(), bus.node()));
            if (i == 50) {
                screens.subList(0, 10).forEach(ui::remove);
                assertThat(bus.subscriptionCount()).as("half the screens closed mid-burst").isEqualTo(before + 10);
            }
        }
        awaitPush("the whole burst on the screens still open",
                () -> java.util.stream.IntStream.range(10, 20).allMatch(n -> received.get(n) == 100));
        for (int n = 0; n < 10; n++) {
            assertThat(received.get(n)).as("a closed screen got only what came before it closed").isLessThanOrEqualTo(51);
        }
        screens.subList(10, 20).forEach(ui::remove);
        assertThat(bus.subscriptionCount()).isEqualTo(before);
    }

    @Test
    void leavingTheScreenEndsItsSubscription() {
        navigate(org.parley.customer.ui.CustomersView.class);
        int before = bus.subscriptionCount();
        navigate(InboxView.class);
        assertThat(bus.subscriptionCount()).isEqualTo(before + 1);
        navigate(org.parley.customer.ui.CustomersView.class);
        assertThat(bus.subscriptionCount()).isEqualTo(before);
    }

    private List<Div> timelineMessages() {
        return $(Div.class, $(Div.class).id("timeline")).withClassName("timeline-message").all();
    }

    private String timelineText() {
        return $(Div.class).id("timeline").getElement().getTextRecursively();
    }
}
