package org.parley.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import org.junit.jupiter.api.Test;
import org.parley.base.Channel;
import org.parley.channel.IngestResult;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.parley.base.NotFoundException;
import org.parley.conversation.ConversationAccess;
import org.parley.conversation.ConversationAccess.Viewer;
import org.parley.conversation.ConversationService;
import org.parley.conversation.ui.InboxView;
import org.parley.support.Viewers;
import org.parley.ui.UiTest;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

/** Mentions and assignments reach the bell of the agent concerned, live, and are kept in the table. */
@WithMockUser(username = UiTest.AGENT, roles = "AGENT")
class NotificationBellTest extends UiTest {

    @Autowired
    NotificationCenter center;
    @Autowired
    ConversationService conversations;
    @Autowired
    ConversationAccess access;

    @Test
    void aMentionInANoteAndAnAssignmentRingTheBell_andMarkReadClearsIt() {
        String id = unique();
        IngestResult in = ingest(Channel.EMAIL, "bell-" + id + "@example.com", "Bea " + id, "Bell " + id, "Ring");
        navigate("inbox/" + in.conversationId(), InboxView.class);
        center.markAllRead(Viewers.of(agentId(AGENT)));
        long before = center.latest(Viewers.of(agentId(AGENT)), 1000).size();

        // Otto mentions Una (by first name) and someone who does not exist; Otto is not told about his own note
        conversations.addNoteAt(Viewer.SYSTEM, in.conversationId(), agentId(OTHER_AGENT), "@una can you look? cc @nobody " + id, java.time.Instant.now());
        awaitPush("the notification", () -> unreadShown().equals("1"));
        NotificationView mention = center.latest(Viewers.of(agentId(AGENT)), 1).getFirst();
        assertThat(mention.kind()).isEqualTo(NotificationCenter.MENTION);
        assertThat(mention.conversationId()).isEqualTo(in.conversationId());
        assertThat(mention.text()).contains("Otto Other mentioned you on “Bell " + id + "”", "@una can you look?");
        assertThat(center.latest(Viewers.of(agentId(OTHER_AGENT)), 1000)).noneMatch(n -> n.text().contains(id));

        // an escalation, as the SLA module reports one through the public API
        center.notify(Viewer.SYSTEM, agentId(AGENT), NotificationCenter.ESCALATION, in.conversationId(), "SLA breached " + id);
        awaitPush("the notification", () -> unreadShown().equals("2"));
        assertThat(center.latest(Viewers.of(agentId(AGENT)), 1000)).hasSize((int) before + 2);

        // Una (the current user) assigns it to Otto: Otto is notified; assigning to oneself notifies nobody
        long ottoBefore = center.unreadCount(Viewers.of(agentId(OTHER_AGENT)));
        conversations.assign(access.viewerOf(agentId(AGENT)), in.conversationId(), agentId(AGENT));
        conversations.assign(access.viewerOf(agentId(AGENT)), in.conversationId(), agentId(OTHER_AGENT));
        awaitPush("the notification", () -> center.unreadCount(Viewers.of(agentId(OTHER_AGENT))) == ottoBefore + 1);
        NotificationView assigned = center.latest(Viewers.of(agentId(OTHER_AGENT)), 1).getFirst();
        assertThat(assigned.kind()).isEqualTo(NotificationCenter.ASSIGNMENT);
        assertThat(assigned.text()).isEqualTo("Assigned to you by Una Agent: “Bell " + id + "”");
        assertThat(unreadShown()).isEqualTo("2");

        test($(Button.class).id("notifications-read-all")).click();
        assertThat(unreadShown()).isEqualTo("0");
        assertThat(center.unreadCount(Viewers.of(agentId(AGENT)))).isZero();
        assertThat($(Div.class).id("notification-list").getElement().getTextRecursively())
                .contains("mentioned you", "SLA breached " + id);
    }

    /** A viewer reads, marks and hears only its own agent's notifications; only Parley itself raises them. */
    @Test
    void notificationsAreScopedToTheirRecipient() throws Exception {
        String id = unique();
        Viewer una = access.viewerOf(agentId(AGENT));
        Viewer otto = access.viewerOf(agentId(OTHER_AGENT));
        NotificationView forUna = center.notify(Viewer.SYSTEM, agentId(AGENT), NotificationCenter.MENTION, null,
                "For Una only " + id);

        assertThat(center.latest(otto, 1000)).noneMatch(n -> n.id().equals(forUna.id()));
        assertThatThrownBy(() -> center.markRead(otto, forUna.id())).isInstanceOf(NotFoundException.class);
        center.markAllRead(otto);
        assertThat(center.latest(una, 1000)).filteredOn(n -> n.id().equals(forUna.id())).singleElement()
                .satisfies(n -> assertThat(n.unread()).as("Otto's marks leave Una's notification unread").isTrue());
        center.markRead(una, forUna.id());
        assertThat(center.latest(una, 1000)).filteredOn(n -> n.id().equals(forUna.id())).singleElement()
                .satisfies(n -> assertThat(n.unread()).isFalse());

        assertThatThrownBy(() -> center.notify(otto, agentId(AGENT), NotificationCenter.MENTION, null, "forged " + id))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(center.latest(una, 1000)).noneMatch(n -> n.text().contains("forged " + id));
        assertThatThrownBy(() -> center.deliverLocally(otto, forUna)).isInstanceOf(AccessDeniedException.class);

        List<NotificationView> heardByOtto = new CopyOnWriteArrayList<>();
        List<NotificationView> heardByUna = new CopyOnWriteArrayList<>();
        List<NotificationView> heardByParley = new CopyOnWriteArrayList<>();
        try (AutoCloseable a = center.addListener(otto, heardByOtto::add);
                AutoCloseable b = center.addListener(una, heardByUna::add);
                AutoCloseable c = center.addListener(Viewer.SYSTEM, heardByParley::add)) {
            center.deliverLocally(Viewer.SYSTEM, forUna);
        }
        assertThat(heardByOtto).isEmpty();
        assertThat(heardByUna).containsExactly(forUna);
        assertThat(heardByParley).containsExactly(forUna);
    }

    private String unreadShown() {
        return $(Button.class).id("notification-button").getElement().getAttribute("data-unread");
    }

}
