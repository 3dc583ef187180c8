package org.parley.conversation.ui.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.router.QueryParameters;
import java.util.Map;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.base.Channel;
import org.parley.conversation.ConversationAccess.Viewer;
import org.parley.conversation.ConversationService;
import org.parley.conversation.Direction;
import org.parley.conversation.IncomingMessage;
import org.parley.conversation.MessageView;
import org.parley.conversation.ui.Composer;
import org.parley.conversation.ui.CustomerPanel;
import org.parley.conversation.ui.TimelinePanel;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import org.parley.customer.CustomerDirectory;
import org.parley.team.Team;
import org.parley.ui.UiTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.TestPropertySource;

/**
 * The embedded customer panel in the browserless UI: with an agent's session it shows the profile, the open
 * conversations and the timeline and sends replies; opened by a signed link it is read-only for
 * {@code parley.embed.agent}; team visibility applies as in the inbox.
 */
@TestPropertySource(properties = {"parley.embed.secret=ui-embed-secret", "parley.embed.agent=" + UiTest.OTHER_AGENT})
class EmbeddedCustomerViewTest extends UiTest {

    @Autowired
    ConversationService conversations;
    @Autowired
    CustomerDirectory customers;
    @Autowired
    org.parley.channel.outbox.OutboxDispatcher dispatcher;

    String id;
    String email;
    UUID conversation;
    UUID customer;

    @BeforeEach
    void aCustomerWithAnOpenConversation() {
        id = unique();
        email = "Ida." + id + "@Example.com";
        var in = ingest(Channel.EMAIL, email, "Ida " + id, "Where is my parcel " + id, "Parcel text " + id);
        conversation = in.conversationId();
        customer = in.customerId();
        customers.setAttribute(customer, "plan", "enterprise");
    }

    @Test
    @WithMockUser(username = UiTest.AGENT, roles = "AGENT")
    void withASessionTheAgentSeesTheCustomerAndAnswers() {
        // the identity is normalised as everywhere: upper-case letters and the type in lower case still find her
        open(Map.of("identity", "email:" + email));
        EmbeddedCustomerView view = $(EmbeddedCustomerView.class).single();

        assertThat(view.readOnly()).isFalse();
        assertThat($(H2.class).id("embed-customer-name").getText()).isEqualTo("Ida " + id);
        String panel = $(CustomerPanel.class).single().getElement().getTextRecursively();
        assertThat(panel).contains("Open conversations", "Where is my parcel " + id, "plan", "enterprise",
                email);
        assertThat($(TimelinePanel.class).single().getElement().getTextRecursively()).contains("Parcel text " + id);
        assertThat(view.selectedConversationId()).isEqualTo(conversation);
        assertThat($(Anchor.class).id("embed-open-in-parley").getHref()).isEqualTo("inbox/" + conversation);

        test($(TextArea.class).id("reply-text")).setValue("On its way " + id);
        test($(Button.class).id("send-reply")).click();

        assertThat(outbound()).singleElement().satisfies(m -> {
            assertThat(m.text()).isEqualTo("On its way " + id);
            assertThat(m.authorAgentId()).isEqualTo(agentId(AGENT));
        });
        assertThat($(TimelinePanel.class).single().getElement().getTextRecursively()).contains("On its way " + id);
    }

    @Test
    @WithMockUser(username = UiTest.AGENT, roles = "AGENT")
    void byIdAndForUnknownCustomersItSaysSo() {
        navigate("embed/customers/" + customer, EmbeddedCustomerView.class);
        assertThat($(H2.class).id("embed-customer-name").getText()).isEqualTo("Ida " + id);

        open(Map.of("identity", "EMAIL:nobody-" + id + "@example.com"));
        assertThat($(Div.class).id("embed-message").getElement().getTextRecursively())
                .contains("No customer with the identity EMAIL:nobody-" + id + "@example.com");
        assertThat($(Composer.class).all()).isEmpty();

        UUID unknown = UUID.randomUUID();
        navigate("embed/customers/" + unknown, EmbeddedCustomerView.class);
        assertThat($(Div.class).id("embed-message").getElement().getTextRecursively())
                .contains("No customer with the id " + unknown);
    }

