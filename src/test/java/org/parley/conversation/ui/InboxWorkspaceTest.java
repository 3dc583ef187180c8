package org.parley.conversation.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridTester;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.tabs.Tabs;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.parley.base.Channel;
import org.parley.channel.IngestResult;
import org.parley.conversation.ConversationAccess;
import org.parley.conversation.ConversationAccess.Viewer;
import org.parley.conversation.ConversationService;
import org.parley.conversation.ConversationStatus;
import org.parley.conversation.ConversationView;
import org.parley.conversation.DeliveryStatus;
import org.parley.conversation.Direction;
import org.parley.conversation.InboxPreferences;
import org.parley.conversation.InboxQueries;
import org.parley.conversation.InboxRow;
import org.parley.conversation.MessageView;
import org.parley.conversation.OutboundQueue;
import org.parley.conversation.Queue;
import org.parley.conversation.ui.extension.ConversationUpdate;
import org.parley.customer.ui.CustomersView;
import org.parley.realtime.NotificationCenter;
import org.parley.realtime.NotificationView;
import org.parley.support.Viewers;
import org.parley.team.Team;
import org.parley.ui.UiTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

/**
 * The agent's workspace of issue 13 without a browser: the composer starts every conversation in Reply mode, a
 * send-and-resolve whose reply fails reopens the conversation and tells its author, Needs-reply queues and their
 * counts, unread until the assignee opens it, the keys, @mention suggestions, the list search and the customer
 * panel remembered per agent.
 */
@WithMockUser(username = UiTest.AGENT, roles = "AGENT")
class InboxWorkspaceTest extends UiTest {

    @Autowired
    org.parley.base.events.SpineProgress spine;
    @Autowired
    ConversationService conversations;
    @Autowired
    InboxQueries inbox;
    @Autowired
    ConversationAccess access;
    @Autowired
    OutboundQueue outbox;
    @Autowired
    NotificationCenter notifications;
    @Autowired
    InboxPreferences preferences;

    @Test
    void everyConversationOpensInReplyMode_andALiveRefreshKeepsTheNoteBeingWritten() {
        String id = unique();
        IngestResult a = ingest(Channel.EMAIL, "ann-" + id + "@example.com", "Ann " + id, "First " + id, "a");
        IngestResult b = ingest(Channel.EMAIL, "ben-" + id + "@example.com", "Ben " + id, "Second " + id, "b");
        navigate("inbox/" + a.conversationId(), InboxView.class);
        InboxView view = view();

        test($(Tabs.class).id("composer-mode")).select("Internal note");
        test(text()).setValue("Half a note " + id);
        assertThat(view.composer().isNoteMode()).isTrue();
        // a push about the open conversation redraws it: the note and its mode stay
        view.onLiveUpdates(List.of(new ConversationUpdate(a.conversationId(),
                conversations.get(Viewer.SYSTEM, a.conversationId()).customerId(), "message")));
        assertThat(view.composer().isNoteMode()).isTrue();
        assertThat(text().getValue()).isEqualTo("Half a note " + id);

        view.open(b.conversationId());
        assertThat(view.composer().isNoteMode()).isFalse();
        assertThat(text().getValue()).isEmpty();
        assertThat($(Button.class).id("send-resolve").isVisible()).isTrue();

        // n and r switch the mode of the open conversation
        view.key("n");
        assertThat(view.composer().isNoteMode()).isTrue();
        view.key("r");
        assertThat(view.composer().isNoteMode()).isFalse();
        view.key("n");
        view.open(a.conversationId());
        assertThat(view.composer().isNoteMode()).isFalse();
    }

