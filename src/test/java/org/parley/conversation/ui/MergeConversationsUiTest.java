package org.parley.conversation.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.notification.Notification;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.parley.base.Channel;
import org.parley.channel.IngestResult;
import org.parley.conversation.ConversationAccess.Viewer;
import org.parley.conversation.ConversationService;
import org.parley.ui.UiTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

/**
 * "Merge with…" in the conversation view: the customer's other conversation is offered, the merge asks first and
 * offers Undo in its notification; the merged conversation's page says where it went and undoes the merge.
 */
@WithMockUser(username = UiTest.AGENT, roles = "AGENT")
class MergeConversationsUiTest extends UiTest {

    @Autowired
    ConversationService conversations;

    @Test
    void mergeWithAnotherConversationOfTheCustomerThenUndoFromTheNotificationAndFromThePointer() {
        String id = unique();
        String email = "mia-" + id + "@example.com";
        IngestResult earlier = ingest(Channel.EMAIL, email, "Mia " + id, "Order " + id, "Where is it?",
                Instant.now().minusSeconds(120));
        IngestResult later = ingest(Channel.EMAIL, email, "Mia " + id, "Refund " + id, "Money back please",
                Instant.now().minusSeconds(60));
        navigate("inbox/" + later.conversationId(), InboxView.class);
        InboxView view = (InboxView) getCurrentView();
        assertThat($(Div.class).withId("merged-banner").exists()).as("no banner").isFalse();

        test($(Button.class).id("merge-with")).click();
        test($(Button.class).id("merge-candidate-" + earlier.conversationId())).click();
        test($(ConfirmDialog.class).id("confirm-merge")).confirm();

        // the earlier one survives and is shown; the later one points to it
        assertThat(view.selectedConversationId()).isEqualTo(earlier.conversationId());
        assertThat(conversations.get(Viewer.SYSTEM, later.conversationId()).mergedInto())
                .isEqualTo(earlier.conversationId());
        assertThat(conversations.get(Viewer.SYSTEM, earlier.conversationId()).messageCount()).isEqualTo(2);
        assertThat($(Notification.class).id("merged-notification").isOpened()).isTrue();

        // Undo in the notification
        test($(Button.class).id("merged-notification-undo")).click();
        assertThat(conversations.get(Viewer.SYSTEM, later.conversationId()).mergedInto()).isNull();
        assertThat(conversations.get(Viewer.SYSTEM, later.conversationId()).messageCount()).isEqualTo(1);
        assertThat(view.selectedConversationId()).isEqualTo(later.conversationId());

        // merged again; the pointer's page says where it went, links there and undoes it
        test($(Button.class).id("merge-with")).click();
        test($(Button.class).id("merge-candidate-" + earlier.conversationId())).click();
        test($(ConfirmDialog.class).id("confirm-merge")).confirm();
        navigate("inbox/" + later.conversationId(), InboxView.class);
        view = (InboxView) getCurrentView();
        assertThat(view.selectedConversationId()).isEqualTo(later.conversationId());
        assertThat($(Div.class).id("merged-banner").isVisible()).isTrue();
        assertThat($(Button.class).withId("merge-with").exists()).as("no merge button").isFalse();
        Anchor link = $(Anchor.class).id("merged-into-link");
        assertThat(link.getHref()).isEqualTo("inbox/" + earlier.conversationId());
        assertThat(link.getText()).contains("Order " + id);

        test($(Button.class).id("undo-merge")).click();
        assertThat(conversations.get(Viewer.SYSTEM, later.conversationId()).mergedInto()).isNull();
        assertThat($(Div.class).withId("merged-banner").exists()).as("no banner").isFalse();
    }
}
