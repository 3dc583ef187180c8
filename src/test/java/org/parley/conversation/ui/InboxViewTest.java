package org.parley.conversation.ui;

import org.parley.conversation.ConversationAccess.Viewer;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridTester;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.tabs.Tabs;
import com.vaadin.flow.component.textfield.TextArea;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.parley.base.Channel;
import org.parley.channel.IngestResult;
import org.parley.conversation.ConversationService;
import org.parley.conversation.ConversationStatus;
import org.parley.conversation.DeliveryStatus;
import org.parley.conversation.Direction;
import org.parley.conversation.InboxQueries;
import org.parley.conversation.InboxRow;
import org.parley.conversation.MessageView;
import org.parley.conversation.Queue;
import org.parley.ui.UiTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

@WithMockUser(username = UiTest.AGENT, roles = "AGENT")
class InboxViewTest extends UiTest {

    @Autowired
    InboxQueries inbox;
    @Autowired
    ConversationService conversations;
    @Autowired
    org.parley.conversation.ConversationAccess access;

    @Test
    void newInboundConversationIsListedInUnassignedWithItsCountAndTimeline() {
        long before = inbox.count(access.viewerOf(agentId(AGENT)), Queue.UNASSIGNED);
        String id = unique();
        IngestResult in = ingest(Channel.EMAIL, "ann-" + id + "@example.com", "Ann " + id, "Where is my order?",
                "It has not arrived yet.\nOrder " + id);

        navigate(InboxView.class);
        Button unassigned = $(Button.class).id("queue-unassigned");
        assertThat(unassigned.getElement().getAttribute("data-count")).isEqualTo(Long.toString(before + 1));
        assertThat(unassigned.getText()).isEqualTo("Unassigned " + (before + 1));

        test(unassigned).click();
        GridTester<Grid<InboxRow>, InboxRow> list = test(conversationList());
        assertThat(list.size()).isEqualTo(before + 1);
        InboxRow newest = list.getRow(0);
        assertThat(newest.conversationId()).isEqualTo(in.conversationId());
        assertThat(newest.customerName()).isEqualTo("Ann " + id);
        assertThat(newest.channel()).isEqualTo(Channel.EMAIL);

        list.select(0);
        List<Div> messages = timelineMessages();
        assertThat(messages).hasSize(1);
        assertThat(messages.getFirst().getClassNames()).contains("inbound", "selected");
        assertThat(messages.getFirst().getElement().getTextRecursively()).contains("Order " + id, "Email");
        Div body = $(Div.class, messages.getFirst()).withClassName("message-body").single();
        assertThat(body.getClassNames()).contains("plain");
        assertThat($(Div.class, timeline()).withClassName("conversation-marker").withClassName("selected").all())
                .hasSize(1);
        Div panel = $(Div.class).id("customer-panel");
        assertThat(panel.getElement().getTextRecursively()).contains("ann-" + id + "@example.com",
                "1 conversation");
    }

