package org.parley.customer.ui;

import org.parley.conversation.ConversationAccess.Viewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridTester;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.parley.base.Channel;
import org.parley.channel.IngestResult;
import org.parley.conversation.ConversationService;
import org.parley.conversation.ConversationView;
import org.parley.conversation.ui.CustomerTimelineView;
import org.parley.customer.CustomerDirectory;
import org.parley.customer.CustomerProfile;
import org.parley.ui.UiTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

@WithMockUser(username = UiTest.AGENT, roles = "AGENT")
class CustomersViewTest extends UiTest {

    @Autowired
    CustomerDirectory customers;
    @Autowired
    ConversationService conversations;
    @Autowired
    org.parley.audit.AuditTrail audit;

    @Test
    void mergeMovesConversationsToTheSurvivorTheAgentChose() {
        String id = unique();
        IngestResult alpha = ingest(Channel.EMAIL, "alpha-" + id + "@example.com", "Merge" + id + " Alpha",
                "Hello", "by mail");
        IngestResult beta = ingest(Channel.X, "@m" + id, "Merge" + id + " Beta", null, "by X");
        assertThat(alpha.customerId()).isNotEqualTo(beta.customerId());

        navigate(CustomersView.class);
        test($(TextField.class).id("customer-search")).setValue("merge" + id);
        GridTester<Grid<CustomerProfile>, CustomerProfile> grid = test(customerList());
        assertThat(grid.size()).isEqualTo(2);
        grid.select(0);
        grid.select(1);
        assertThat(grid.getSelected()).hasSize(2);

        test($(Button.class).id("merge-customers")).click();
        Button confirm = $(Button.class).id("confirm-merge");
        assertThat(confirm.isEnabled()).as("no survivor chosen yet").isFalse();
        @SuppressWarnings("unchecked")
        RadioButtonGroup<UUID> survivor = $(RadioButtonGroup.class).id("merge-survivor");
        // the younger record survives: the agent's choice, not the default
        test(survivor).selectItem("Keep Merge" + id + " Beta");
        test(confirm).click();

        assertThat(conversations.conversationsOf(Viewer.SYSTEM, beta.customerId())).extracting(ConversationView::id)
                .containsExactlyInAnyOrder(alpha.conversationId(), beta.conversationId());
        assertThat(conversations.conversationsOf(Viewer.SYSTEM, alpha.customerId())).isEmpty();
        assertThat(customers.get(alpha.customerId()).id()).isEqualTo(beta.customerId());
        assertThat(customers.get(beta.customerId()).identities()).extracting(i -> i.type())
                .containsExactlyInAnyOrder(Channel.X, Channel.EMAIL);
        assertThat(test(customerList()).size()).isEqualTo(1);
        assertThat(test(customerList()).getRow(0).id()).isEqualTo(beta.customerId());
        assertThat(test($(Notification.class).last()).getText()).contains("Merged into Merge" + id + " Beta");

        // the absorbed id still opens a timeline: the survivor's, with both conversations
        navigate("customers/" + alpha.customerId() + "/timeline", CustomerTimelineView.class);
        assertThat($(H2.class).withClassName("customer-timeline-title").single().getText())
                .isEqualTo("Merge" + id + " Beta");
        Div timeline = $(Div.class).id("timeline");
        assertThat($(Div.class, timeline).withClassName("timeline-message").all()).hasSize(2);
        assertThat($(Div.class, timeline).withClassName("conversation-marker").all()).hasSize(2);
    }

    @Test
    void undoingAMergeGivesTheAbsorbedCustomerBackTheirIdentitiesAttributesAndConversations() {
        String id = unique();
        IngestResult alpha = ingest(Channel.EMAIL, "split-" + id + "@example.com", "Split" + id + " Alpha",
                "Hello", "by mail");
        IngestResult beta = ingest(Channel.X, "@s" + id, "Split" + id + " Beta", null, "by X");
        customers.setAttribute(alpha.customerId(), "plan", "gold");
        customers.setAttribute(beta.customerId(), "region", "north");
        customers.merge(beta.customerId(), alpha.customerId());
        assertThat(customers.get(beta.customerId()).attributes()).containsEntry("plan", "gold");
        IngestResult afterMerge = ingest(Channel.X, "@s" + id, "Split" + id + " Beta", null, "after the merge");

        navigate(CustomersView.class);
        test($(TextField.class).id("customer-search")).setValue("split" + id);
        assertThat(test(customerList()).size()).isEqualTo(1);
        test(customerList()).select(0);
        test($(Button.class).id("merge-history-button")).click();
        @SuppressWarnings("unchecked")
        Grid<CustomerDirectory.MergeRecord> history = $(Grid.class).id("merge-history");
        assertThat(test(history).size()).isEqualTo(1);
        assertThat(test(history).getCellText(0, 0)).isEqualTo("Split" + id + " Alpha");
        UUID mergeId = test(history).getRow(0).id();

        Button undo = (Button) test(history).getCellComponent(0, "actions");
        assertThat(undo.getId()).hasValue("undo-merge-" + mergeId);
        test(undo).click();
        test($(ConfirmDialog.class).id("confirm-unmerge")).confirm();

        assertThat(test($(Notification.class).last()).getText()).contains("Split" + id + " Alpha");
        assertThat(customers.get(alpha.customerId()).id()).isEqualTo(alpha.customerId());
        assertThat(customers.get(alpha.customerId()).identities()).extracting(i -> i.type()).containsExactly(Channel.EMAIL);
        assertThat(customers.get(alpha.customerId()).attributes()).containsExactly(java.util.Map.entry("plan", "gold"));
        assertThat(customers.get(beta.customerId()).identities()).extracting(i -> i.type()).containsExactly(Channel.X);
        assertThat(customers.get(beta.customerId()).attributes()).containsExactly(java.util.Map.entry("region", "north"));
        assertThat(conversations.conversationsOf(Viewer.SYSTEM, alpha.customerId())).extracting(ConversationView::id)
                .containsExactly(alpha.conversationId());
        assertThat(conversations.conversationsOf(Viewer.SYSTEM, beta.customerId())).extracting(ConversationView::id)
                .as("what began after the merge stays").contains(beta.conversationId(), afterMerge.conversationId())
                .doesNotContain(alpha.conversationId());
        assertThat(conversations.timeline(Viewer.SYSTEM, alpha.customerId())).extracting(m -> m.conversationId())
                .containsOnly(alpha.conversationId());
        assertThat(test(customerList()).size()).as("both are found again").isEqualTo(2);
        assertThat(test(history).getCellText(0, 2)).startsWith("undone");
        assertThat(audit.forSubject(beta.customerId())).extracting(e -> e.getAction())
                .contains("customer.merged", "customer.unmerged");

        // the absorbed customer's address leads to them again, not to the former survivor
        IngestResult mailAgain = ingest(Channel.EMAIL, "split-" + id + "@example.com", "Split" + id + " Alpha",
                "Again", "back on my own");
        assertThat(mailAgain.customerId()).isEqualTo(alpha.customerId());

        assertThatThrownBy(() -> customers.unmerge(mergeId)).hasMessageContaining("undone already");
    }

