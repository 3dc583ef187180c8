package org.parley.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.base.Channel;
import org.parley.base.InvalidInputException;
import org.parley.conversation.ConversationStatus;
import org.parley.conversation.ConversationView;
import org.parley.conversation.Priority;
import org.parley.routing.RoutingEnums.Trigger;
import org.parley.routing.RuleCompiler.CompiledRule;
import org.parley.sla.CalendarSpec;
import org.parley.sla.SlaAdministration;
import org.parley.team.Agent;
import org.parley.team.Role;
import org.parley.team.Team;
import org.parley.team.TeamDirectory;

/** Every condition and the validation of rules, without a database. */
class RuleCompilerTest {

    static final UUID TEAM = UUID.randomUUID();
    static final UUID AGENT = UUID.randomUUID();
    static final UUID POLICY = UUID.randomUUID();
    static final UUID CALENDAR = UUID.randomUUID();
    // Monday 2026-11-23 10:00 in Berlin is inside 09-17 business hours; 20:00 is outside
    static final Instant MONDAY_10 = Instant.parse("2026-11-23T09:00:00Z");
    static final Instant MONDAY_20 = Instant.parse("2026-11-23T19:00:00Z");

    RuleCompiler compiler;

    @BeforeEach
    void setUp() {
        TeamDirectory team = mock(TeamDirectory.class);
        when(team.findTeam(any())).thenReturn(Optional.empty());
        when(team.findTeam(TEAM)).thenReturn(Optional.of(new Team("Billing", null)));
        when(team.findAgent(any())).thenReturn(Optional.empty());
        when(team.findAgent(AGENT)).thenReturn(Optional.of(new Agent("ann", "Ann", null, "x", java.util.Set.of(Role.AGENT))));
        SlaAdministration sla = mock(SlaAdministration.class);
        when(sla.policyExists(POLICY)).thenReturn(true);
        when(sla.calendarExists(CALENDAR)).thenReturn(true);
        when(sla.businessHours(CALENDAR)).thenReturn(Optional.of(new CalendarSpec("Office", "Europe/Berlin", false,
                List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY").stream()
                        .map(d -> new CalendarSpec.Hours(d, "09:00", "17:00")).toList(), List.of()).toBusinessHours()));
        compiler = new RuleCompiler(team, sla);
    }

    static RoutingFacts facts(Channel channel, String account, String subject, String body, String sender,
            Map<String, String> attributes, List<String> tags, Priority priority, boolean first, Instant now) {
        ConversationView c = new ConversationView(UUID.randomUUID(), UUID.randomUUID(), channel, subject,
                ConversationStatus.OPEN, priority, null, null, tags, null, 1, now, now, now, null, null, 0L, account);
        return new RoutingFacts(c, subject, body, sender, attributes, first, now);
    }

    static RoutingFacts email(String subject, String body) {
        return facts(Channel.EMAIL, "support@acme.test", subject, body, "jane@vip.example.com", Map.of("plan", "VIP"),
                List.of("billing"), Priority.HIGH, true, MONDAY_10);
    }

    boolean matches(RoutingFacts facts, String match, RuleSpec.Condition... conditions) {
        RuleSpec spec = compiler.normalize(new RuleSpec("r", true, "CONVERSATION_CREATED", match, false,
                List.of(conditions), List.of(new RuleSpec.Action("ADD_TAG", "x"))));
        return compiler.compile(UUID.randomUUID(), 1, spec).matcher().test(facts);
    }

    boolean matches(RoutingFacts facts, RuleSpec.Condition condition) {
        return matches(facts, "ALL", condition);
    }

    static RuleSpec.Condition c(String field, String operator, String value) {
        return new RuleSpec.Condition(field, operator, value);
    }