    @Test
    void aPushThatChangesNoCountWritesNothingToTheQueueButtons() {
        String id = unique();
        IngestResult a = ingest(Channel.EMAIL, "eve-" + id + "@example.com", "Eve " + id, "Counted " + id, "e");
        navigate("inbox/" + a.conversationId(), InboxView.class);
        InboxView view = view();
        ConversationUpdate update = new ConversationUpdate(a.conversationId(),
                conversations.get(Viewer.SYSTEM, a.conversationId()).customerId(), "message");
        view.onLiveUpdates(List.of(update));
        com.vaadin.flow.internal.StateTree tree = com.vaadin.flow.component.UI.getCurrent().getInternals().getStateTree();
        tree.collectChanges(change -> {
        });

        // every screen refreshes its counts on every push: the same counts again must not reach the browser
        view.onLiveUpdates(List.of(update));
        java.util.Set<com.vaadin.flow.internal.StateNode> buttons = new java.util.HashSet<>();
        $(Button.class).all().stream().filter(b -> b.getClassNames().contains("queue"))
                .forEach(b -> nodesOf(b.getElement(), buttons));
        assertThat(buttons).as("queue buttons on the screen").isNotEmpty();
        assertThat($(Button.class).id("queue-unassigned").getText()).matches("Unassigned \\d+");
        List<com.vaadin.flow.internal.change.NodeChange> written = new ArrayList<>();
        tree.collectChanges(written::add);
        assertThat(written).noneMatch(change -> buttons.contains(change.getNode()));
    }

    @Test
    void aNewMessageOfTheOpenCustomerAddsItToTheTimelineAndLeavesTheCustomerPanelAsItWas() {
        String id = unique();
        String address = "fay-" + id + "@example.com";
        IngestResult first = ingest(Channel.EMAIL, address, "Fay " + id, "Panel " + id, "first");
        navigate("inbox/" + first.conversationId(), InboxView.class);
        InboxView view = view();
        com.vaadin.flow.component.html.H3 name = $(com.vaadin.flow.component.html.H3.class).id("customer-name");

        // the customer writes again: their last-seen time moves, nothing the panel shows does
        IngestResult second = ingest(Channel.EMAIL, address, "Fay " + id, "Panel " + id, "second " + id);
        assertThat(second.conversationId()).isEqualTo(first.conversationId());
        view.onLiveUpdates(List.of(new ConversationUpdate(first.conversationId(),
                conversations.get(Viewer.SYSTEM, first.conversationId()).customerId(), "message")));

        assertThat($(com.vaadin.flow.component.html.H3.class).id("customer-name")).as("the panel was not rebuilt")
                .isSameAs(name);
        assertThat($(Div.class).withClassName("timeline-message").all()).extracting(d -> d.getElement().getTextRecursively())
                .anyMatch(text -> text.contains("second " + id));
    }

    private static void nodesOf(com.vaadin.flow.dom.Element element, java.util.Set<com.vaadin.flow.internal.StateNode> into) {
        into.add(element.getNode());
        element.getChildren().forEach(child -> nodesOf(child, into));
    }