    @Test
    @WithMockUser(username = UiTest.AGENT, roles = "AGENT")
    void teamVisibilityAppliesAsInTheInbox() {
        Team mine = team.createTeam("Mine " + id, null);
        Team theirs = team.createTeam("Theirs " + id, null);
        team.addMember(mine.getId(), agentId(AGENT), false);
        conversations.moveToTeam(Viewer.SYSTEM, conversation, mine.getId());
        UUID hidden = conversations.receive(Viewer.SYSTEM, new IncomingMessage(customer, "Ida " + id, Channel.API,
                "b-" + UUID.randomUUID(), "Hidden subject " + id, "Hidden text " + id, null, null, List.of(), null,
                Instant.now(), null)).conversationId();
        conversations.moveToTeam(Viewer.SYSTEM, hidden, theirs.getId());

        navigate("embed/customers/" + customer, EmbeddedCustomerView.class);
        assertThat($(EmbeddedCustomerView.class).single().getElement().getTextRecursively())
                .contains("Parcel text " + id).doesNotContain("Hidden");
    }

    @Test
    void aSignedLinkWithoutASessionIsReadOnly() {
        // a reply that could not be delivered: the agents' timeline offers "Retry", this one must not
        conversations.replyAt(Viewer.SYSTEM, conversation, agentId(AGENT), null, "Undeliverable " + id, false,
                Instant.now());
        dispatcher.dispatchDue(); // no mailbox is connected in this context
        long exp = Instant.now().getEpochSecond() + 300;
        String identity = "EMAIL:" + email;
        String sig = EmbedLinks.sign("ui-embed-secret", null, identity, exp);
        open(Map.of("identity", identity, "exp", Long.toString(exp), "sig", sig));
        EmbeddedCustomerView view = $(EmbeddedCustomerView.class).single();

        assertThat(view.readOnly()).isTrue();
        assertThat(view.viewer().agentId()).isEqualTo(agentId(OTHER_AGENT));
        assertThat($(H2.class).id("embed-customer-name").getText()).isEqualTo("Ida " + id);
        assertThat($(TimelinePanel.class).single().getElement().getTextRecursively()).contains("Parcel text " + id);
        assertThat($(Composer.class).all()).as("no composer for a signed link").isEmpty();
        assertThat($(Anchor.class).all()).noneMatch(a -> a.getId().orElse("").equals("embed-open-in-parley"));
        assertThat($(Button.class).all()).noneMatch(b -> b.getId().orElse("").equals("send-reply"));
        assertThat($(TimelinePanel.class).single().getElement().getTextRecursively())
                .contains("Undeliverable " + id, "no connected account");
        assertThat($(Button.class).all()).noneMatch(b -> b.hasClassName("delivery-retry"));
        // and the server-side path to a reply refuses too
        assertThatThrownBy(() -> view.reply("sneaky " + id)).isInstanceOf(AccessDeniedException.class);
        assertThat(outbound()).extracting(MessageView::text).containsExactly("Undeliverable " + id);
    }

    @Test
    void aWrongSignatureOrNoneWithoutASessionShowsNothing() {
        long exp = Instant.now().getEpochSecond() + 300;
        String identity = "EMAIL:" + email;
        String sig = EmbedLinks.sign("another-secret", null, identity, exp);
        open(Map.of("identity", identity, "exp", Long.toString(exp), "sig", sig));
        assertThat($(EmbeddedCustomerView.class).single().getElement().getTextRecursively())
                .contains("not valid").doesNotContain("Parcel text");

        open(Map.of("identity", identity));
        assertThat($(EmbeddedCustomerView.class).single().getElement().getTextRecursively())
                .contains("Sign in").doesNotContain("Parcel text");
    }

    private List<MessageView> outbound() {
        return conversations.messages(Viewer.SYSTEM, conversation).stream()
                .filter(m -> m.direction() == Direction.OUTBOUND).toList();
    }

    /** Opens {@code /embed/customers} with query parameters, as the frame's URL does. */
    private void open(Map<String, String> query) {
        UI.getCurrent().navigate("embed/customers", QueryParameters.simple(query));
    }
}
