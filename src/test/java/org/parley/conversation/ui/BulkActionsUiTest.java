package org.parley.conversation.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.parley.base.Channel;
import org.parley.conversation.ConversationAccess.Viewer;
import org.parley.conversation.ConversationService;
import org.parley.conversation.ConversationStatus;
import org.parley.conversation.InboxRow;
import org.parley.conversation.Priority;
import org.parley.ui.UiTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;

/**
 * Bulk actions in the conversation list: a checkbox per row with shift for a range, x for the focused row; a change
 * applies to every selected conversation at the version the list showed, and one that someone else changed
 * meanwhile is reported, not overwritten.
 */
@WithMockUser(username = UiTest.AGENT, roles = "AGENT")
class BulkActionsUiTest extends UiTest {

    @Autowired
    ConversationService conversations;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aRangeIsChangedAtOnceExceptWhatSomeoneElseChangedMeanwhile() {
        String id = unique();
        UUID me = agentId(AGENT);
        UUID a = mine("ann-" + id, "First " + id, me);
        UUID b = mine("ben-" + id, "Second " + id, me);
        UUID c = mine("cy-" + id, "Third " + id, me);
        navigate("inbox", InboxView.class);
        InboxView view = (InboxView) getCurrentView();
        assertThat($(Div.class).withId("bulk-bar").exists()).as("no bar without a selection").isFalse();

        // the checkbox of one, shift-click on another: the range between
        view.bulk().toggle(row(view, a), false);
        view.bulk().toggle(row(view, c), true);
        assertThat(view.bulk().selection()).contains(a, b, c);
        assertThat($(Div.class).id("bulk-bar").isVisible()).isTrue();

        // someone else changes b after the list showed it
        conversations.setPriority(Viewer.SYSTEM, b, Priority.URGENT);

        $(Select.class).id("bulk-status").setValue(ConversationStatus.PENDING);

        assertThat(conversations.get(Viewer.SYSTEM, a).status()).isEqualTo(ConversationStatus.PENDING);
        assertThat(conversations.get(Viewer.SYSTEM, c).status()).isEqualTo(ConversationStatus.PENDING);
        assertThat(conversations.get(Viewer.SYSTEM, b).status()).as("not overwritten").isEqualTo(ConversationStatus.OPEN);
        assertThat(conversations.get(Viewer.SYSTEM, b).priority()).isEqualTo(Priority.URGENT);
        assertThat(test($(Notification.class).id("bulk-result")).getText())
                .contains("1 changed by someone else — not overwritten");
        assertThat(view.bulk().selection()).isEmpty();
        assertThat(jdbc.queryForList("SELECT action FROM audit_entry WHERE subject_id = ?", String.class,
                a.toString())).contains("conversation.status");

        // x on the focused row, then a tag for it
        view.open(b);
        view.key("x");
        assertThat(view.bulk().selection()).containsExactly(b);
        $(TextField.class).id("bulk-tag").setValue("Billing");
        test($(Button.class).id("bulk-add-tag")).click();
        assertThat(conversations.get(Viewer.SYSTEM, b).tags()).containsExactly("billing");
        assertThat(conversations.get(Viewer.SYSTEM, b).priority()).isEqualTo(Priority.URGENT);
        assertThat(test($(Notification.class).last()).getText()).contains("1 conversation tagged");
    }

    @Test
    void severalAreSnoozedAtOnceAndLeaveTheQueue() {
        String id = unique();
        UUID me = agentId(AGENT);
        UUID a = mine("sid-" + id, "Snooze one " + id, me);
        UUID b = mine("sue-" + id, "Snooze two " + id, me);
        navigate("inbox", InboxView.class);
        InboxView view = (InboxView) getCurrentView();
        view.bulk().toggle(row(view, a), false);
        view.bulk().toggle(row(view, b), false);

        @SuppressWarnings("unchecked")
        Select<BulkActions.SnoozeChoice> snooze = $(Select.class).id("bulk-snooze");
        BulkActions.SnoozeChoice untilReply = snooze.getListDataView().getItems()
                .filter(c -> c.until() == null).findFirst().orElseThrow();
        snooze.setValue(untilReply);

        assertThat(conversations.get(Viewer.SYSTEM, a).snoozed()).isTrue();
        assertThat(conversations.get(Viewer.SYSTEM, b).snooze().untilReply()).isTrue();
        assertThat(test($(Notification.class).id("bulk-result")).getText()).contains("2 conversations snoozed");
        assertThat(view.rows().locate(a, 500)).as("out of Mine").isEmpty();
    }

    private UUID mine(String who, String subject, UUID me) {
        UUID id = ingest(Channel.EMAIL, who + "@example.com", who, subject, "Hello").conversationId();
        conversations.assign(Viewer.SYSTEM, id, me);
        return id;
    }

    private static InboxRow row(InboxView view, UUID id) {
        QueueDataProvider rows = view.rows();
        return rows.rowAt(rows.locate(id, 500).orElseThrow()).orElseThrow();
    }
}
