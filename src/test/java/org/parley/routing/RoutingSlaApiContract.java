package org.parley.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.support.ApiClient;
import org.parley.support.ApiClient.Response;
import org.parley.support.ParleySpringTest;
import org.parley.team.TeamDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The HTTP contract of /api/v1/routing/rules, /api/v1/sla/* and the conversation's sla field (H2 and MySQL). */
abstract class RoutingSlaApiContract {

    @LocalServerPort
    int port;
    @Autowired
    TeamDirectory team;
    @Autowired
    RoutingRules rules;

    ApiClient api;
    String run;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port, ParleySpringTest.TOKEN);
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void removeRules() {
        rules.list().forEach(r -> rules.delete(r.id()));
    }

    String calendar(String name) {
        return """
                {"name": "%s", "timeZone": "Europe/Berlin", "alwaysOpen": false,
                 "weeklyHours": [{"day": "MONDAY", "from": "09:00", "to": "17:00"},
                                 {"day": "TUESDAY", "from": "09:00", "to": "17:00"}],
                 "holidays": ["2026-12-25"]}""".formatted(name);
    }

    String policy(String name, String calendarId) {
        return """
                {"name": "%s", "calendarId": "%s", "warnAtPercent": 75,
                 "targets": [{"priority": "HIGH", "firstResponseMinutes": 30, "nextResponseMinutes": 60,
                              "resolutionMinutes": 480}]}""".formatted(name, calendarId);
    }

    @Test
    void calendarsAndPoliciesHaveCrudAndRefuseInvalidInput() {
        Response created = api.post("/api/v1/sla/calendars", calendar("Office " + run));
        assertThat(created.status()).isEqualTo(201);
        JsonNode cal = created.json();
        String calendarId = cal.path("id").asString();
        assertThat(cal.path("timeZone").asString()).isEqualTo("Europe/Berlin");
        assertThat(cal.path("alwaysOpen").asBoolean()).isFalse();
        assertThat(cal.path("weeklyHours").get(0).path("day").asString()).isEqualTo("MONDAY");
        assertThat(cal.path("holidays").get(0).asString()).isEqualTo("2026-12-25");
        assertThat(api.get("/api/v1/sla/calendars/" + calendarId).json().path("name").asString()).isEqualTo("Office " + run);
        assertThat(api.get("/api/v1/sla/calendars").body()).contains(calendarId);

        assertThat(api.post("/api/v1/sla/calendars", calendar("Office " + run)).text("error")).contains("exists already");
        Response badZone = api.post("/api/v1/sla/calendars", calendar("X " + run).replace("Europe/Berlin", "Nowhere/City"));
        assertThat(badZone.status()).isEqualTo(400);
        assertThat(badZone.text("error")).contains("unknown timeZone");
        assertThat(api.post("/api/v1/sla/calendars", calendar("Y " + run).replace("2026-12-25", "Christmas")).status())
                .isEqualTo(400);
        assertThat(api.post("/api/v1/sla/calendars", "{\"name\": 5").status()).isEqualTo(400);
        assertThat(api.post("/api/v1/sla/calendars", "").status()).isEqualTo(400);

        Response p = api.post("/api/v1/sla/policies", policy("Gold " + run, calendarId));
        assertThat(p.status()).isEqualTo(201);
        String policyId = p.json().path("id").asString();
        assertThat(p.json().path("warnAtPercent").asInt()).isEqualTo(75);
        assertThat(p.json().path("secondLevelPercent").asInt()).isEqualTo(150);
        assertThat(p.json().path("targets").get(0).path("firstResponseMinutes").asInt()).isEqualTo(30);
        Response unknownCalendar = api.post("/api/v1/sla/policies", policy("Z " + run, UUID.randomUUID().toString()));
        assertThat(unknownCalendar.status()).isEqualTo(400);
        assertThat(unknownCalendar.text("error")).contains("unknown calendarId");
        assertThat(api.post("/api/v1/sla/policies", policy("W " + run, calendarId).replace("\"HIGH\"", "\"SOON\""))
                .text("error")).contains("unknown priority 'SOON'");
        assertThat(api.post("/api/v1/sla/policies", policy("V " + run, calendarId).replace("\"warnAtPercent\": 75", "\"warnAtPercent\": 120")).text("error"))
                .contains("warnAtPercent");

        Response updated = api.put("/api/v1/sla/policies/" + policyId,
                policy("Gold " + run, calendarId).replace("\"firstResponseMinutes\": 30", "\"firstResponseMinutes\": 20"));
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().path("targets").get(0).path("firstResponseMinutes").asInt()).isEqualTo(20);
        assertThat(api.delete("/api/v1/sla/calendars/" + calendarId).text("error")).contains("used by an SLA policy");
        assertThat(api.delete("/api/v1/sla/policies/" + policyId).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/sla/policies/" + policyId).status()).isEqualTo(404);
        assertThat(api.delete("/api/v1/sla/calendars/" + calendarId).status()).isEqualTo(204);
    }

    @Test
    void rulesHaveCrudReorderDryRunAndRefuseInvalidRules() {
        String teamId = team.createTeam("Billing " + run, null).getId().toString();
        String rule = """
                {"name": "Refunds %s", "enabled": true, "trigger": "CONVERSATION_CREATED", "match": "ALL",
                 "stopAfter": false, "conditions": [{"field": "SUBJECT", "operator": "CONTAINS", "value": "refund %s"}],
                 "actions": [{"type": "SET_PRIORITY", "value": "HIGH"}, {"type": "ADD_TAG", "value": "billing"},
                             {"type": "ASSIGN_TEAM", "value": "%s"}]}""".formatted(run, run, teamId);
        Response created = api.post("/api/v1/routing/rules", rule);
        assertThat(created.status()).isEqualTo(201);
        JsonNode r = created.json();
        String ruleId = r.path("id").asString();
        assertThat(r.path("trigger").asString()).isEqualTo("CONVERSATION_CREATED");
        assertThat(r.path("conditions").get(0).path("operator").asString()).isEqualTo("CONTAINS");
        assertThat(r.path("actions").get(2).path("value").asString()).isEqualTo(teamId);
        assertThat(api.post("/api/v1/routing/rules", rule).text("error")).contains("exists already");

        Response badRegex = api.post("/api/v1/routing/rules", rule.replace("Refunds", "Regex")
                .replace("\"CONTAINS\"", "\"MATCHES\"").replace("refund " + run, "refund ["));
        assertThat(badRegex.status()).isEqualTo(400);
        assertThat(badRegex.text("error")).contains("invalid regular expression");
        Response badTeam = api.post("/api/v1/routing/rules", rule.replace("Refunds", "Team")
                .replace(teamId, UUID.randomUUID().toString()));
        assertThat(badTeam.status()).isEqualTo(400);
        assertThat(badTeam.text("error")).contains("unknown team");

        String second = api.post("/api/v1/routing/rules", rule.replace("Refunds", "Second")).json().path("id").asString();
        Response order = api.put("/api/v1/routing/rules/order", "{\"ruleIds\": [\"%s\", \"%s\"]}".formatted(second, ruleId));
        assertThat(order.status()).isEqualTo(200);
        assertThat(order.json().get(0).path("id").asString()).isEqualTo(second);
        assertThat(api.put("/api/v1/routing/rules/order", "{\"ruleIds\": [\"%s\"]}".formatted(second)).text("error"))
                .contains("every rule exactly once");

        Response disabled = api.put("/api/v1/routing/rules/" + second, rule.replace("Refunds", "Second")
                .replace("\"enabled\": true", "\"enabled\": false"));
        assertThat(disabled.json().path("enabled").asBoolean()).isFalse();
        assertThat(api.delete("/api/v1/routing/rules/" + second).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/routing/rules/" + second).status()).isEqualTo(404);

        // a customer writes: the rule routes the conversation, the decision is in the timeline
        Response in = api.post("/api/v1/inbound", """
                {"channel": "EMAIL", "externalId": "r-%s", "from": {"type": "EMAIL", "value": "jo.%s@example.com",
                 "name": "Jo"}, "subject": "refund %s", "text": "money back please"}""".formatted(run, run, run));
        String conversationId = in.text("conversationId");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            JsonNode c = api.get("/api/v1/conversations/" + conversationId).json();
            assertThat(c.path("priority").asString()).isEqualTo("HIGH");
            assertThat(c.path("tags").get(0).asString()).isEqualTo("billing");
            assertThat(c.path("teamId").asString()).isEqualTo(teamId);
        });
        assertThat(api.get("/api/v1/conversations/" + conversationId).body())
                .contains("Rule 'Refunds " + run + "' set priority HIGH, added tag 'billing', assigned team Billing " + run);

        Response dry = api.post("/api/v1/routing/rules/dry-run", rule.replace("Refunds", "Dry"));
        assertThat(dry.status()).isEqualTo(200);
        assertThat(dry.json().path("examined").asInt()).isPositive();
        assertThat(dry.json().path("matches").get(0).path("conversationId").asString()).isEqualTo(conversationId);
        assertThat(dry.json().path("matches").get(0).path("actions").get(0).asString()).isEqualTo("set priority HIGH");
    }

    @Test
    void theConversationShowsItsSlaBesidePriorityAndTags() {
        String calendarId = api.post("/api/v1/sla/calendars", """
                {"name": "24/7 %s", "timeZone": "UTC", "alwaysOpen": true}""".formatted(run)).json().path("id").asString();
        String policyId = api.post("/api/v1/sla/policies", """
                {"name": "Std %s", "calendarId": "%s", "targets": [{"priority": "NORMAL", "firstResponseMinutes": 60,
                 "resolutionMinutes": 600}]}""".formatted(run, calendarId)).json().path("id").asString();
        String conversationId = api.post("/api/v1/inbound", """
                {"channel": "EMAIL", "externalId": "s-%s", "from": {"type": "EMAIL", "value": "al.%s@example.com",
                 "name": "Al"}, "subject": "sla %s", "text": "hello"}""".formatted(run, run, run)).text("conversationId");
        assertThat(api.get("/api/v1/conversations/" + conversationId).json().path("sla").isNull()).isTrue();

        Response applied = api.put("/api/v1/conversations/" + conversationId + "/sla",
                "{\"policyId\": \"" + policyId + "\"}");
        assertThat(applied.status()).isEqualTo(200);
        JsonNode c = api.get("/api/v1/conversations/" + conversationId).json();
        assertThat(c.path("priority").asString()).isEqualTo("NORMAL");
        assertThat(c.has("tags")).isTrue();
        JsonNode sla = c.path("sla");
        assertThat(sla.path("policyId").asString()).isEqualTo(policyId);
        assertThat(sla.path("policyName").asString()).isEqualTo("Std " + run);
        JsonNode first = sla.path("targets").get(0);
        assertThat(first.path("target").asString()).isEqualTo("FIRST_RESPONSE");
        assertThat(first.path("minutes").asInt()).isEqualTo(60);
        assertThat(first.path("status").asString()).isEqualTo("RUNNING");
        assertThat(java.time.Instant.parse(first.path("dueAt").asString()))
                .isEqualTo(java.time.Instant.parse(c.path("createdAt").asString()).plusSeconds(3600));
        assertThat(sla.path("targets").get(1).path("minutes").isNull()).isTrue(); // no next-response target
        assertThat(sla.has("breaches")).isTrue();
        assertThat(sla.has("escalationLevel")).isTrue();
        assertThat(api.put("/api/v1/conversations/" + conversationId + "/sla", "{}").status()).isEqualTo(400);
        assertThat(api.put("/api/v1/conversations/" + conversationId + "/sla",
                "{\"policyId\": \"" + UUID.randomUUID() + "\"}").text("error")).contains("unknown SLA policy");
    }
}
