package org.parley.conversation.ui;

import org.parley.conversation.ConversationAccess.Viewer;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextArea;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.base.Channel;
import org.parley.channel.IngestResult;
import org.parley.channel.InboundMessage;
import org.parley.conversation.ConversationService;
import org.parley.conversation.Direction;
import org.parley.conversation.MessageView;
import org.parley.ui.UiTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

/** The composer on a public thread: banner, count, and the warning before private-looking data goes public. */
@WithMockUser(username = UiTest.AGENT, roles = "AGENT")
class PublicReplyComposerTest extends UiTest {

    @Autowired
    ConversationService conversations;

    IngestResult mention(String handle, String id) {
        return ingestion.ingest(new InboundMessage(Channel.X, "tw-" + id, new InboundMessage.Sender(Channel.X, handle, "Kim"),
                null, "@brand my card was charged twice", null, null, null, null, Instant.now(), "2244994945"));
    }

    IngestResult directMessage(String handle, String id) {
        return ingestion.ingest(new InboundMessage(Channel.X, "dm-" + id, new InboundMessage.Sender(Channel.X, handle, "Kim"),
                null, "hi, it's me from the mention", null, null, null, "dm:77" + id, Instant.now().minusSeconds(60),
                "2244994945"));
    }

    List<MessageView> outbound(IngestResult in) {
        return conversations.messages(Viewer.SYSTEM, in.conversationId()).stream().filter(m -> m.direction() == Direction.OUTBOUND)
                .toList();
    }

    @Test
    void aPublicThreadSaysSoAndCountsAgainstTheLimit() {
        String id = unique();
        IngestResult in = mention("kim_" + id, id);
        navigate("inbox/" + in.conversationId(), InboxView.class);

        assertThat($(Span.class).id("reply-hint").getText()).contains("Public reply on X — everyone can see it");
        test($(TextArea.class).id("reply-text")).setValue("Sorry! 🙏");
        assertThat($(Span.class).id("reply-counter").getText()).isEqualTo("8 / 280");
    }

    @Test
    void privateLookingDataInPublicIsHeldBackAndCanContinueInTheDm() {
        String id = unique();
        IngestResult dm = directMessage("kim_" + id, id);
        IngestResult in = mention("kim_" + id, id);
        assertThat(in.conversationId()).isNotEqualTo(dm.conversationId());
        navigate("inbox/" + in.conversationId(), InboxView.class);

        test($(TextArea.class).id("reply-text")).setValue("Mail us at refunds@brand.example with card 4111 1111 1111 1111");
        test($(Button.class).id("send-reply")).click();

        ConfirmDialog warning = $(ConfirmDialog.class).id("public-reply-warning");
        assertThat(test(warning).getText()).contains("an email address and a card number", "On X everyone can see it");
        assertThat(outbound(in)).isEmpty();

        test(warning).cancel(); // "Continue in DM"
        assertThat($(Span.class).id("reply-hint").getText()).contains("Private message on X");
        assertThat($(TextArea.class).id("reply-text").getValue()).startsWith("Mail us at refunds@brand.example");
        test($(Button.class).id("send-reply")).click();

        assertThat(outbound(in)).isEmpty();
        assertThat(outbound(dm)).singleElement().satisfies(m ->
                assertThat(m.text()).startsWith("Mail us at refunds@brand.example"));
    }

    @Test
    void theAgentMaySendPubliclyAnywayOrCancelWhenThereIsNoDm() {
        String id = unique();
        IngestResult in = mention("lee_" + id, id);
        navigate("inbox/" + in.conversationId(), InboxView.class);

        test($(TextArea.class).id("reply-text")).setValue("Call us on +1 415 555 2671");
        test($(Button.class).id("send-reply")).click();
        ConfirmDialog warning = $(ConfirmDialog.class).id("public-reply-warning");
        assertThat(test(warning).getText()).contains("a phone number", "no direct-message conversation");
        test(warning).cancel();
        assertThat(outbound(in)).isEmpty();

        test($(Button.class).id("send-reply")).click();
        test($(ConfirmDialog.class).id("public-reply-warning")).confirm();
        assertThat(outbound(in)).singleElement().satisfies(m -> assertThat(m.text()).isEqualTo("Call us on +1 415 555 2671"));

        // nothing private: no question asked
        test($(TextArea.class).id("reply-text")).setValue("Thanks for your patience!");
        test($(Button.class).id("send-reply")).click();
        assertThat(outbound(in)).hasSize(2);
    }
}
