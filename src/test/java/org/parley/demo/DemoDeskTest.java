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
import java.util.Optional;
import org.parley.conversation.DeliveryStatus;
import org.parley.conversation.MessageView;
import org.parley.conversation.OutboundQueue;
import org.parley.customer.CustomerDirectory;
import org.parley.sla.SlaState;
import org.parley.reply.CannedResponseService;
import org.parley.reply.Variables;
import org.parley.routing.RoutingRules;
import org.parley.routing.RuleSpec;
import org.parley.sla.SlaAdministration;
import org.parley.sla.SlaClocks;
import org.parley.team.Team;
import org.parley.team.Role;
import org.parley.team.TeamDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(properties = {
    "spring.datasource.url=jdbc:h2:mem:parley-demo;DB_CLOSE_DELAY=-1",
    "parley.demo.enabled=true",
    // any free ports (a demo may be running on the defaults); the test feeds mail itself
    "parley.demo.mail.smtp-port=0",
    "parley.demo.mail.imap-port=0",
    "parley.demo.mail.feed-interval=0s"
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

    @Autowired
    CannedResponseService canned;

    @Autowired
    SlaAdministration sla;

    @Autowired
    SlaClocks clocks;

    @Autowired
    RoutingRules rules;

    @Autowired
    OutboundQueue outbound;

    @Autowired
    DemoMail mail;

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
        // the demo's replies are history: recorded as sent (phone answers as logged), never handed to the outbox
        assertThat(count("select count(m) from Message m where m.direction = org.parley.conversation.Direction.OUTBOUND"))
                .isPositive();
        assertThat(count("select count(m) from Message m where m.direction = org.parley.conversation.Direction.OUTBOUND"
                + " and m.channel <> org.parley.base.Channel.PHONE and m.occurredAt < (select min(a.createdAt) from Agent a)"
                + " and m.deliveryStatus <> org.parley.conversation.DeliveryStatus.SENT")).isZero();
        assertThat(count("select count(m) from Message m where m.direction = org.parley.conversation.Direction.OUTBOUND"
                + " and m.channel = org.parley.base.Channel.PHONE and m.deliveryStatus = org.parley.conversation.DeliveryStatus.LOGGED"))
                .isPositive();
        assertThat(count("select count(m) from Message m where m.direction = org.parley.conversation.Direction.OUTBOUND"
                + " and m.channel = org.parley.base.Channel.PHONE and m.deliveryStatus = org.parley.conversation.DeliveryStatus.SENT"))
                .isZero();

        // seeding again adds nothing; what the running desk adds meanwhile (an SLA escalation's note, a reply the outbox
        // sends) happens now, after the seeded history, and is not counted
        java.time.Instant seededBefore = java.time.Instant.now();
        long seeded = countBefore("select count(m) from Message m where m.occurredAt < :t", seededBefore);

        demo.seedOnce();

        assertThat(customers.count()).isEqualTo(300);
        assertThat(countBefore("select count(m) from Message m where m.occurredAt < :t", seededBefore)).isEqualTo(seeded);
    }

    private long countBefore(String jpql, java.time.Instant t) {
        return em.createQuery(jpql, Long.class).setParameter("t", t).getSingleResult();
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

    @Test
    void accentedNamesKeepTheirAccents_addressesAndHandlesAreTheirAsciiSpelling() {
        List<Object[]> rows = em.createQuery("select c.displayName, i.type, i.value from Identity i join i.customer c"
                + " where i.type in (org.parley.base.Channel.EMAIL, org.parley.base.Channel.X)", Object[].class)
                .getResultList();
        List<Object[]> accented = rows.stream().filter(r -> !((String) r[0]).matches("[\\x00-\\x7F]*")).toList();
        assertThat(accented).as("the demo has customers with accented names").hasSizeGreaterThan(20);
        for (Object[] r : accented) {
            String name = (String) r[0];
            String value = (String) r[2];
            assertThat(value).as("%s of %s", r[1], name).matches("[\\x00-\\x7F]+");
            String[] parts = name.split(" ", 2);
            String expected = r[1] == org.parley.base.Channel.EMAIL
                    ? DemoDesk.ascii(parts[0] + "." + parts[1]).toLowerCase().replaceAll("[^a-z.]", "")
                    : DemoDesk.ascii(parts[0] + parts[1]).toLowerCase().replaceAll("[^a-z]", "");
            assertThat(value).as("%s of %s", r[1], name).startsWith(expected).matches(".*\\d+(@.*)?");
        }
        assertThat(rows).as("López keeps its o: kwame.lopez…, not kwame.lpez…")
                .anyMatch(r -> ((String) r[0]).endsWith("López") && ((String) r[2]).matches("[a-z]+\\.lopez\\d+@.*"));
        assertThat(DemoDesk.ascii("Chloé Müller García Søren Strauß Łukasz Ærø Œuvre Þór Ðorđe"))
                .isEqualTo("Chloe Muller Garcia Soren Strauss Lukasz AEro OEuvre Thor Dorde");
    }

    @Test
    void hasCannedResponsesWithVariables_twoSlaPoliciesOnBusinessHours_fiveRoutingRules_andOpenEscalations()
            throws InterruptedException {
        UUID admin = team.findAgentByUsername("admin").orElseThrow().getId();
        var responses = canned.visibleTo(admin);
        assertThat(responses).hasSizeGreaterThanOrEqualTo(10);
        assertThat(responses).filteredOn(r -> !Variables.remainingIn(r.body()).isEmpty()).hasSizeGreaterThanOrEqualTo(10);
        assertThat(responses).allMatch(r -> Variables.unknownIn(r.body()).isEmpty());
        UUID someConversation = inbox.page(Viewer.SYSTEM, Queue.ALL_OPEN, null, 1).getFirst().conversationId();
        var greeting = responses.stream().filter(r -> r.shortcut().equals("hi")).findFirst().orElseThrow();
        var rendered = canned.render(admin, greeting.id(), someConversation, null);
        assertThat(rendered.complete()).as("%s", rendered.missing()).isTrue();
        assertThat(rendered.text()).contains("I am Ada from the").doesNotContain("{{");

        assertThat(sla.calendars()).singleElement().satisfies(c -> {
            assertThat(c.alwaysOpen()).isFalse();
            assertThat(c.weeklyHours()).isNotEmpty();
        });
        assertThat(sla.policies()).hasSize(2).allMatch(p -> p.calendarId().equals(sla.calendars().getFirst().id()));

        var ruleList = rules.list();
        assertThat(ruleList).hasSize(5).allMatch(RoutingRules.RuleView::enabled);
        assertThat(ruleList).flatExtracting(r -> r.spec().actions()).extracting(RuleSpec.Action::type)
                .contains("APPLY_SLA_POLICY", "ASSIGN_TEAM", "SET_PRIORITY");

        Viewer sam = access.viewerOf(team.findAgentByUsername("sam").orElseThrow().getId());
        List<SlaClocks.QueueEntry> queue = List.of();
        for (int i = 0; i < 300 && queue.isEmpty(); i++) { // the periodic sweep takes what the first one skipped
            queue = clocks.escalationQueue(sam, null);
            Thread.sleep(100);
        }
        assertThat(queue).isNotEmpty();
        assertThat(queue).anyMatch(e -> !e.openEscalationIds().isEmpty());
    }

    @Test
    void aCustomerWasLastSeenAtTheirLastMessage_notWhenTheDemoWasSeeded() {
        List<Object[]> rows = em.createQuery("select c.lastSeenAt, (select max(m.occurredAt) from Message m"
                + " where m.customerId = c.id and m.direction = org.parley.conversation.Direction.INBOUND)"
                + " from Customer c", Object[].class).getResultList();
        assertThat(rows).hasSize(300);
        for (Object[] r : rows) {
            assertThat((java.time.Instant) r[0]).isEqualTo((java.time.Instant) r[1]);
        }
        assertThat(rows.stream().map(r -> r[0]).distinct().count()).as("distinct last-seen times").isGreaterThan(250);
        java.time.Instant firstAgent = team.allAgents().stream().map(a -> a.getCreatedAt())
                .min(java.util.Comparator.naturalOrder()).orElseThrow();
        assertThat(rows).filteredOn(r -> ((java.time.Instant) r[0]).isBefore(firstAgent.minus(java.time.Duration.ofDays(7))))
                .as("most customers wrote last more than a week ago").hasSizeGreaterThan(150);
    }

    @Test
    void emailRepliesAreDeliveredThroughTheDemoMailServer_phoneRepliesAreLogged_newMailIsImportedAndRouted()
            throws Exception {
        Viewer admin = access.viewerOf(team.findAgentByUsername("admin").orElseThrow().getId());
        UUID email = em.createQuery("select c.id from Conversation c where c.channel = org.parley.base.Channel.EMAIL"
                + " and c.status = org.parley.conversation.ConversationStatus.OPEN order by c.id", UUID.class)
                .setMaxResults(1).getSingleResult();
        String customerAddress = customers.get(conversations.get(admin, email).customerId())
                .identityFor(org.parley.base.Channel.EMAIL).orElseThrow().value();
        var reply = conversations.reply(admin, email, org.parley.base.Channel.EMAIL, "A reply from the demo test", false);
        var sent = awaitDelivery(reply.id());
        assertThat(sent.deliveryStatus()).as("%s", sent.deliveryError()).isEqualTo(DeliveryStatus.SENT);
        assertThat(mail.received()).as("GreenMail received the reply over SMTP").anySatisfy(m -> {
            assertThat(m.getAllRecipients()[0].toString()).contains(customerAddress);
            assertThat(m.getContent().toString()).contains("A reply from the demo test");
        });

        UUID phone = em.createQuery("select c.id from Conversation c where c.channel = org.parley.base.Channel.PHONE"
                + " and c.status = org.parley.conversation.ConversationStatus.OPEN order by c.id", UUID.class)
                .setMaxResults(1).getSingleResult();
        var call = conversations.reply(admin, phone, org.parley.base.Channel.PHONE, "Told her on the phone: refunded", false);
        assertThat(awaitDelivery(call.id()).deliveryStatus()).as("a phone answer is logged, never sent")
                .isEqualTo(DeliveryStatus.LOGGED);

        String subject = mail.feedOne().orElseThrow();
        UUID imported = null;
        for (int i = 0; i < 600 && imported == null; i++) { // the poller imports it (IMAP IDLE, or its 5 s poll)
            imported = em.createQuery("select m.conversationId from Message m where m.subject = :s"
                    + " and m.direction = org.parley.conversation.Direction.INBOUND", UUID.class)
                    .setParameter("s", subject).getResultList().stream().findFirst().orElse(null);
            Thread.sleep(100);
        }
        assertThat(imported).as("the fed mail '%s' was imported", subject).isNotNull();
        assertThat(conversations.get(admin, imported).sourceAccount()).isEqualTo(DemoMail.MAILBOX);
        Optional<SlaState> state = Optional.empty();
        for (int i = 0; i < 300 && state.isEmpty(); i++) { // routing applies the rules after the import commits
            state = clocks.state(Viewer.SLA, imported);
            Thread.sleep(100);
        }
        assertThat(state).as("a routing rule put the new conversation under an SLA policy").isPresent();
    }

    private MessageView awaitDelivery(UUID messageId) throws InterruptedException {
        MessageView m = outbound.get(messageId);
        for (int i = 0; i < 300 && m.deliveryStatus() == DeliveryStatus.QUEUED; i++) {
            Thread.sleep(100);
            m = outbound.get(messageId);
        }
        return m;
    }

    private Team teamNamed(String name) {
        return team.allTeams().stream().filter(t -> t.getName().equals(name)).findFirst().orElseThrow();
    }

    private long count(String jpql) {
        return em.createQuery(jpql, Long.class).getSingleResult();
    }
}