    @Test
    void sendAndResolveMovesOn_andWhenTheReplyFailsTheConversationReopensAndItsAuthorIsTold() {
        String id = unique();
        UUID me = agentId(AGENT);
        IngestResult older = ingest(Channel.EMAIL, "cy-" + id + "@example.com", "Cy " + id, "Older " + id, "one");
        IngestResult newer = ingest(Channel.EMAIL, "dee-" + id + "@example.com", "Dee " + id, "Newer " + id, "two");
        conversations.assign(Viewer.SYSTEM, older.conversationId(), me);
        conversations.assign(Viewer.SYSTEM, newer.conversationId(), me);
        notifications.markAllRead(Viewers.of(me));
        navigate("inbox/" + newer.conversationId(), InboxView.class);
        InboxView view = view();
        assertThat(view.currentQueue()).isEqualTo(Queue.MINE);

        test(text()).setValue("All sorted " + id);
        test($(Button.class).id("send-resolve")).click();
        // resolved with the reply, and the next conversation of the list is open
        assertThat(view.selectedConversationId()).isEqualTo(older.conversationId());
        MessageView reply = conversations.messages(Viewer.SYSTEM, newer.conversationId()).stream()
                .filter(m -> m.direction() == Direction.OUTBOUND).findFirst().orElseThrow();

        // the outbox gives up on it (this is what the dispatcher reports when no mailbox takes it)
        giveUp(reply.id());
        awaitPush("the reopened conversation", () ->
                conversations.get(Viewer.SYSTEM, newer.conversationId()).status() == ConversationStatus.OPEN);
        ConversationView reopened = conversations.get(Viewer.SYSTEM, newer.conversationId());
        assertThat(reopened.assigneeId()).isEqualTo(me);
        assertThat(conversations.messages(Viewer.SYSTEM, newer.conversationId()).getLast()).satisfies(note -> {
            assertThat(note.direction()).isEqualTo(Direction.NOTE);
            assertThat(note.authorName()).isEqualTo("Parley");
            assertThat(note.text()).contains("Una Agent's reply on Email was not delivered", "open again");
        });
        assertThat(conversations.messages(Viewer.SYSTEM, newer.conversationId())).anySatisfy(m -> {
            assertThat(m.id()).isEqualTo(reply.id());
            assertThat(m.deliveryStatus()).isEqualTo(DeliveryStatus.FAILED);
        });
        // it needs a reply again, in the author's queues
        assertThat(ids(inbox.page(viewer(), Queue.NEEDS_MY_REPLY, null, 500))).contains(newer.conversationId());

        // the bell and a toast
        awaitPush("the notification", () -> notifications.latest(Viewers.of(me), 5).stream()
                .anyMatch(n -> "DELIVERY_FAILED".equals(n.kind()) && newer.conversationId().equals(n.conversationId())));
        NotificationView told = notifications.latest(Viewers.of(me), 5).stream().filter(n -> "DELIVERY_FAILED".equals(n.kind()))
                .findFirst().orElseThrow();
        String reason = conversations.messages(Viewer.SYSTEM, newer.conversationId()).stream().filter(m -> m.id().equals(reply.id()))
                .findFirst().orElseThrow().deliveryError();
        assertThat(told.text()).contains("Your reply on “Newer " + id + "” was not delivered: " + reason);
        awaitPush("the toast", () -> $(Notification.class).all().stream()
                .anyMatch(n -> n.hasClassName("delivery-failed-toast") && test(n).getText().contains("Newer " + id)));

        // the timeline marks the reply that never arrived
        view.open(newer.conversationId());
        assertThat($(Div.class, $(Div.class).id("timeline")).withClassName("not-delivered").all()).hasSize(1);
    }