    @Test
    void aMergeCannotBeUndoneWhileTheSurvivorIsMergedIntoSomeoneElse() {
        String id = unique();
        IngestResult a = ingest(Channel.EMAIL, "a-" + id + "@example.com", "Chain" + id + " A", "Hi", "a");
        IngestResult b = ingest(Channel.EMAIL, "b-" + id + "@example.com", "Chain" + id + " B", "Hi", "b");
        IngestResult c = ingest(Channel.EMAIL, "c-" + id + "@example.com", "Chain" + id + " C", "Hi", "c");
        customers.merge(b.customerId(), a.customerId());
        UUID first = customers.mergesInto(b.customerId()).getFirst().id();
        customers.merge(c.customerId(), b.customerId());

        assertThatThrownBy(() -> customers.unmerge(first)).hasMessageContaining("undo that merge first");

        customers.unmerge(customers.mergesInto(c.customerId()).getFirst().id());
        customers.unmerge(first);
        assertThat(conversations.conversationsOf(Viewer.SYSTEM, a.customerId())).extracting(ConversationView::id)
                .containsExactly(a.conversationId());
        assertThat(conversations.conversationsOf(Viewer.SYSTEM, b.customerId())).extracting(ConversationView::id)
                .containsExactly(b.conversationId());
        assertThat(conversations.conversationsOf(Viewer.SYSTEM, c.customerId())).extracting(ConversationView::id)
                .containsExactly(c.conversationId());
    }

    @Test
    void editDialogSavesDetailsIdentitiesAndAttributes_andShowsRefusals() {
        String id = unique();
        CustomerProfile created = customers.create("Edit" + id, java.util.List.of());
        navigate(CustomersView.class);
        test($(TextField.class).id("customer-search")).setValue("edit" + id);
        test(customerList()).select(0);
        test($(Button.class).id("edit-customer")).click();

        test($(TextField.class).id("edit-company")).setValue("ACME " + id);
        test($(Button.class).id("save-details")).click();
        assertThat(customers.get(created.id()).company()).isEqualTo("ACME " + id);

        test($(TextField.class).id("identity-value")).setValue("not an address");
        test($(Button.class).id("add-identity")).click();
        assertThat($(TextField.class).id("identity-value").isInvalid()).isTrue();
        assertThat($(Notification.class).all()).anySatisfy(n -> assertThat(test(n).getText()).isNotBlank());
        assertThat(customers.get(created.id()).identities()).isEmpty();

        @SuppressWarnings("unchecked")
        Select<Channel> type = $(Select.class).id("identity-type");
        test(type).selectItem("Phone");
        test($(TextField.class).id("identity-value")).setValue("+1 202 456 1111");
        test($(Button.class).id("add-identity")).click();
        assertThat(customers.get(created.id()).identities()).singleElement()
                .satisfies(i -> assertThat(i.type()).isEqualTo(Channel.PHONE));

        test($(TextField.class).id("attribute-key")).setValue("plan");
        test($(TextField.class).id("attribute-value")).setValue("gold");
        test($(Button.class).id("set-attribute")).click();
        assertThat(customers.get(created.id()).attributes()).containsEntry("plan", "gold");
        test($(Button.class).withClassName("remove-attribute").single()).click();
        assertThat(customers.get(created.id()).attributes()).doesNotContainKey("plan");
    }

    @SuppressWarnings("unchecked")
    private Grid<CustomerProfile> customerList() {
        return $(Grid.class).id("customer-list");
    }
}
