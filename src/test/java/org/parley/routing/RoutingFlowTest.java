package org.parley.routing;

import org.parley.conversation.ConversationAccess.Viewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.conversation.ConversationService;
import org.parley.conversation.ConversationStatus;
import org.parley.conversation.Direction;
import org.parley.conversation.MessageView;
import org.parley.conversation.Priority;
import org.parley.customer.CustomerDirectory;
import org.parley.routing.RoutingEnums.Presence;
import org.parley.routing.RoutingEnums.Strategy;
import org.parley.sla.CalendarSpec;
import org.parley.sla.PolicySpec;
import org.parley.sla.SlaAdministration;
import org.parley.sla.SlaClocks;
import org.parley.support.Inbound;
import org.parley.support.MutableClock;
import org.parley.support.ParleySpringTest;
import org.parley.support.TestClockConfig;
import org.parley.team.Agent;
import org.parley.team.Role;
import org.parley.team.TeamDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;

/** Rules running on real events (after commit), their actions, ordering and stop flag; assignment. */
@ParleySpringTest
@Import(TestClockConfig.class)
@TestPropertySource(properties = "parley.sla.sweep-enabled=false")
class RoutingFlowTest {

    @Autowired
    MutableClock clock;
    @Autowired
    RoutingRules rules;
    @Autowired
    Assignment assignment;
    @Autowired
    SlaAdministration slaAdmin;
    @Autowired
    SlaClocks sla;
    @Autowired
    ConversationService conversations;
    @Autowired
    CustomerDirectory customers;
    @Autowired
    TeamDirectory team;
    @Autowired
    PlatformTransactionManager transactions;

    String run;
    UUID teamId;

    @BeforeEach
    void setUp() {
        run = UUID.randomUUID().toString().substring(0, 8);
        teamId = team.createTeam("Billing " + run, null).getId();
    }

    @AfterEach
    void removeRules() {
        rules.list().forEach(r -> rules.delete(r.id())); // rules are global: leave none behind for other tests
    }

    UUID write(String who, String subject, String text) {
        return Inbound.write(transactions, customers, conversations, who + "." + run + "@example.com", subject, text,
                "t-" + who + "-" + subject, clock.instant());
    }

    RuleSpec rule(String name, String trigger, boolean stop, List<RuleSpec.Condition> conditions,
            RuleSpec.Action... actions) {
        return new RuleSpec(name + " " + run, true, trigger, "ALL", stop, conditions, List.of(actions));
    }

    RuleSpec.Condition subjectHas(String text) {
        return new RuleSpec.Condition("SUBJECT", "CONTAINS", text);
    }

    List<String> routingNotes(UUID id) {
        return conversations.messages(Viewer.SYSTEM, id).stream().filter(m -> m.direction() == Direction.NOTE
                && "Routing".equals(m.authorName())).map(MessageView::text).toList();
    }

    @Test
    void rulesRunInOrderUntilStopAndRecordTheirDecisions() {
        var calendar = slaAdmin.createCalendar(new CalendarSpec("Always " + run, "UTC", true, List.of(), List.of()));
        UUID policy = slaAdmin.createPolicy(new PolicySpec("P " + run, calendar.id(),
                List.of(new PolicySpec.Target("HIGH", 30, 60, 480)), 75, 150)).id();
        RuleSpec disabled = new RuleSpec("Off " + run, false, "CONVERSATION_CREATED", "ALL", false,
                List.of(subjectHas(run)), List.of(new RuleSpec.Action("ADD_TAG", "disabled")));
        rules.create(disabled);
        rules.create(rule("VIP refund", "CONVERSATION_CREATED", false, List.of(subjectHas("refund " + run)),
                new RuleSpec.Action("SET_PRIORITY", "HIGH"), new RuleSpec.Action("ADD_TAG", "billing"),
                new RuleSpec.Action("ASSIGN_TEAM", teamId.toString()),
                new RuleSpec.Action("APPLY_SLA_POLICY", policy.toString())));
        rules.create(rule("Second", "CONVERSATION_CREATED", true, List.of(subjectHas(run)),
                new RuleSpec.Action("ADD_TAG", "second")));
        rules.create(rule("Never", "CONVERSATION_CREATED", false, List.of(subjectHas(run)),
                new RuleSpec.Action("ADD_TAG", "never")));
        rules.create(rule("Updated", "CONVERSATION_UPDATED", false,
                List.of(subjectHas(run), new RuleSpec.Condition("TAG", "CONTAINS", "billing")),
                new RuleSpec.Action("ADD_TAG", "updated"), new RuleSpec.Action("SET_PRIORITY", "HIGH")));
        rules.create(rule("Replied", "CUSTOMER_REPLIED", false,
                List.of(subjectHas(run), new RuleSpec.Condition("MESSAGE", "EQUALS", "REPLY")),
                new RuleSpec.Action("REMOVE_TAG", "second")));

        UUID id = write("jane", "refund " + run, "I want my money back");

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(conversations.get(Viewer.SYSTEM, id).tags()).containsExactlyInAnyOrder("billing", "second"));
        var c = conversations.get(Viewer.SYSTEM, id);
        assertThat(c.priority()).isEqualTo(Priority.HIGH);
        assertThat(c.teamId()).isEqualTo(teamId);
        assertThat(sla.state(Viewer.SLA, id)).hasValueSatisfying(s -> assertThat(s.policyId()).isEqualTo(policy));
        assertThat(routingNotes(id)).containsExactly(
                "Rule 'VIP refund " + run + "' set priority HIGH, added tag 'billing', assigned team Billing " + run
                        + ", applied SLA policy 'P " + run + "'",
                "Rule 'Second " + run + "' added tag 'second'");

