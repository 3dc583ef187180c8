package org.parley.realtime;

import org.parley.conversation.ConversationAccess.Viewer;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextArea;
import org.junit.jupiter.api.Test;
import org.parley.base.Channel;
import org.parley.channel.IngestResult;
import org.parley.conversation.ConversationService;
import org.parley.conversation.Direction;
import org.parley.conversation.ui.InboxView;
import org.parley.ui.UiTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

/** The composer shows who else is on the conversation and warns before a reply that crosses another. */
@WithMockUser(username = UiTest.AGENT, roles = "AGENT")
class CollisionDetectionTest extends UiTest {

    @Autowired
    PresenceRegistry presence;
    @Autowired
    ConversationService conversations;

    @Test
    void anotherAgentViewingAndTypingIsShown_andAReplyThatArrivedMeanwhileNeedsConfirmation() {
        String id = unique();
        IngestResult in = ingest(Channel.EMAIL, "col-" + id + "@example.com", "Cole " + id, "Help", "Help " + id);
        navigate("inbox/" + in.conversationId(), InboxView.class);
        Span bar = $(Span.class).id("presence");
        assertThat(bar.getText()).isEmpty();
        assertThat(presence.others(in.conversationId(), agentId(OTHER_AGENT))).extracting(
                PresenceRegistry.Presence::agentName).containsExactly("Una Agent");

        Object otto = new Object();
        presence.enter(otto, in.conversationId(), agentId(OTHER_AGENT), "Otto Other");
        runPendingAccessTasks();
        assertThat(bar.getText()).isEqualTo("Otto Other is viewing");
        presence.typing(otto);
        runPendingAccessTasks();
        assertThat(bar.getText()).isEqualTo("Otto Other is typing…");

        // Una starts writing; Otto replies meanwhile
        TextArea text = $(TextArea.class).id("reply-text");
        test(text).setValue("Let me check " + id);
        assertThat(presence.others(in.conversationId(), agentId(OTHER_AGENT)))
                .singleElement().extracting(PresenceRegistry.Presence::typing).isEqualTo(true);
        conversations.replyAt(Viewer.SYSTEM, in.conversationId(), agentId(OTHER_AGENT), null, "Otto's answer " + id, false, java.time.Instant.now());
        test($(Button.class).id("send-reply")).click();
        ConfirmDialog confirm = $(ConfirmDialog.class).id("collision-confirm");
        assertThat(confirm.isOpened()).isTrue();
        assertThat(outbound(in)).isEqualTo(1);
        test(confirm).confirm();
        assertThat(outbound(in)).isEqualTo(2);

        // nothing new since: no question
        test($(TextArea.class).id("reply-text")).setValue("One more thing " + id);
        test($(Button.class).id("send-reply")).click();
        assertThat(outbound(in)).isEqualTo(3);

        presence.leave(otto);
        runPendingAccessTasks();
        assertThat(bar.getText()).isEmpty();
    }

    private long outbound(IngestResult in) {
        return conversations.messages(Viewer.SYSTEM, in.conversationId()).stream().filter(m -> m.direction() == Direction.OUTBOUND)
                .count();
    }
}
