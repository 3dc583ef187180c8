package org.parley.channel.ui;

import org.parley.conversation.ConversationAccess.Viewer;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.base.Channel;
import org.parley.channel.IngestResult;
import org.parley.channel.phone.CallDirection;
import org.parley.channel.phone.CallOutcome;
import org.parley.conversation.ConversationService;
import org.parley.conversation.Direction;
import org.parley.conversation.MessageView;
import org.parley.conversation.ui.CustomerTimelineView;
import org.parley.conversation.ui.InboxView;
import org.parley.ui.UiTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

@WithMockUser(username = UiTest.AGENT, roles = "AGENT")
class LogCallDialogTest extends UiTest {

    @Autowired
    ConversationService conversations;

    String number() {
        return "+4915" + String.format("%09d", Math.floorMod(unique().hashCode(), 1_000_000_000));
    }

    @Test
    @SuppressWarnings("unchecked")
    void anOutboundCallLoggedFromTheInboxLandsInTheTimelineTaggedForACallback() {
        String phone = number();
        IngestResult in = ingest(Channel.PHONE, phone, "Pia Phone", null, "Voicemail: please call back");
        navigate("inbox/" + in.conversationId(), InboxView.class);

        test($(Button.class).id("log-call")).click();
        assertThat($(TextField.class).id("call-number").getValue()).isEqualTo(phone);
        test((RadioButtonGroup<CallDirection>) $(RadioButtonGroup.class).id("call-direction"))
                .selectItem("We called the customer");
        test((Select<CallOutcome>) $(Select.class).id("call-outcome")).selectItem("Voicemail");
        test($(IntegerField.class).id("call-duration")).setValue(2);
        test($(TextArea.class).id("call-notes")).setValue("Left a message about the refund");
        test($(Button.class).id("save-call")).click();

        List<MessageView> timeline = conversations.timeline(Viewer.SYSTEM, in.customerId());
        assertThat(timeline).hasSize(2);
        MessageView call = timeline.stream().filter(m -> m.direction() == Direction.OUTBOUND).findFirst().orElseThrow();
        assertThat(call.channel()).isEqualTo(Channel.PHONE);
        assertThat(call.deliveryStatus()).isNull();
        assertThat(call.authorName()).isEqualTo("Una Agent");
        assertThat(call.text()).contains("Outbound call to " + phone, "Voicemail", "2 min",
                "Left a message about the refund");
        assertThat(conversations.get(Viewer.SYSTEM, call.conversationId()).tags()).contains("callback");
        assertThat($(TextField.class).withId("call-number").exists()).isFalse();
        // the view shows the new record at once
        assertThat($(com.vaadin.flow.component.html.Div.class).id("timeline").getElement().getTextRecursively())
                .contains("Left a message about the refund");
    }

    @Test
    void anInvalidNumberIsRefusedInTheDialogAndNothingIsStored() {
        IngestResult in = ingest(Channel.EMAIL, "nora-" + unique() + "@example.com", "Nora", "Hi", "Call me");
        navigate("customers/" + in.customerId() + "/timeline", CustomerTimelineView.class);

        test($(Button.class).id("log-call")).click();
        assertThat($(TextField.class).id("call-number").getValue()).isEmpty();
        test($(TextField.class).id("call-number")).setValue("12");
        test($(Button.class).id("save-call")).click();

        assertThat($(Span.class).id("call-error").getText()).contains("number");
        assertThat($(TextField.class).id("call-number").isInvalid()).isTrue();
        assertThat(conversations.timeline(Viewer.SYSTEM, in.customerId())).hasSize(1);

        // a number nobody has yet becomes the customer's phone identity
        String phone = number();
        test($(TextField.class).id("call-number")).setValue(phone);
        test($(Button.class).id("save-call")).click();
        assertThat(customerOf(phone)).isEqualTo(in.customerId());
        List<MessageView> timeline = conversations.timeline(Viewer.SYSTEM, in.customerId());
        assertThat(timeline).hasSize(2);
        assertThat(timeline).filteredOn(m -> m.channel() == Channel.PHONE).singleElement().satisfies(m -> {
            assertThat(m.direction()).isEqualTo(Direction.INBOUND);
            assertThat(m.text()).startsWith("Inbound call from " + phone + ": Answered");
        });
    }

    private java.util.UUID customerOf(String phone) {
        return customers.findByIdentity(customers.normalizer().normalize(Channel.PHONE, phone)).orElseThrow().id();
    }

    @Autowired
    org.parley.customer.CustomerDirectory customers;
}