        // an agent's change runs CONVERSATION_UPDATED rules once; their own changes do not run them again
        conversations.setPriority(Viewer.SYSTEM, id, Priority.URGENT);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(conversations.get(Viewer.SYSTEM, id).tags()).contains("updated"));
        // the rule's own priority change would have re-triggered it; give a loop time to show itself
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(routingNotes(id)).filteredOn(n -> n.startsWith("Rule 'Updated")).hasSize(1));
        assertThat(conversations.get(Viewer.SYSTEM, id).priority()).isEqualTo(Priority.HIGH);

        // the customer's reply runs CUSTOMER_REPLIED rules
        write("jane", "refund " + run, "Any news?");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(conversations.get(Viewer.SYSTEM, id).tags()).doesNotContain("second"));
        assertThat(conversations.get(Viewer.SYSTEM, id).tags()).doesNotContain("never", "disabled");
    }

    @Test
    void messagesCommittedTogetherAreEachRoutedOnTheirOwnFacts() {
        rules.create(rule("Created", "CONVERSATION_CREATED", false, List.of(subjectHas("hello " + run)),
                new RuleSpec.Action("ADD_TAG", "created")));
        rules.create(rule("Urgent", "CONVERSATION_CREATED", false,
                List.of(subjectHas("hello " + run), new RuleSpec.Condition("BODY", "CONTAINS", "urgent")),
                new RuleSpec.Action("SET_PRIORITY", "URGENT")));
        rules.create(rule("Again", "CUSTOMER_REPLIED", false,
                List.of(subjectHas("hello " + run), new RuleSpec.Condition("BODY", "CONTAINS", "again")),
                new RuleSpec.Action("ADD_TAG", "replied")));

        // one commit, so the routing subscriber gets all of them in one handout: three new conversations, and a
        // reply to the third right behind its first message
        UUID[] ids = new org.springframework.transaction.support.TransactionTemplate(transactions).execute(status ->
                new UUID[] {write("ann", "hello " + run, "urgent please"), write("bob", "hello " + run, "fine"),
                        write("cat", "hello " + run, "fine"), write("cat", "hello " + run, "again")});
        assertThat(ids[3]).isEqualTo(ids[2]);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(routingNotes(ids[0])).hasSize(2);
            assertThat(routingNotes(ids[1])).hasSize(1);
            assertThat(routingNotes(ids[2])).hasSize(2);
        });
        assertThat(conversations.get(Viewer.SYSTEM, ids[0]).tags()).containsExactly("created");
        assertThat(conversations.get(Viewer.SYSTEM, ids[0]).priority()).isEqualTo(Priority.URGENT);
        assertThat(conversations.get(Viewer.SYSTEM, ids[1]).tags()).containsExactly("created");
        assertThat(conversations.get(Viewer.SYSTEM, ids[1]).priority()).isNotEqualTo(Priority.URGENT);
        assertThat(conversations.get(Viewer.SYSTEM, ids[2]).tags()).containsExactlyInAnyOrder("created", "replied");
        assertThat(routingNotes(ids[2])).containsExactly("Rule 'Created " + run + "' added tag 'created'",
                "Rule 'Again " + run + "' added tag 'replied'");

        // the latest customer message of several conversations at once, as for each alone
        var latest = conversations.latestInboundOf(Viewer.SYSTEM, List.of(ids[0], ids[1], ids[2], UUID.randomUUID()));
        assertThat(latest).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(latest.get(ids[i])).isEqualTo(conversations.latestInbound(Viewer.SYSTEM, ids[i]).orElseThrow());
        }
        assertThat(latest.get(ids[2]).text()).isEqualTo("again");
    }

    @Test
    void autoReplyAndCloseAsSpam() {
        rules.create(rule("Spam", "CONVERSATION_CREATED", true, List.of(subjectHas("casino " + run)),
                new RuleSpec.Action("AUTO_REPLY", "Thanks, we got your message."),
                new RuleSpec.Action("CLOSE_AS_SPAM", null)));
        rules.create(rule("Hello", "CONVERSATION_CREATED", true, List.of(subjectHas("hello " + run)),
                new RuleSpec.Action("AUTO_REPLY", "Thanks, we will answer soon.")));

        UUID spam = write("spammer", "casino " + run, "Win big");
        UUID hello = write("joe", "hello " + run, "Question");

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(conversations.get(Viewer.SYSTEM, spam).status()).isEqualTo(ConversationStatus.CLOSED);
            assertThat(conversations.get(Viewer.SYSTEM, hello).messageCount()).isGreaterThanOrEqualTo(3); // in, reply, note
        });
        assertThat(conversations.get(Viewer.SYSTEM, spam).tags()).contains("spam");
        MessageView reply = conversations.messages(Viewer.SYSTEM, hello).stream().filter(m -> m.direction() == Direction.OUTBOUND)
                .findFirst().orElseThrow();
        assertThat(reply.text()).isEqualTo("Thanks, we will answer soon.");
        assertThat(reply.authorName()).isEqualTo("Parley (auto-reply)");
        // an auto-reply is not an agent's answer: still OPEN and unassigned
        assertThat(conversations.get(Viewer.SYSTEM, hello).status()).isEqualTo(ConversationStatus.OPEN);
        assertThat(conversations.get(Viewer.SYSTEM, hello).assigneeId()).isNull();
        Agent system = team.findAgentByUsername(RoutingEngine.SYSTEM_AGENT).orElseThrow();
        assertThat(system.isActive()).isFalse();
    }

    Agent member(String name, boolean online, int capacity) {
        Agent a = team.createAgent(name + "-" + run, name + " " + run, null, "password-123", Set.of(Role.AGENT));
        team.addMember(teamId, a.getId(), false);
        assignment.setCapacity(a.getId(), capacity);
        if (online) {
            assignment.setPresence(a.getId(), Presence.ONLINE);
        }
        return a;
    }

    @Test
    void roundRobinIsFairRespectsCapacityAndPresenceChangesDrainTheQueue() {
        Agent ann = member("ann", true, 2);
        Agent bob = member("bob", true, 2);
        Agent cat = member("cat", false, 1);
        List<UUID> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            UUID id = write("c" + i, "question " + i + " " + run, "help");
            conversations.moveToTeam(Viewer.SYSTEM, id, teamId);
            assignment.assign(id, teamId, Strategy.ROUND_ROBIN);
            ids.add(id);
        }
        List<UUID> assignees = ids.stream().map(id -> conversations.get(Viewer.SYSTEM, id).assigneeId()).toList();
        // alternating, two each, then capacity reached: the rest waits in the team queue
        UUID first = assignees.get(0);
        UUID second = first.equals(ann.getId()) ? bob.getId() : ann.getId();
        assertThat(assignees.subList(0, 4)).containsExactly(first, second, first, second);
        assertThat(assignees.subList(4, 6)).containsOnlyNulls();
        assertThat(assignment.isWaiting(ids.get(4))).isTrue();
        assertThat(assignment.waitingCount(teamId)).isEqualTo(2);

        // cat comes online with room for one: the oldest waiting conversation goes to her
        assignment.setPresence(cat.getId(), Presence.ONLINE);
        assertThat(conversations.get(Viewer.SYSTEM, ids.get(4)).assigneeId()).isEqualTo(cat.getId());
        assertThat(conversations.get(Viewer.SYSTEM, ids.get(5)).assigneeId()).isNull();

        // ann resolves one: she is below capacity again, and the last one is assigned to her
        UUID annsFirst = ids.get(assignees.indexOf(ann.getId()));
        conversations.setStatus(Viewer.SYSTEM, annsFirst, ConversationStatus.RESOLVED);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(conversations.get(Viewer.SYSTEM, ids.get(5)).assigneeId()).isEqualTo(ann.getId()));
        assertThat(assignment.waitingCount(teamId)).isZero();

        // away agents get nothing
        assignment.setPresence(ann.getId(), Presence.AWAY);
        assignment.setPresence(bob.getId(), Presence.OFFLINE);
        UUID late = write("late", "late " + run, "help");
        conversations.moveToTeam(Viewer.SYSTEM, late, teamId);
        assertThat(assignment.assign(late, teamId, Strategy.LEAST_OPEN)).isEmpty();
    }

    @Test
    void leastOpenAndStickyPickTheRightAgent() {
        Agent ann = member("ann", true, 5);
        Agent bob = member("bob", true, 5);
        UUID a1 = write("x1", "one " + run, "help");
        conversations.assign(Viewer.SYSTEM, a1, ann.getId());
        UUID a2 = write("x2", "two " + run, "help");
        conversations.assign(Viewer.SYSTEM, a2, ann.getId());
        UUID fresh = write("x3", "three " + run, "help");
        assertThat(assignment.assign(fresh, teamId, Strategy.LEAST_OPEN)).map(Agent::getId).contains(bob.getId());

        // sticky: the customer of a1 writes again on a new thread: back to ann, although she has more open
        UUID again = Inbound.write(transactions, customers, conversations, "x1." + run + "@example.com", "new " + run,
                "another thing", "t-new-" + run, clock.instant());
        assertThat(assignment.assign(again, teamId, Strategy.STICKY)).map(Agent::getId).contains(ann.getId());
    }
}
