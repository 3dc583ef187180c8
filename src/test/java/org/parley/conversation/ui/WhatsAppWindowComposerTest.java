package org.parley.conversation.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Span;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.parley.base.Channel;
import org.parley.channel.IngestResult;
import org.parley.channel.InboundMessage;
import org.parley.conversation.ConversationAccess.Viewer;
import org.parley.conversation.ConversationService;
import org.parley.ui.UiTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

/** The composer on WhatsApp: free text only within 24 hours of the customer's last WhatsApp message. */
@WithMockUser(username = UiTest.AGENT, roles = "AGENT")
class WhatsAppWindowComposerTest extends UiTest {

    @Autowired
    ConversationService conversations;

    IngestResult whatsApp(String id, Instant at) {
        String phone = "+4915199" + String.format("%06d", Math.floorMod(id.hashCode(), 1_000_000));
        return ingestion.ingest(new InboundMessage(Channel.WHATSAPP, "wamid." + id,
                new InboundMessage.Sender(Channel.WHATSAPP, phone, "Wim"), null, "Is my order on its way?", null, null,
                null, "dm:" + phone.substring(1), at));
    }

    @Test
    void outsideTheWindowTheComposerSaysWhyAndDoesNotSend() {
        IngestResult in = whatsApp(unique(), Instant.now().minus(Duration.ofDays(3)));
        navigate("inbox/" + in.conversationId(), InboxView.class);

        assertThat($(Span.class).id("reply-hint").getText())
                .contains("The customer last wrote 3 days ago: WhatsApp allows only template messages outside 24 hours");
        assertThat($(Button.class).id("send-reply").isEnabled()).isFalse();
        assertThat($(Button.class).id("send-resolve").isEnabled()).isFalse();
        assertThat(conversations.messages(Viewer.SYSTEM, in.conversationId())).hasSize(1);
    }

    @Test
    void withinTheWindowTheComposerSends() {
        IngestResult in = whatsApp(unique(), Instant.now().minus(Duration.ofHours(2)));
        navigate("inbox/" + in.conversationId(), InboxView.class);

        assertThat($(Span.class).id("reply-hint").getText()).contains("Reply via WhatsApp").doesNotContain("template");
        assertThat($(Button.class).id("send-reply").isEnabled()).isTrue();
    }
}