    @Test
    void eachConditionMatchesWhatItSays() {
        RoutingFacts f = email("Refund for order 4711", "Please refund my last invoice");
        assertThat(matches(f, c("CHANNEL", "EQUALS", "email"))).isTrue();
        assertThat(matches(f, c("CHANNEL", "NOT_EQUALS", "EMAIL"))).isFalse();
        assertThat(matches(f, c("ACCOUNT", "EQUALS", "SUPPORT@acme.test"))).isTrue();
        assertThat(matches(f, c("ACCOUNT", "CONTAINS", "sales"))).isFalse();
        assertThat(matches(f, c("SUBJECT", "CONTAINS", "REFUND"))).isTrue();
        assertThat(matches(f, c("SUBJECT", "NOT_CONTAINS", "refund"))).isFalse();
        assertThat(matches(f, c("SUBJECT", "MATCHES", "order \\d{4}$"))).isTrue();
        assertThat(matches(f, c("SUBJECT", "MATCHES", "^order"))).isFalse();
        assertThat(matches(f, c("BODY", "CONTAINS", "invoice"))).isTrue();
        assertThat(matches(f, c("BODY", "MATCHES", "cancel|terminate"))).isFalse();
        assertThat(matches(f, c("SENDER", "EQUALS", "jane@vip.example.com"))).isTrue();
        assertThat(matches(f, c("SENDER_DOMAIN", "EQUALS", "@vip.example.com"))).isTrue();
        assertThat(matches(f, c("SENDER_DOMAIN", "EQUALS", "example.com"))).isFalse();
        assertThat(matches(f, new RuleSpec.Condition("CUSTOMER_ATTRIBUTE", "EQUALS", "vip", "plan"))).isTrue();
        assertThat(matches(f, new RuleSpec.Condition("CUSTOMER_ATTRIBUTE", "EXISTS", null, "churn_risk"))).isFalse();
        assertThat(matches(f, c("TAG", "CONTAINS", "Billing"))).isTrue();
        assertThat(matches(f, c("TAG", "NOT_CONTAINS", "billing"))).isFalse();
        assertThat(matches(f, c("PRIORITY", "EQUALS", "HIGH"))).isTrue();
        assertThat(matches(f, c("PRIORITY", "AT_LEAST", "NORMAL"))).isTrue();
        assertThat(matches(f, c("PRIORITY", "AT_LEAST", "URGENT"))).isFalse();
        assertThat(matches(f, c("MESSAGE", "EQUALS", "first"))).isTrue();
        assertThat(matches(f, c("MESSAGE", "EQUALS", "REPLY"))).isFalse();
        assertThat(matches(f, c("BUSINESS_HOURS", "INSIDE", CALENDAR.toString()))).isTrue();
        RoutingFacts evening = facts(Channel.X, null, null, "hi", "@jane", Map.of(), List.of(), Priority.NORMAL, false,
                MONDAY_20);
        assertThat(matches(evening, c("BUSINESS_HOURS", "OUTSIDE", CALENDAR.toString()))).isTrue();
        assertThat(matches(evening, c("ACCOUNT", "EXISTS", null))).isFalse();
        assertThat(matches(evening, c("SUBJECT", "CONTAINS", "refund"))).isFalse(); // no subject: no match
        assertThat(matches(evening, c("MESSAGE", "EQUALS", "REPLY"))).isTrue();
    }

    @Test
    void allNeedsEveryConditionAnyNeedsOne() {
        RoutingFacts f = email("Refund", "text");
        RuleSpec.Condition yes = c("SUBJECT", "CONTAINS", "refund");
        RuleSpec.Condition no = c("CHANNEL", "EQUALS", "X");
        assertThat(matches(f, "ALL", yes, no)).isFalse();
        assertThat(matches(f, "ANY", yes, no)).isTrue();
        assertThat(matches(f, "ANY", no)).isFalse();
        assertThat(matches(f, "ALL")).isTrue(); // no conditions: every conversation
    }