    @Test
    void needsReplyHoldsOpenConversationsWhereTheCustomerHadTheLastWord_perAgentAndPerTeam() {
        String id = unique();
        UUID me = agentId(AGENT);
        Team t = team.createTeam("Needs " + id, null);
        team.addMember(t.getId(), me, false);
        Viewer mine = viewer();
        Viewer others = access.viewerOf(agentId(OTHER_AGENT));
        long myBefore = inbox.count(mine, Queue.NEEDS_MY_REPLY);
        String from = "eve-" + id + "@example.com";
        UUID c = ingest(Channel.EMAIL, from, "Eve " + id, "Help " + id, "Please help").conversationId();
        conversations.moveToTeam(Viewer.SYSTEM, c, t.getId());
        conversations.assign(Viewer.SYSTEM, c, me);

        Queue teamQueue = Queue.teamNeedsReply(t.getId());
        assertThat(inbox.count(mine, Queue.NEEDS_MY_REPLY)).isEqualTo(myBefore + 1);
        assertThat(inbox.count(mine, teamQueue)).isEqualTo(1);
        assertThat(inbox.page(mine, teamQueue, null, 10)).singleElement().satisfies(r -> {
            assertThat(r.conversationId()).isEqualTo(c);
            assertThat(r.needsReply()).isTrue();
        });
        // the team is not Otto's and not open to all: its queue shows him nothing
        assertThat(inbox.count(others, teamQueue)).isZero();

        // a note is not an answer
        conversations.addNoteAt(Viewer.SYSTEM, c, agentId(OTHER_AGENT), "Looking into it", java.time.Instant.now());
        assertThat(inbox.count(mine, teamQueue)).isEqualTo(1);
        // an answer is: pending, waiting on the customer
        conversations.replyAt(Viewer.SYSTEM, c, me, null, "Here you go", false, java.time.Instant.now());
        assertThat(inbox.count(mine, teamQueue)).isZero();
        assertThat(inbox.count(mine, Queue.NEEDS_MY_REPLY)).isEqualTo(myBefore);
        // the customer writes again: back
        ingest(Channel.EMAIL, from, "Eve " + id, "Re: Help " + id, "Still broken");
        assertThat(conversations.get(Viewer.SYSTEM, c).messageCount()).isEqualTo(4);
        assertThat(inbox.count(mine, teamQueue)).isEqualTo(1);
        // put on hold by hand (pending): not waiting on us
        conversations.setStatus(Viewer.SYSTEM, c, ConversationStatus.PENDING);
        assertThat(inbox.count(mine, teamQueue)).isZero();
        conversations.setStatus(Viewer.SYSTEM, c, ConversationStatus.OPEN);

        // the inbox shows both queues with their counts, and lists the conversation in each
        navigate(InboxView.class);
        Button needsMine = $(Button.class).id("queue-needs-my-reply");
        Button needsTeam = $(Button.class).id("queue-team-needs-reply-" + t.getId());
        assertThat(needsMine.getElement().getAttribute("data-count")).isEqualTo(Long.toString(myBefore + 1));
        assertThat(needsMine.getText()).isEqualTo("Needs my reply " + (myBefore + 1));
        assertThat(needsTeam.getText()).isEqualTo("Needs reply 1");
        test(needsTeam).click();
        assertThat(rowIds()).containsExactly(c);
        test(needsMine).click();
        assertThat(rowIds()).contains(c);
        // answered from the inbox: both counts follow at once
        view().open(c);
        test(text()).setValue("Fixed now " + id);
        test($(Button.class).id("send-reply")).click();
        assertThat(needsTeam.getElement().getAttribute("data-count")).isEqualTo("0");
        assertThat(needsMine.getElement().getAttribute("data-count")).isEqualTo(Long.toString(myBefore));
    }

    @Test
    void aConversationIsUnreadUntilItsAssigneeOpensIt_andAgainWhenTheCustomerWrites() {
        String id = unique();
        UUID me = agentId(AGENT);
        String from = "fay-" + id + "@example.com";
        UUID c = ingest(Channel.EMAIL, from, "Fay " + id, "Unread " + id, "Hello").conversationId();
        assertThat(row(c).unread()).as("nobody's yet").isFalse();
        conversations.assign(Viewer.SYSTEM, c, me);
        assertThat(row(c).unread()).isTrue();
        // someone else looking does not make it read
        assertThat(conversations.markRead(access.viewerOf(agentId(OTHER_AGENT)), c)).isFalse();
        assertThat(row(c).unread()).isTrue();

        navigate(InboxView.class);
        test($(Button.class).id("queue-mine")).click();
        assertThat(gridRow(c).unread()).isTrue();
        view().open(c);
        assertThat(row(c).unread()).isFalse();
        assertThat(gridRow(c).unread()).as("the list line is redrawn").isFalse();

        ingest(Channel.EMAIL, from, "Fay " + id, "Re: Unread " + id, "Anyone?");
        assertThat(row(c).unread()).isTrue();
        // answering it is reading it
        conversations.replyAt(Viewer.SYSTEM, c, me, null, "Yes", false, java.time.Instant.now());
        assertThat(row(c).unread()).isFalse();
        // new to a new assignee; assigning it to oneself from the inbox is reading it
        conversations.assign(Viewer.SYSTEM, c, agentId(OTHER_AGENT));
        assertThat(row(c).unread()).isTrue();
        conversations.assign(viewer(), c, me);
        assertThat(row(c).unread()).isFalse();
    }

