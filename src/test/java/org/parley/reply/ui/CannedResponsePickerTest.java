package org.parley.reply.ui;

import org.parley.conversation.ConversationAccess.Viewer;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.internal.ShortcutsKt;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.base.Channel;
import org.parley.channel.IngestResult;
import org.parley.conversation.ConversationService;
import org.parley.conversation.Direction;
import org.parley.conversation.MessageView;
import org.parley.conversation.ui.InboxView;
import org.parley.customer.CustomerDirectory;
import org.parley.reply.CannedResponseInput;
import org.parley.reply.CannedResponseService;
import org.parley.reply.CannedResponseView;
import org.parley.reply.Macro;
import org.parley.reply.ResponseScope;
import org.parley.ui.UiTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

@WithMockUser(username = UiTest.AGENT, roles = "AGENT")
class CannedResponsePickerTest extends UiTest {

    @Autowired
    CannedResponseService responses;
    @Autowired
    ConversationService conversations;
    @Autowired
    CustomerDirectory customers;

    @Test
    void pickerSearchesFuzzilyWorksByKeyboardPreviewsForThisCustomer_andMissingValuesBlockSending() {
        String id = unique();
        CannedResponseView hello = responses.create(agentId(AGENT), new CannedResponseInput("Greeting " + id,
                "hello" + id, "Hi {{customer.first_name}}, {{agent.first_name}} here. Order {{customer.attr.order}}",
                null, null, null, ResponseScope.PERSONAL, null, null, null));
        CannedResponseView thanks = responses.create(agentId(AGENT), new CannedResponseInput("Thanks " + id,
                "thanks" + id, "Thank you <{{customer.name}}>!", null, null, null, ResponseScope.PERSONAL, null,
                null, new Macro(null, null, List.of("thanked"), null)));
        IngestResult in = ingest(Channel.EMAIL, "pick-" + id + "@example.com", "Pia <b>Kim</b>", "Hi", "Hello " + id);
        navigate("inbox/" + in.conversationId(), InboxView.class);

        test($(Button.class).id("open-canned-picker")).click();
        CannedResponsePicker picker = $(CannedResponsePicker.class).single();
        test($(TextField.class, picker).id("canned-search")).setValue("grting " + id);
        assertThat(picker.results()).extracting(CannedResponseView::id).containsExactly(hello.id());
        assertThat(picker.rendering().missing()).containsExactly("customer.attr.order");
        String preview = $(Div.class, picker).id("canned-preview").getElement().getProperty("innerHTML");
        assertThat(preview).contains("Pia", "Una").contains("<mark class=\"variable-missing\"");
        assertThat($(com.vaadin.flow.component.html.Span.class, picker).id("canned-warning").getText())
                .contains("{{customer.attr.order}}");

        // keyboard: all of this run's responses, arrow down to the second, Enter takes it
        test($(TextField.class, picker).id("canned-search")).setValue(id);
        assertThat(picker.results()).extracting(CannedResponseView::id).containsExactlyInAnyOrder(hello.id(), thanks.id());
        CannedResponseView second = picker.results().get(1);
        ShortcutsKt._fireShortcut($(TextField.class, picker).id("canned-search"), Key.ARROW_DOWN);
        assertThat(picker.highlightedResponse()).isEqualTo(second);
        ShortcutsKt._fireShortcut($(TextField.class, picker).id("canned-search"), Key.ARROW_UP);
        ShortcutsKt._fireShortcut($(TextField.class, picker).id("canned-search"), Key.ARROW_UP);
        assertThat(picker.highlightedResponse()).isEqualTo(second);
        test($(TextField.class, picker).id("canned-search")).setValue("thanks" + id);
        ShortcutsKt._fireShortcut($(TextField.class, picker).id("canned-search"), Key.ENTER);
        assertThat(picker.isOpened()).isFalse();
        TextArea text = $(TextArea.class).id("reply-text");
        assertThat(text.getValue()).isEqualTo("Thank you <Pia <b>Kim</b>>!");

        // sent: counted and its macro ran
        test($(Button.class).id("send-reply")).click();
        assertThat(conversations.get(Viewer.SYSTEM, in.conversationId()).tags()).containsExactly("thanked");
        assertThat(responses.get(agentId(AGENT), thanks.id()).timesUsed()).isEqualTo(1);

        // a reply with a variable that has no value is not sent
        customers.setAttribute(in.customerId(), "order", "");
        test($(Button.class).id("open-canned-picker")).click();
        picker = $(CannedResponsePicker.class).single();
        test($(TextField.class, picker).id("canned-search")).setValue("hello" + id);
        picker.pickHighlighted();
        assertThat(text.getValue()).startsWith("Hi Pia, Una here. Order {{customer.attr.order}}");
        assertThat(text.isInvalid()).isTrue();
        test($(Button.class).id("send-reply")).click();
        assertThat(conversations.messages(Viewer.SYSTEM, in.conversationId())).filteredOn(m -> m.direction() == Direction.OUTBOUND)
                .extracting(MessageView::text).containsExactly("Thank you <Pia <b>Kim</b>>!");
        assertThat(responses.get(agentId(AGENT), hello.id()).timesUsed()).isZero();

        // filled in by hand: sent
        test(text).setValue("Hi Pia, Una here. Order 42");
        test($(Button.class).id("send-reply")).click();
        assertThat(conversations.messages(Viewer.SYSTEM, in.conversationId())).filteredOn(m -> m.direction() == Direction.OUTBOUND)
                .hasSize(2);
    }
}
