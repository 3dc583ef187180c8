package org.parley.customer.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.conversation.ConversationAccess.Viewer;
import org.parley.conversation.ConversationService;
import org.parley.routing.RoutingRules;
import org.parley.routing.RuleSpec;
import org.parley.security.ApiScope;
import org.parley.security.ApiTokenService;
import org.parley.support.ApiClient;
import org.parley.support.ApiClient.Response;
import org.parley.support.ParleySpringTest;
import org.parley.team.Role;
import org.parley.team.TeamDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A CRM keeps the customer's attributes in step over REST (H2 and MySQL/MariaDB by the subclasses): merged or
 * replaced, by id or by identity, checked as a whole before anything is written — and a routing rule on an
 * attribute acts on the customer's next conversation.
 */
abstract class CustomerAttributesApiContract {

    @LocalServerPort
    int port;
    @Autowired
    TeamDirectory team;
    @Autowired
    ApiTokenService tokens;
    @Autowired
    RoutingRules rules;
    @Autowired
    ConversationService conversations;

    String run;
    ApiClient crm;
    String customerId;
    String email;

    @BeforeEach
    void customer() {
        run = Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits()), 36);
        var agent = team.createAgent("crm-" + run, "CRM " + run, null, "secret-password", EnumSet.of(Role.AGENT));
        crm = new ApiClient(port, tokens.create("crm " + run, agent.getId()).token());
        email = "attr-" + run + "@example.com";
        Response created = crm.post("/api/v1/customers", """
                {"name": "Ada Attr %s", "identities": [{"type": "EMAIL", "value": "%s"}]}""".formatted(run, email));
        assertThat(created.status()).isEqualTo(201);
        customerId = created.text("id");
    }

    @Test
    void attributesAreMergedReplacedAndRemovedByIdOrIdentity() {
        Response merged = crm.put("/api/v1/customers/" + customerId + "/attributes",
                "{\"plan\": \"pro\", \"seats\": 12, \"active\": true}");
        assertThat(merged.status()).as(merged.body()).isEqualTo(200);
        assertThat(merged.json().path("attributes").path("plan").asString()).isEqualTo("pro");
        assertThat(merged.json().path("attributes").path("seats").asString()).isEqualTo("12");
        assertThat(merged.json().path("attributes").path("active").asString()).isEqualTo("true");

        Response byIdentity = crm.put("/api/v1/customers/attributes?identity=" + ApiClient.encode("EMAIL:" + email.toUpperCase()),
                "{\"plan\": \"enterprise\", \"active\": null}");
        assertThat(byIdentity.status()).as(byIdentity.body()).isEqualTo(200);
        assertThat(byIdentity.text("id")).isEqualTo(customerId);
        var attributes = crm.get("/api/v1/customers/" + customerId).json().path("attributes");
        assertThat(attributes.path("plan").asString()).isEqualTo("enterprise");
        assertThat(attributes.path("seats").asString()).isEqualTo("12");
        assertThat(attributes.has("active")).as("null removes").isFalse();

        Response replaced = crm.put("/api/v1/customers/" + customerId + "/attributes?replace=true", "{\"tier\": \"gold\"}");
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.json().path("attributes").size()).isEqualTo(1);
        assertThat(replaced.json().path("attributes").path("tier").asString()).isEqualTo("gold");
    }

    @Test
    void badAttributesAreRefusedAsAWholeAndUnknownCustomersAre404() {
        crm.put("/api/v1/customers/" + customerId + "/attributes", "{\"plan\": \"pro\"}");
        Response bad = crm.put("/api/v1/customers/" + customerId + "/attributes", "{\"plan\": \"free\", \"bad key!\": \"x\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.text("error")).contains("bad key!");
        assertThat(crm.get("/api/v1/customers/" + customerId).json().path("attributes").path("plan").asString())
                .as("nothing of a refused request is written").isEqualTo("pro");
        assertThat(crm.put("/api/v1/customers/" + customerId + "/attributes", "{\"plan\": {\"nested\": 1}}").status())
                .isEqualTo(400);
        assertThat(crm.put("/api/v1/customers/" + customerId + "/attributes", "[\"plan\"]").status()).isEqualTo(400);
        assertThat(crm.put("/api/v1/customers/" + customerId + "/attributes", "{\"notes\": \"" + "x".repeat(1001) + "\"}")
                .status()).isEqualTo(400);
        assertThat(crm.put("/api/v1/customers/attributes?identity=" + ApiClient.encode("EMAIL:nobody-" + run + "@example.com"),
                "{\"plan\": \"pro\"}").status()).isEqualTo(404);
        assertThat(crm.put("/api/v1/customers/" + UUID.randomUUID() + "/attributes", "{\"plan\": \"pro\"}").status())
                .isEqualTo(404);
        assertThat(new ApiClient(port, null).put("/api/v1/customers/" + customerId + "/attributes", "{}").status())
                .isEqualTo(401);
        var agent = team.createAgent("ro-" + run, "RO " + run, null, "secret-password", EnumSet.of(Role.AGENT));
        ApiClient readOnly = new ApiClient(port, tokens.create("ro " + run, agent.getId(), EnumSet.of(ApiScope.READ), null)
                .token());
        assertThat(readOnly.put("/api/v1/customers/" + customerId + "/attributes", "{\"plan\": \"x\"}").status())
                .isEqualTo(403);
    }

    @Test
    void aRoutingRuleOnAnAttributeActsOnTheCustomersNextConversation() throws Exception {
        rules.create(new RuleSpec("Enterprise " + run, true, "CONVERSATION_CREATED", "ALL", false,
                List.of(new RuleSpec.Condition("CUSTOMER_ATTRIBUTE", "EQUALS", "enterprise-" + run, "plan")),
                List.of(new RuleSpec.Action("ADD_TAG", "vip-" + run))));
        crm.put("/api/v1/customers/" + customerId + "/attributes", "{\"plan\": \"enterprise-" + run + "\"}");
        Response in = new ApiClient(port, ParleySpringTest.TOKEN).post("/api/v1/inbound", """
                {"channel": "EMAIL", "externalId": "attr-%s", "from": {"type": "EMAIL", "value": "%s"},
                 "subject": "Our contract", "text": "Hello"}""".formatted(run, email));
        assertThat(in.status()).isEqualTo(201);
        UUID conversation = UUID.fromString(in.text("conversationId"));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!conversations.get(Viewer.SYSTEM, conversation).tags().contains("vip-" + run)
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(conversations.get(Viewer.SYSTEM, conversation).tags()).contains("vip-" + run);
    }
}