    @Test
    void theKeysWorkOnTheOpenConversation() {
        String id = unique();
        IngestResult older = ingest(Channel.EMAIL, "gil-" + id + "@example.com", "Gil " + id, "K1 " + id, "one");
        IngestResult newer = ingest(Channel.EMAIL, "hal-" + id + "@example.com", "Hal " + id, "K2 " + id, "two");
        navigate(InboxView.class);
        test($(Button.class).id("queue-unassigned")).click();
        InboxView view = view();

        view.key("o");
        assertThat(view.selectedConversationId()).as("o opens the first").isEqualTo(newer.conversationId());
        view.key("a");
        assertThat(conversations.get(Viewer.SYSTEM, newer.conversationId()).assigneeId()).isEqualTo(agentId(AGENT));
        // a took it out of Unassigned: the list follows, and j goes on to the next
        view.key("j");
        assertThat(view.selectedConversationId()).isEqualTo(older.conversationId());
        view.key("e");
        assertThat(conversations.get(Viewer.SYSTEM, older.conversationId()).status()).isEqualTo(ConversationStatus.RESOLVED);

        view.key("?");
        Dialog help = $(Dialog.class).id("keyboard-help");
        assertThat(help.isOpened()).isTrue();
        assertThat(help.getElement().getTextRecursively()).contains("Resolve and open the next", "Ctrl+Shift+Enter");
        test($(Button.class).id("keyboard-help-close")).click();
        assertThat(help.isOpened()).isFalse();
    }

    @Test
    void aNoteSuggestsTheAgentsWhoMaySeeTheConversation() {
        String id = unique();
        IngestResult in = ingest(Channel.EMAIL, "ida-" + id + "@example.com", "Ida " + id, "Mention " + id, "m");
        // (the inbox reads the agent's teams when it opens)
        Team t = team.createTeam("Closed " + id, null);
        team.addMember(t.getId(), agentId(AGENT), false);
        navigate("inbox/" + in.conversationId(), InboxView.class);
        Composer composer = view().composer();

        // in a reply, an @ suggests nobody (the customer would read it)
        composer.mentionTyped("Hi @ot", 6);
        assertThat(composer.mentionSuggestions()).isEmpty();

        composer.setNoteMode(true);
        composer.mentionTyped("cc @ot", 6);
        assertThat(composer.mentionSuggestions()).contains(OTHER_AGENT).doesNotContain(AGENT, ADMIN);
        assertThat($(Div.class).id("mention-suggestions").isVisible()).isTrue();
        composer.mentionTyped("cc @ui-", 7);
        assertThat(composer.mentionSuggestions()).contains(OTHER_AGENT, ADMIN).doesNotContain(AGENT);
        composer.mentionTyped("cc @otto", 8);
        assertThat(composer.mentionSuggestions()).as("a word of the name").contains(OTHER_AGENT);
        composer.mentionTyped("cc @otto please", 15);
        assertThat(composer.mentionSuggestions()).as("the caret left the mention").isEmpty();

        composer.mentionTyped("cc @ot please", 6);
        composer.acceptMention(new org.parley.conversation.Mentions.Candidate(agentId(OTHER_AGENT), OTHER_AGENT,
                "Otto Other"));
        assertThat(text().getValue()).isEqualTo("cc @" + OTHER_AGENT + "  please");
        assertThat($(Div.class).withId("mention-suggestions").exists()).as("closed").isFalse();

        // a conversation of a team Otto is not in: he is not suggested, the admin (who sees all) is
        conversations.moveToTeam(Viewer.SYSTEM, in.conversationId(), t.getId());
        view().open(ingest(Channel.EMAIL, "jo-" + id + "@example.com", "Jo " + id, "Other " + id, "x")
                .conversationId());
        view().open(in.conversationId());
        composer.setNoteMode(true);
        composer.mentionTyped("@ui-", 4);
        assertThat(composer.mentionSuggestions()).contains(ADMIN).doesNotContain(OTHER_AGENT);
    }

