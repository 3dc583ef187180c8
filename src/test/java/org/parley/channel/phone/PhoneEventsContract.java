package org.parley.channel.phone;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.support.ApiClient;
import org.parley.support.ApiClient.Response;
import org.parley.support.ParleySpringTest;
import org.parley.team.Role;
import org.parley.team.TeamDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Telephony call events and logged calls, on H2 and on MySQL/MariaDB (subclasses). */
abstract class PhoneEventsContract {

    @LocalServerPort
    int port;

    @Autowired
    PhoneCalls calls;

    @Autowired
    TeamDirectory team;

    ApiClient api;
    String run;
    String customerNumber;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port, ParleySpringTest.TOKEN);
        run = UUID.randomUUID().toString().substring(0, 8);
        // a distinct valid German mobile number per test run
        customerNumber = "+49 151 " + String.format("%08d", Math.floorMod(run.hashCode(), 100_000_000));
    }

    String e164() {
        return customerNumber.replace(" ", "");
    }

    String event(String callId, String direction, String from, String to, String status, String extra) {
        return """
                {"callId": "%s", "direction": "%s", "from": "%s", "to": "%s", "status": "%s"%s}"""
                .formatted(callId, direction, from, to, status, extra == null ? "" : ", " + extra);
    }

    @Test
    void aCallIsOneMessageThatLaterEventsUpdate() {
        Instant start = Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        String callId = "CA" + run;
        Response ringing = api.post("/api/v1/channels/phone/events", event(callId, "INBOUND", customerNumber,
                "+49 30 12345678", "RINGING", "\"startedAt\": \"" + start + "\""));
        Response answered = api.post("/api/v1/channels/phone/events", event(callId, "INBOUND", customerNumber,
                "+49 30 12345678", "ANSWERED", null));
        Response completed = api.post("/api/v1/channels/phone/events", event(callId, "inbound", customerNumber,
                "+49 30 12345678", "COMPLETED", "\"startedAt\": \"" + start + "\", \"endedAt\": \""
                        + start.plusSeconds(192) + "\", \"recordingUrl\": \"https://calls.example.com/rec/" + run
                        + ".mp3\", \"transcript\": \"I want to change my plan\""));

        assertThat(ringing.status()).isEqualTo(201);
        assertThat(answered.status()).isEqualTo(200);
        assertThat(completed.status()).isEqualTo(200);
        assertThat(completed.text("messageId")).isEqualTo(ringing.text("messageId"));
        assertThat(completed.json().path("callbackNeeded").asBoolean()).isFalse();

        JsonNode customers = api.get("/api/v1/customers?identity=" + ApiClient.encode("PHONE:" + e164())).json();
        assertThat(customers).hasSize(1);
        JsonNode timeline = api.get("/api/v1/customers/" + ringing.text("customerId") + "/timeline").json();
        assertThat(timeline).hasSize(1);
        JsonNode message = timeline.get(0);
        assertThat(message.path("channel").asString()).isEqualTo("PHONE");
        assertThat(message.path("direction").asString()).isEqualTo("INBOUND");
        assertThat(message.path("text").asString())
                .startsWith("Inbound call from " + e164() + " to +493012345678: completed · 3 min 12 s")
                .contains("Recording: https://calls.example.com/rec/" + run + ".mp3")
                .contains("Transcript: I want to change my plan");
        JsonNode conversation = api.get("/api/v1/conversations/" + ringing.text("conversationId")).json();
        assertThat(conversation.path("tags")).isEmpty();
    }

    @Test
    void aMissedCallOrVoicemailOpensAConversationThatNeedsACallback() {
        Response missed = api.post("/api/v1/channels/phone/events", event("CM" + run, "INBOUND", customerNumber,
                "+4930 12345678", "MISSED", null));
        assertThat(missed.status()).isEqualTo(201);
        assertThat(missed.json().path("callbackNeeded").asBoolean()).isTrue();
        JsonNode conversation = api.get("/api/v1/conversations/" + missed.text("conversationId")).json();
        assertThat(conversation.path("status").asString()).isEqualTo("OPEN");
        assertThat(conversation.path("tags")).extracting(JsonNode::asString).containsExactly("callback");
        assertThat(conversation.path("messages").get(0).path("text").asString()).contains("missed", "callback needed");

        // a call that rang first and went to voicemail later is tagged by the later event
        Response ringing = api.post("/api/v1/channels/phone/events", event("CV" + run, "INBOUND", "+44 20 7946 0" + String.format("%03d", Math.floorMod(run.hashCode(), 1000)),
                "+4930 12345678", "RINGING", null));
        assertThat(ringing.json().path("callbackNeeded").asBoolean()).isFalse();
        Response voicemail = api.post("/api/v1/channels/phone/events", event("CV" + run, "INBOUND", "+44 20 7946 0" + String.format("%03d", Math.floorMod(run.hashCode(), 1000)),
                "+4930 12345678", "VOICEMAIL", "\"recordingUrl\": \"https://calls.example.com/vm/" + run + "\""));
        assertThat(voicemail.status()).isEqualTo(200);
        assertThat(voicemail.json().path("callbackNeeded").asBoolean()).isTrue();
        JsonNode second = api.get("/api/v1/conversations/" + voicemail.text("conversationId")).json();
        assertThat(second.path("tags")).extracting(JsonNode::asString).contains("callback");
        assertThat(second.path("messages")).hasSize(1);
        assertThat(second.path("messages").get(0).path("text").asString()).contains("Voicemail: https://calls.example.com/vm/");
    }

    @Test
    void anOutboundCallIsAnAgentSideRecordThatIsNotDelivered() {
        Response r = api.post("/api/v1/channels/phone/events", event("CO" + run, "OUTBOUND", "+4930 12345678",
                customerNumber, "COMPLETED", null));
        assertThat(r.status()).isEqualTo(201);
        JsonNode message = api.get("/api/v1/conversations/" + r.text("conversationId")).json().path("messages").get(0);
        assertThat(message.path("direction").asString()).isEqualTo("OUTBOUND");
        assertThat(message.path("channel").asString()).isEqualTo("PHONE");
        assertThat(message.path("deliveryStatus").isNull() || message.path("deliveryStatus").isMissingNode()).isTrue();
        assertThat(api.get("/api/v1/customers?identity=" + ApiClient.encode("PHONE:" + e164())).json()).hasSize(1);
    }

    @Test
    void invalidEventsAre400AndWithoutATokenTheAnswerIs401() {
        assertRefused(event("", "INBOUND", customerNumber, "+4930 12345678", "RINGING", null), "callId");
        assertRefused(event("X1" + run, "SIDEWAYS", customerNumber, "+4930 12345678", "RINGING", null), "direction");
        assertRefused(event("X2" + run, "INBOUND", "12", "+4930 12345678", "RINGING", null), "from");
        assertRefused(event("X3" + run, "INBOUND", customerNumber, "+4930 12345678", "EXPLODED", null), "status");
        assertRefused(event("X4" + run, "INBOUND", customerNumber, "+4930 12345678", "COMPLETED",
                "\"startedAt\": \"2026-01-01T10:00:00Z\", \"endedAt\": \"2026-01-01T09:00:00Z\""), "endedAt");
        assertRefused(event("X5" + run, "INBOUND", customerNumber, "+4930 12345678", "COMPLETED",
                "\"recordingUrl\": \"javascript:alert(1)\""), "recordingUrl");
        assertRefused("{\"callId\": ", "JSON");
        Response anonymous = new ApiClient(port, null).post("/api/v1/channels/phone/events",
                event("X6" + run, "INBOUND", customerNumber, "+4930 12345678", "RINGING", null));
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(api.get("/api/v1/customers?identity=" + ApiClient.encode("PHONE:" + e164())).json()).isEmpty();
    }

    @Test
    void agentsLogCallsInBothDirections() {
        var agent = team.createAgent("caller" + run, "Casey Caller", null, "long-enough-pw", java.util.Set.of(Role.AGENT));
        PhoneCalls.CallResult inbound = calls.logCall(new PhoneCalls.LoggedCall(null, CallDirection.INBOUND, customerNumber,
                Instant.now().minus(1, ChronoUnit.HOURS), Duration.ofMinutes(4), CallOutcome.ANSWERED,
                "Asked about the invoice"), agent.getId());
        PhoneCalls.CallResult outbound = calls.logCall(new PhoneCalls.LoggedCall(null, CallDirection.OUTBOUND, e164(),
                Instant.now().minus(30, ChronoUnit.MINUTES), Duration.ZERO, CallOutcome.VOICEMAIL, "Left a message"),
                agent.getId());

        assertThat(outbound.customerId()).isEqualTo(inbound.customerId());
        assertThat(outbound.callbackNeeded()).isTrue();
        JsonNode timeline = api.get("/api/v1/customers/" + inbound.customerId() + "/timeline").json();
        assertThat(timeline).hasSize(2);
        assertThat(timeline.get(0).path("direction").asString()).isEqualTo("INBOUND");
        assertThat(timeline.get(0).path("text").asString()).startsWith("Inbound call from " + e164() + ": Answered · 4 min 0 s")
                .contains("Asked about the invoice");
        assertThat(timeline.get(1).path("direction").asString()).isEqualTo("OUTBOUND");
        assertThat(timeline.get(1).path("authorName").asString()).isEqualTo("Casey Caller");
        assertThat(timeline.get(1).path("text").asString()).contains("Outbound call to " + e164() + ": Voicemail");
        assertThat(api.get("/api/v1/conversations/" + outbound.conversationId()).json().path("tags"))
                .extracting(JsonNode::asString).contains("callback");
    }

    private void assertRefused(String body, String reason) {
        Response r = api.post("/api/v1/channels/phone/events", body);
        assertThat(r.status()).as(body).isEqualTo(400);
        assertThat(r.body()).as(body).containsIgnoringCase(reason);
    }
}