    @Test
    void invalidRulesAreRefusedWithTheReason() {
        List<Object[]> cases = new ArrayList<>();
        cases.add(new Object[] {List.of(c("SUBJECT", "MATCHES", "refund(")), null, "invalid regular expression"});
        cases.add(new Object[] {List.of(c("COLOUR", "EQUALS", "red")), null, "field 'COLOUR' is unknown"});
        cases.add(new Object[] {List.of(c("TAG", "MATCHES", "x")), null, "TAG does not take operator MATCHES"});
        cases.add(new Object[] {List.of(c("PRIORITY", "EQUALS", "CRITICAL")), null, "PRIORITY value 'CRITICAL' is unknown"});
        cases.add(new Object[] {List.of(c("SUBJECT", "CONTAINS", " ")), null, "needs a value"});
        cases.add(new Object[] {List.of(new RuleSpec.Condition("CUSTOMER_ATTRIBUTE", "EQUALS", "VIP", null)), null,
            "needs the attribute's name in 'key'"});
        cases.add(new Object[] {List.of(c("BUSINESS_HOURS", "INSIDE", UUID.randomUUID().toString())), null,
            "unknown calendar"});
        cases.add(new Object[] {List.of(), new RuleSpec.Action("ASSIGN_TEAM", UUID.randomUUID().toString()),
            "unknown team"});
        cases.add(new Object[] {List.of(), new RuleSpec.Action("ASSIGN_TEAM", "billing"), "not a valid id"});
        cases.add(new Object[] {List.of(), new RuleSpec.Action("ASSIGN_AGENT", UUID.randomUUID().toString()),
            "unknown agent"});
        cases.add(new Object[] {List.of(), new RuleSpec.Action("APPLY_SLA_POLICY", UUID.randomUUID().toString()),
            "unknown SLA policy"});
        cases.add(new Object[] {List.of(), new RuleSpec.Action("SET_PRIORITY", "ASAP"), "unknown"});
        cases.add(new Object[] {List.of(), new RuleSpec.Action("ADD_TAG", "no/slash"), "must be 1-60 letters"});
        cases.add(new Object[] {List.of(), new RuleSpec.Action("ASSIGN_BY_STRATEGY", "RANDOM"), "'RANDOM' is unknown"});
        cases.add(new Object[] {List.of(), new RuleSpec.Action("SEND_FAX", "x"), "type 'SEND_FAX' is unknown"});
        for (Object[] k : cases) {
            @SuppressWarnings("unchecked")
            List<RuleSpec.Condition> conditions = (List<RuleSpec.Condition>) k[0];
            RuleSpec.Action action = k[1] == null ? new RuleSpec.Action("ADD_TAG", "ok") : (RuleSpec.Action) k[1];
            assertThatThrownBy(() -> compiler.normalize(new RuleSpec("r", true, "CONVERSATION_CREATED", "ALL", false,
                    conditions, List.of(action)))).as(String.valueOf(k[2])).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining((String) k[2]);
        }
        assertThatThrownBy(() -> compiler.normalize(new RuleSpec("r", true, "WHENEVER", "ALL", false, List.of(),
                List.of(new RuleSpec.Action("ADD_TAG", "x"))))).hasMessageContaining("trigger 'WHENEVER' is unknown");
        assertThatThrownBy(() -> compiler.normalize(new RuleSpec("r", true, "CONVERSATION_CREATED", "ALL", false,
                List.of(), List.of()))).hasMessageContaining("at least one action");
        assertThatThrownBy(() -> compiler.normalize(new RuleSpec("", true, "CONVERSATION_CREATED", "ALL", false,
                List.of(), List.of(new RuleSpec.Action("ADD_TAG", "x"))))).hasMessageContaining("name is required");
    }

    @Test
    void validRulesAreNormalised() {
        RuleSpec clean = compiler.normalize(new RuleSpec(" VIP ", null, "conversation_created", null, null,
                List.of(c("channel", "equals", "email"), c("SENDER_DOMAIN", "EQUALS", "@VIP.example.com")),
                List.of(new RuleSpec.Action("assign_team", TEAM.toString()), new RuleSpec.Action("ADD_TAG", "VIP"),
                        new RuleSpec.Action("ASSIGN_AGENT", AGENT.toString()),
                        new RuleSpec.Action("APPLY_SLA_POLICY", POLICY.toString()), new RuleSpec.Action("CLOSE_AS_SPAM", null))));
        assertThat(clean.name()).isEqualTo("VIP");
        assertThat(clean.enabled()).isTrue();
        assertThat(clean.match()).isEqualTo("ALL");
        assertThat(clean.stopAfter()).isFalse();
        assertThat(clean.conditions()).extracting(RuleSpec.Condition::field, RuleSpec.Condition::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("CHANNEL", "EMAIL"),
                        org.assertj.core.groups.Tuple.tuple("SENDER_DOMAIN", "vip.example.com"));
        assertThat(clean.actions()).extracting(RuleSpec.Action::value).containsExactly(TEAM.toString(), "vip",
                AGENT.toString(), POLICY.toString(), null);
        CompiledRule rule = compiler.compile(UUID.randomUUID(), 3, clean);
        assertThat(rule.trigger()).isEqualTo(Trigger.CONVERSATION_CREATED);
        assertThat(rule.position()).isEqualTo(3);
    }
}