    @Test
    void theSearchFieldFindsConversationsByWordsAndFiltersShownAsRemovableChips() {
        String id = unique();
        IngestResult wanted = ingest(Channel.EMAIL, "kim-" + id + "@example.com", "Kim " + id, "S1 " + id,
                "the kettle is broken " + id);
        IngestResult other = ingest(Channel.EMAIL, "lou-" + id + "@example.com", "Lou " + id, "S2 " + id,
                "where is my kettle " + id);
        conversations.setStatus(Viewer.SYSTEM, other.conversationId(), ConversationStatus.PENDING);
        assertThat(spine.awaitApplied("search", java.time.Duration.ofSeconds(60))).isTrue();
        navigate(InboxView.class);

        test($(TextField.class).id("conversation-search")).setValue("kettle " + id);
        assertThat(hitIds()).containsExactlyInAnyOrder(wanted.conversationId(), other.conversationId());

        test($(TextField.class).id("conversation-search")).setValue("kettle " + id + " status:open");
        assertThat(hitIds()).containsExactly(wanted.conversationId());
        com.vaadin.flow.component.Component chip = $(Div.class).id("search-chips").getChildren().findFirst()
                .orElseThrow();
        assertThat(chip.getElement().getAttribute("data-token")).isEqualTo("status:open");
        assertThat($(Div.class).id("search-results").getElement().getChild(0).toString()).contains("<mark>kettle</mark>");

        // the chip's x removes the filter from the query
        test((Button) chip.getChildren().filter(Button.class::isInstance).findFirst().orElseThrow()).click();
        assertThat($(TextField.class).id("conversation-search").getValue()).isEqualTo("kettle " + id);
        assertThat(hitIds()).hasSize(2);

        // a click opens the conversation
        test($(Div.class).id("search-results").getChildren().map(Div.class::cast)
                .filter(d -> d.getElement().getAttribute("data-conversation").equals(wanted.conversationId().toString()))
                .findFirst().orElseThrow()).click();
        assertThat(view().selectedConversationId()).isEqualTo(wanted.conversationId());

        test($(TextField.class).id("conversation-search")).setValue("kettle colour:red");
        assertThat($(TextField.class).id("conversation-search").isInvalid()).isTrue();
        assertThat($(TextField.class).id("conversation-search").getErrorMessage()).contains("unknown filter 'colour:'");

        test($(TextField.class).id("conversation-search")).setValue("");
        assertThat($(Div.class).withId("search-results").exists()).as("results hidden").isFalse();
        test($(Button.class).id("queue-unassigned")).click();
        assertThat(rowIds()).contains(wanted.conversationId());
    }

    @Test
    void aSearchSavedAsAViewAppearsAmongTheQueuesWithItsCountAndListsItsConversations() {
        String id = unique();
        IngestResult wanted = ingest(Channel.EMAIL, "vic-" + id + "@example.com", "Vic " + id, "V1 " + id,
                "my toaster burns " + id);
        ingest(Channel.EMAIL, "val-" + id + "@example.com", "Val " + id, "V2 " + id, "nothing to see " + id);
        assertThat(spine.awaitApplied("search", java.time.Duration.ofSeconds(60))).isTrue();
        navigate(InboxView.class);

        test($(TextField.class).id("conversation-search")).setValue("toaster " + id);
        test($(Button.class).id("save-view")).click();
        test($(TextField.class).id("view-name")).setValue("Toasters " + id);
        test($(Button.class).id("save-view-confirm")).click();

        InboxView view = view();
        UUID viewId = view.currentView();
        assertThat(viewId).isNotNull();
        Button entry = $(Button.class).id("view-" + viewId);
        assertThat(entry.getElement().getAttribute("data-count")).isEqualTo("1");
        assertThat(entry.getElement().getClassList()).contains("selected");
        assertThat(rowIds()).containsExactly(wanted.conversationId());

        // a queue, then the view again
        test($(Button.class).id("queue-unassigned")).click();
        assertThat(view.currentView()).isNull();
        test($(Button.class).id("view-" + viewId)).click();
        assertThat(rowIds()).containsExactly(wanted.conversationId());

        test($(Button.class).id("delete-view")).click();
        test($(com.vaadin.flow.component.confirmdialog.ConfirmDialog.class).id("confirm-delete-view")).confirm();
        assertThat($(Button.class).withId("view-" + viewId).exists()).isFalse();
    }

