package org.parley.wallboard.ui;

import org.parley.conversation.ConversationAccess.Viewer;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.html.Span;
import java.util.EnumSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.parley.base.Channel;
import org.parley.channel.IngestResult;
import org.parley.conversation.ConversationService;
import org.parley.routing.Assignment;
import org.parley.routing.RoutingEnums.Presence;
import org.parley.team.Agent;
import org.parley.team.Role;
import org.parley.team.Team;
import org.parley.ui.UiTest;
import org.parley.wallboard.Wallboard;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

/**
 * An open wallboard follows conversations and presence by push, without reload, and its
 * subscription ends with the screen.
 */
@WithMockUser(username = UiTest.ADMIN, roles = "ADMIN")
class WallboardViewTest extends UiTest {

    @Autowired
    ConversationService conversations;
    @Autowired
    Assignment assignment;
    @Autowired
    Wallboard wallboard;

    @Test
    void numbersFollowNewConversationsAssignmentsAndPresenceWithoutReload() {
        String run = unique();
        Team desk = team.createTeam("Desk " + run, null);
        Agent member = team.createAgent("wbv-" + run, "Wanda " + run, "wbv-" + run + "@parley.test", "secret-password",
                EnumSet.of(Role.AGENT));
        team.addMember(desk.getId(), member.getId(), false);
        navigate(WallboardView.class);
        String key = desk.getId().toString();
        assertThat(value(key, "depth")).isEqualTo("0");
        assertThat(value(key, "oldest")).isEqualTo("–");
        assertThat(value(key, "offline")).isEqualTo("1");
        long totalBefore = Long.parseLong(value("total", "depth"));

        IngestResult first = ingest(Channel.EMAIL, "a-" + run + "@example.com", "Ann " + run, "Help", "One " + run);
        conversations.moveToTeam(Viewer.SYSTEM, first.conversationId(), desk.getId());
        IngestResult second = ingest(Channel.EMAIL, "b-" + run + "@example.com", "Bob " + run, "Help", "Two " + run);
        conversations.moveToTeam(Viewer.SYSTEM, second.conversationId(), desk.getId());
        awaitPush("two conversations in the team's queue", () -> value(key, "depth").equals("2"));
        assertThat(value(key, "unassigned")).isEqualTo("2");
        assertThat(value(key, "oldest")).matches("\\d+:\\d\\d");
        assertThat(Long.parseLong(value("total", "depth"))).isEqualTo(totalBefore + 2);

        conversations.assign(Viewer.SYSTEM, first.conversationId(), member.getId());
        awaitPush("the assignment", () -> value(key, "unassigned").equals("1"));
        assertThat(value(key, "depth")).isEqualTo("2");

        assignment.setPresence(member.getId(), Presence.ONLINE);
        awaitPush("the presence change", () -> value(key, "online").equals("1"));
        assertThat(value(key, "offline")).isEqualTo("0");
        assignment.setPresence(member.getId(), Presence.AWAY);
        awaitPush("the presence change", () -> value(key, "away").equals("1"));
        assertThat(value(key, "online")).isEqualTo("0");
    }

    @Test
    void leavingTheScreenEndsItsSubscription() {
        navigate(org.parley.customer.ui.CustomersView.class);
        int before = wallboard.subscriptionCount();
        navigate(WallboardView.class);
        assertThat(wallboard.subscriptionCount()).isEqualTo(before + 1);
        navigate(org.parley.customer.ui.CustomersView.class);
        assertThat(wallboard.subscriptionCount()).isEqualTo(before);
    }

    @Test
    void agesAreShownAsMinutesAndSeconds() {
        java.time.Instant t = java.time.Instant.parse("2026-11-23T10:00:00Z");
        assertThat(WallboardView.waited(t, t.plusSeconds(42))).isEqualTo("0:42");
        assertThat(WallboardView.waited(t, t.plusSeconds(12 * 60 + 5))).isEqualTo("12:05");
        assertThat(WallboardView.waited(t, t.plusSeconds(3 * 3600 + 7 * 60 + 15))).isEqualTo("3:07:15");
        assertThat(WallboardView.waited(t, t.plusSeconds(2 * 86_400 + 4 * 3600))).isEqualTo("2 d 4 h");
        assertThat(WallboardView.waited(t, t.minusSeconds(5))).isEqualTo("0:00");
    }

    private String value(String key, String what) {
        return $(Span.class).id("wallboard-" + key + "-" + what).getText();
    }
}