    @Test
    void replyIsStoredQueuedAndShownAtOnce_andANoteLooksLikeANote() {
        String id = unique();
        IngestResult in = ingest(Channel.EMAIL, "bob-" + id + "@example.com", "Bob " + id, "Refund",
                "Please refund order " + id);
        navigate("inbox/" + in.conversationId(), InboxView.class);
        assertThat(timelineMessages()).hasSize(1);

        Select<Channel> channel = $(Select.class).id("reply-channel");
        assertThat(channel.getValue()).isEqualTo(Channel.EMAIL);
        test($(TextArea.class).id("reply-text")).setValue("Refund is on its way " + id);
        test($(Button.class).id("send-reply")).click();

        List<MessageView> stored = conversations.messages(Viewer.SYSTEM, in.conversationId());
        MessageView reply = stored.stream().filter(m -> m.direction() == Direction.OUTBOUND).findFirst()
                .orElseThrow();
        // queued in the reply's transaction; the outbox may already have failed it (no mailbox is connected here)
        assertThat(reply.deliveryStatus()).isIn(DeliveryStatus.QUEUED, DeliveryStatus.FAILED);
        assertThat(reply.channel()).isEqualTo(Channel.EMAIL);
        assertThat(reply.text()).isEqualTo("Refund is on its way " + id);
        assertThat(reply.authorAgentId()).isEqualTo(agentId(AGENT));

        List<Div> messages = timelineMessages();
        assertThat(messages).hasSize(2);
        assertThat(messages.getLast().getClassNames()).contains("outbound");
        assertThat(messages.getLast().getElement().getTextRecursively()).contains("Refund is on its way " + id)
                .containsAnyOf("Queued", "Failed");
        assertThat($(TextArea.class).id("reply-text").getValue()).isEmpty();
        // the list follows: a reply assigns the conversation to its author, so it now shows in Mine
        test($(Button.class).id("queue-mine")).click();
        assertThat(test(conversationList()).getRow(0).conversationId()).isEqualTo(in.conversationId());
        assertThat(test(conversationList()).getRow(0).status()).isEqualTo(ConversationStatus.PENDING);

        test($(Tabs.class).id("composer-mode")).select("Internal note");
        assertThat($(Button.class).withId("send-resolve").exists()).isFalse();
        test($(TextArea.class).id("reply-text")).setValue("Customer is a VIP " + id);
        test($(Button.class).id("send-reply")).click();

        assertThat(conversations.messages(Viewer.SYSTEM, in.conversationId())).anySatisfy(m -> {
            assertThat(m.direction()).isEqualTo(Direction.NOTE);
            assertThat(m.text()).isEqualTo("Customer is a VIP " + id);
        });
        messages = timelineMessages();
        assertThat(messages).hasSize(3);
        assertThat(messages.getLast().getClassNames()).contains("note");
        assertThat($(Span.class, messages.getLast()).withClassName("note-label").single().getText())
                .isEqualTo("Internal note");
    }

    @Test
    void socialChannelShowsPublicHintAndCounter() {
        String id = unique();
        IngestResult in = ingest(Channel.X, "@x" + id, "Xena " + id, null, "@parley your app is down");
        navigate("inbox/" + in.conversationId(), InboxView.class);
        assertThat($(Span.class).id("reply-hint").getText()).contains("Public reply");
        test($(TextArea.class).id("reply-text")).setValue("We are on it");
        assertThat($(Span.class).id("reply-counter").getText()).isEqualTo("12 / 280");
        test($(TextArea.class).id("reply-text")).setValue("x".repeat(281));
        test($(Button.class).id("send-reply")).click();
        assertThat($(TextArea.class).id("reply-text").isInvalid()).isTrue();
        assertThat(conversations.messages(Viewer.SYSTEM, in.conversationId())).hasSize(1);
    }

    @Test
    void assignToMeMovesTheConversationToMine_andResolvingTakesItOutOfTheOpenQueues() {
        String id = unique();
        IngestResult in = ingest(Channel.EMAIL, "cy-" + id + "@example.com", "Cy " + id, "Login", "Cannot log in");
        UUID me = agentId(AGENT);
        long mineBefore = inbox.wholeQueueCount(Viewer.SYSTEM, Queue.MINE, me);
        navigate("inbox/" + in.conversationId(), InboxView.class);

        test($(Button.class).id("assign-me")).click();
        assertThat(conversations.get(Viewer.SYSTEM, in.conversationId()).assigneeId()).isEqualTo(me);
        Button mine = $(Button.class).id("queue-mine");
        assertThat(mine.getElement().getAttribute("data-count")).isEqualTo(Long.toString(mineBefore + 1));
        test(mine).click();
        assertThat(rowIds()).contains(in.conversationId());

        Select<ConversationStatus> status = $(Select.class).id("status");
        test(status).selectItem("Resolved");
        assertThat(conversations.get(Viewer.SYSTEM, in.conversationId()).status()).isEqualTo(ConversationStatus.RESOLVED);
        assertThat(mine.getElement().getAttribute("data-count")).isEqualTo(Long.toString(mineBefore));
        assertThat(rowIds()).doesNotContain(in.conversationId());
        test($(Button.class).id("queue-all-open")).click();
        assertThat(rowIds()).doesNotContain(in.conversationId());
        test($(Button.class).id("queue-resolved")).click();
        assertThat(rowIds()).contains(in.conversationId());
    }