    private List<UUID> hitIds() {
        return $(Div.class).id("search-results").getChildren().map(c -> UUID.fromString(
                c.getElement().getAttribute("data-conversation"))).toList();
    }

    @Test
    void theCustomerPanelStaysCollapsedForThisAgent() {
        String id = unique();
        IngestResult in = ingest(Channel.EMAIL, "max-" + id + "@example.com", "Max " + id, "Panel " + id, "p");
        navigate("inbox/" + in.conversationId(), InboxView.class);
        assertThat($(Div.class).id("customer-panel").isVisible()).isTrue();
        try {
            test($(Button.class).id("toggle-customer-panel")).click();
            assertThat($(Div.class).withId("customer-panel").exists()).as("collapsed").isFalse();
            assertThat(preferences.customerPanelCollapsed(agentId(AGENT))).isTrue();
            assertThat(preferences.customerPanelCollapsed(agentId(OTHER_AGENT))).isFalse();

            // another visit (another screen) of the same agent
            navigate(CustomersView.class);
            navigate("inbox/" + in.conversationId(), InboxView.class);
            assertThat(view().customerPanelCollapsed()).isTrue();
            assertThat($(Div.class).withId("customer-panel").exists()).as("still collapsed").isFalse();
            test($(Button.class).id("toggle-customer-panel")).click();
            assertThat($(Div.class).id("customer-panel").isVisible()).isTrue();
            assertThat(preferences.customerPanelCollapsed(agentId(AGENT))).isFalse();
        } finally {
            preferences.setCustomerPanelCollapsed(agentId(AGENT), false);
        }
    }

    /** Reports the reply FAILED as the dispatcher does; it may be failing it right now itself (no mailbox here). */
    private void giveUp(UUID messageId) {
        for (int attempt = 0; ; attempt++) {
            try {
                outbox.markFailed(messageId, "no connected account for channel EMAIL");
                return;
            } catch (org.springframework.orm.ObjectOptimisticLockingFailureException dispatcherWasFaster) {
                if (attempt == 5) {
                    throw dispatcherWasFaster;
                }
                runPendingAccessTasks();
            }
        }
    }

    private InboxView view() {
        return (InboxView) getCurrentView();
    }

    private TextArea text() {
        return $(TextArea.class).id("reply-text");
    }

    private Viewer viewer() {
        return access.viewerOf(agentId(AGENT));
    }

    private InboxRow row(UUID conversationId) {
        return inbox.row(viewer(), conversationId).orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private GridTester<Grid<InboxRow>, InboxRow> grid() {
        return test((Grid<InboxRow>) $(Grid.class).id("conversation-list"));
    }

    private InboxRow gridRow(UUID conversationId) {
        GridTester<Grid<InboxRow>, InboxRow> list = grid();
        for (int i = 0; i < list.size(); i++) {
            if (list.getRow(i).conversationId().equals(conversationId)) {
                return list.getRow(i);
            }
        }
        throw new AssertionError("not listed: " + conversationId);
    }

    private List<UUID> rowIds() {
        GridTester<Grid<InboxRow>, InboxRow> list = grid();
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            ids.add(list.getRow(i).conversationId());
        }
        return ids;
    }

    private static List<UUID> ids(List<InboxRow> rows) {
        return rows.stream().map(InboxRow::conversationId).toList();
    }
}
