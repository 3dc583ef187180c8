package org.parley.demo;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;
import java.util.List;
import java.util.UUID;
import org.parley.conversation.ConversationAccess;
import org.parley.conversation.ConversationAccess.Viewer;
import org.parley.conversation.ConversationService;
import org.parley.conversation.InboxQueries;
import org.parley.conversation.Queue;
import org.parley.customer.CustomerDirectory;
import org.parley.team.Team;
import org.parley.team.Role;
import org.parley.team.TeamDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(properties = {
    "spring.datasource.url=jdbc:h2:mem:parley-demo;DB_CLOSE_DELAY=-1",
    "parley.demo.enabled=true"
})
class DemoDeskTest {

    @Autowired
    TeamDirectory team;

    @Autowired
    CustomerDirectory customers;

    @Autowired
    DemoDesk demo;

    @Autowired
    EntityManager em;

    @Autowired
    ConversationAccess access;

    @Autowired
    InboxQueries inbox;

    @Autowired
    ConversationService conversations;

    @Test
    void seedsARealisticDeskOnce() {
        assertThat(team.allTeams()).hasSize(3);
        assertThat(team.allAgents()).hasSize(8);
        assertThat(team.allAgents()).filteredOn(a -> a.hasRole(Role.LEAD)).hasSize(3);
        assertThat(team.allAgents()).filteredOn(a -> a.hasRole(Role.SUPERVISOR)).hasSize(1);
        assertThat(team.allAgents()).filteredOn(a -> a.hasRole(Role.ADMIN)).hasSize(1);
        assertThat(customers.count()).isEqualTo(300);
        long messages = count("select count(m) from Message m");
        assertThat(messages).isBetween(1500L, 2600L);
        assertThat(count("select count(distinct m.channel) from Message m")).isGreaterThanOrEqualTo(4);
        assertThat(count("select count(c) from Conversation c where c.status = org.parley.conversation.ConversationStatus.OPEN"))
                .isPositive();
        assertThat(count("select count(c) from Conversation c where c.status = org.parley.conversation.ConversationStatus.RESOLVED"))
                .isPositive();
        assertThat(count("select count(distinct i.customer) from Identity i where i.type <> org.parley.base.Channel.EMAIL"))
                .isGreaterThan(150);
        // the demo's replies are history: recorded as sent, never handed to the outbox (nothing is connected)
        assertThat(count("select count(m) from Message m where m.direction = org.parley.conversation.Direction.OUTBOUND"))
                .isPositive();
        assertThat(count("select count(m) from Message m where m.direction = org.parley.conversation.Direction.OUTBOUND"
                + " and m.deliveryStatus <> org.parley.conversation.DeliveryStatus.SENT")).isZero();

        demo.seedOnce();

        assertThat(customers.count()).isEqualTo(300);
        assertThat(count("select count(m) from Message m")).isEqualTo(messages);
    }

    @Test
    void theDemoAgentSeesTheirTeamsAndTheOpenSocialCareTeam_theSupervisorEverything() {
        Team tech = teamNamed("Technical support");
        Team social = teamNamed("Social care");
        assertThat(social.isOpenToAllAgents()).isTrue();
        assertThat(tech.isOpenToAllAgents()).isFalse();
        Viewer alex = access.viewerOf(team.findAgentByUsername("alex").orElseThrow().getId());
        Viewer sam = access.viewerOf(team.findAgentByUsername("sam").orElseThrow().getId());

        long alexOpen = inbox.count(alex, Queue.ALL_OPEN);
        assertThat(alexOpen).isPositive().isLessThan(inbox.count(sam, Queue.ALL_OPEN));
        assertThat(inbox.count(alex, Queue.RESOLVED)).isPositive();
        List<UUID> teams = inbox.page(alex, Queue.ALL_OPEN, null, (int) alexOpen).stream()
                .map(r -> conversations.get(Viewer.SYSTEM, r.conversationId()).teamId()).toList();
        assertThat(teams).contains(social.getId()).doesNotContain(tech.getId());
    }

    private Team teamNamed(String name) {
        return team.allTeams().stream().filter(t -> t.getName().equals(name)).findFirst().orElseThrow();
    }

    private long count(String jpql) {
        return em.createQuery(jpql, Long.class).getSingleResult();
    }
}