    @Test
    void assigningToAnotherAgentAndTaggingAreSaved() {
        String id = unique();
        IngestResult in = ingest(Channel.EMAIL, "di-" + id + "@example.com", "Di " + id, "Invoice", "Wrong VAT");
        navigate("inbox/" + in.conversationId(), InboxView.class);
        test($(com.vaadin.flow.component.combobox.ComboBox.class).id("assignee")).selectItem("Otto Other");
        assertThat(conversations.get(Viewer.SYSTEM, in.conversationId()).assigneeId()).isEqualTo(agentId(OTHER_AGENT));
        test($(Select.class).id("priority")).selectItem("Urgent");
        assertThat(conversations.get(Viewer.SYSTEM, in.conversationId()).priority().name()).isEqualTo("URGENT");
    }

    @Test
    void keyboardMovesThroughTheListAndResolves() {
        String id = unique();
        IngestResult older = ingest(Channel.EMAIL, "ed-" + id + "@example.com", "Ed " + id, "One", "first");
        IngestResult newer = ingest(Channel.EMAIL, "fa-" + id + "@example.com", "Fa " + id, "Two", "second");
        navigate(InboxView.class);
        test($(Button.class).id("queue-unassigned")).click();
        Grid<InboxRow> grid = conversationList();
        test(grid).select(0);
        assertThat(selected()).isEqualTo(newer.conversationId());

        InboxView view = (InboxView) getCurrentView();
        view.key("j");
        assertThat(selected()).isEqualTo(older.conversationId());
        view.key("k");
        assertThat(selected()).isEqualTo(newer.conversationId());

        view.key("e");
        assertThat(conversations.get(Viewer.SYSTEM, newer.conversationId()).status()).isEqualTo(ConversationStatus.RESOLVED);
        assertThat(selected()).isEqualTo(older.conversationId());
    }

    @Test
    void longTimelineShowsTheNewest200AndLoadsEarlierOnDemand() {
        String id = unique();
        java.time.Instant start = java.time.Instant.now().minusSeconds(10_000);
        IngestResult first = null;
        for (int i = 0; i < TimelinePanel.PAGE + 5; i++) {
            IngestResult r = ingest(Channel.WHATSAPP, "+1202555" + String.format("%04d", Math.abs(id.hashCode()) % 10000),
                    "Gus " + id, null, "message " + i, start.plusSeconds(i));
            first = first == null ? r : first;
        }
        navigate("inbox/" + first.conversationId(), InboxView.class);
        assertThat(timelineMessages()).hasSize(TimelinePanel.PAGE);
        assertThat(timelineMessages().getLast().getElement().getTextRecursively()).contains("message 204");
        Button earlier = $(Button.class).id("timeline-earlier");
        assertThat(earlier.getText()).isEqualTo("Show earlier (5 more)");
        test(earlier).click();
        assertThat(timelineMessages()).hasSize(TimelinePanel.PAGE + 5);
        assertThat(timelineMessages().getFirst().getElement().getTextRecursively()).contains("message 0");
        assertThat($(Button.class).withId("timeline-earlier").exists()).isFalse();
    }

    @SuppressWarnings("unchecked")
    private Grid<InboxRow> conversationList() {
        return $(Grid.class).id("conversation-list");
    }

    private UUID selected() {
        return ((InboxView) getCurrentView()).selectedConversationId();
    }

    private List<UUID> rowIds() {
        GridTester<Grid<InboxRow>, InboxRow> list = test(conversationList());
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            ids.add(list.getRow(i).conversationId());
        }
        return ids;
    }

    private Div timeline() {
        return $(Div.class).id("timeline");
    }

    private List<Div> timelineMessages() {
        return $(Div.class, timeline()).withClassName("timeline-message").all();
    }
}
