package org.parley.conversation.ui;

import org.parley.conversation.ConversationAccess.Viewer;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Image;
import java.nio.charset.StandardCharsets;
import java.util.List;
import com.vaadin.flow.component.html.Span;
import org.junit.jupiter.api.Test;
import org.parley.base.Channel;
import org.parley.channel.IngestResult;
import org.parley.channel.outbox.OutboxDispatcher;
import org.parley.conversation.ConversationService;
import org.parley.conversation.DeliveryStatus;
import org.parley.conversation.MessageAttachments;
import org.parley.conversation.MessageView;
import org.parley.conversation.OutboundQueue;
import org.parley.ui.UiTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.TestPropertySource;

/** Each reply shows its delivery status in the timeline; a failed one says why and can be sent again. */
@WithMockUser(username = UiTest.AGENT, roles = "AGENT")
@TestPropertySource(properties = "parley.outbox.enabled=false")
class DeliveryStatusInTimelineTest extends UiTest {

    @Autowired
    ConversationService conversations;
    @Autowired
    OutboundQueue outbox;
    @Autowired
    OutboxDispatcher dispatcher;
    @Autowired
    MessageAttachments attachments;

    @Test
    void aFailedReplyShowsTheReasonAndRetryQueuesItAgain() {
        IngestResult in = ingest(Channel.EMAIL, "retry-" + unique() + "@example.com", "Rita", "Lost parcel", "Where?");
        MessageView reply = conversations.replyAt(Viewer.SYSTEM, in.conversationId(), agentId(AGENT), null, "Looking into it", false, java.time.Instant.now());
        dispatcher.dispatchDue(); // no mailbox is connected in this context
        assertThat(outbox.get(reply.id()).deliveryStatus()).isEqualTo(DeliveryStatus.FAILED);

        navigate("customers/" + in.customerId() + "/timeline", CustomerTimelineView.class);
        Div item = outgoing();
        assertThat($(Span.class, item).withClassName("delivery").single().getText()).isEqualTo("Failed");
        assertThat($(Span.class, item).withClassName("delivery-error").single().getText())
                .isEqualTo("no connected account for channel EMAIL");

        test($(Button.class, item).withClassName("delivery-retry").single()).click();
        assertThat(outbox.get(reply.id()).deliveryStatus()).isEqualTo(DeliveryStatus.QUEUED);
        assertThat($(Span.class, outgoing()).withClassName("delivery").single().getText()).isEqualTo("Queued");
        assertThat($(Button.class, outgoing()).withClassName("delivery-retry").exists()).isFalse();
    }

    @Test
    void anAnswerOnThePhoneShowsAsLoggedNotSent() {
        IngestResult in = ingest(Channel.PHONE, "+1 415 555 " + (1000 + (unique().hashCode() & 0xfff) % 9000), "Paula",
                null, "Call: where is my parcel?");
        MessageView reply = conversations.replyAt(Viewer.SYSTEM, in.conversationId(), agentId(AGENT), Channel.PHONE,
                "Told her it arrives tomorrow", false, java.time.Instant.now());
        dispatcher.dispatchDue(); // nothing sends a phone answer: it is recorded
        assertThat(outbox.get(reply.id()).deliveryStatus()).isEqualTo(DeliveryStatus.LOGGED);

        navigate("customers/" + in.customerId() + "/timeline", CustomerTimelineView.class);
        Span status = $(Span.class, outgoing()).withClassName("delivery").single();
        assertThat(status.getText()).isEqualTo("Logged");
        assertThat(status.getClassNames()).contains("delivery-logged");
        assertThat($(Button.class, outgoing()).withClassName("delivery-retry").exists()).isFalse();
    }

    @Test
    void attachmentsAreListedForDownloadAndInlineImagesShown() {
        IngestResult in = ingest(Channel.EMAIL, "files-" + unique() + "@example.com", "Fred", "Photos", "See attached");
        attachments.store(in.messageId(), List.of(
                new MessageAttachments.NewAttachment("invoice.pdf", "application/pdf", null, false,
                        "%PDF-1.4 tiny".getBytes(StandardCharsets.US_ASCII)),
                new MessageAttachments.NewAttachment("photo.png", "image/png", "img1@x", true, new byte[2048])));

        navigate("customers/" + in.customerId() + "/timeline", CustomerTimelineView.class);
        Div item = $(Div.class).withClassName("timeline-message").withClassName("inbound").single();
        assertThat($(Anchor.class, item).withClassName("attachment-link").all()).extracting(Anchor::getText)
                .containsExactlyInAnyOrder("invoice.pdf (13 B)", "photo.png (2 KB)");
        assertThat($(Anchor.class, item).withClassName("attachment-link").all())
                .allSatisfy(a -> assertThat(a.getHref()).isNotBlank());
        assertThat($(Image.class, item).withClassName("inline-image").single().getAlt()).contains("photo.png");
    }

    private Div outgoing() {
        return $(Div.class).withClassName("timeline-message").withClassName("outbound").single();
    }
}
