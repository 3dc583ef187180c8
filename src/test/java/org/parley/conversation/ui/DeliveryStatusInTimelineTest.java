package org.parley.conversation.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import org.junit.jupiter.api.Test;
import org.parley.base.Channel;
import org.parley.channel.IngestResult;
import org.parley.channel.outbox.OutboxDispatcher;
import org.parley.conversation.ConversationService;
import org.parley.conversation.DeliveryStatus;
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

    @Test
    void aFailedReplyShowsTheReasonAndRetryQueuesItAgain() {
        IngestResult in = ingest(Channel.EMAIL, "retry-" + unique() + "@example.com", "Rita", "Lost parcel", "Where?");
        MessageView reply = conversations.reply(in.conversationId(), agentId(AGENT), null, "Looking into it", false);
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

    private Div outgoing() {
        return $(Div.class).withClassName("timeline-message").withClassName("outbound").single();
    }
}
