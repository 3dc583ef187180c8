package org.parley.channel.outbox;

import org.parley.conversation.ConversationAccess.Viewer;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.base.Channel;
import org.parley.channel.InboundMessage;
import org.parley.channel.IngestResult;
import org.parley.channel.IngestionService;
import org.parley.conversation.ConversationService;
import org.parley.conversation.DeliveryStatus;
import org.parley.conversation.MessageView;
import org.parley.conversation.OutboundQueue;
import org.parley.security.ApiTokenService;
import org.parley.support.ApiClient;
import org.parley.support.ApiClient.Response;
import org.parley.support.ParleySpringTest;
import org.parley.team.Role;
import org.parley.team.TeamDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import tools.jackson.databind.JsonNode;

/**
 * The outbox end to end, on H2 and on MySQL/MariaDB: replies are queued in the reply's transaction,
 * sent by the dispatcher outside it, retried with backoff, failed with a reason, sent again from
 * FAILED, and never sent twice. A scripted WhatsApp sender stands in for the provider.
 */
abstract class OutboxContract {


    @LocalServerPort
    int port;
    @Autowired
    IngestionService ingestion;
    @Autowired
    ConversationService conversations;
    @Autowired
    OutboundQueue outbox;
    @Autowired
    OutboxDispatcher dispatcher;
    @Autowired
    TeamDirectory team;
    @Autowired
    ApiTokenService tokens;
    @Autowired
    ScriptedSender sender;

    UUID agentId;
    String run;

    @BeforeEach
    void setUp() {
        run = Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits()), 36).substring(0, 8);
        agentId = team.createAgent("outbox-" + run, "Olga Outbox", "outbox-" + run + "@parley.test", "secret-password",
                EnumSet.of(Role.AGENT)).getId();
    }

    IngestResult whatsAppConversation() {
        String phone = "+49151" + String.format("%08d", java.util.concurrent.ThreadLocalRandom.current().nextInt(100_000_000));
        return ingestion.ingest(new InboundMessage(Channel.WHATSAPP, "wa-" + UUID.randomUUID(),
                new InboundMessage.Sender(Channel.WHATSAPP, phone, "Wanda"), null, "Hello there", null, null, null,
                null, Instant.now()));
    }

    MessageView awaitStatus(UUID messageId, Predicate<MessageView> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        MessageView m = outbox.get(messageId);
        while (!done.test(m)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("delivery did not settle: " + m);
            }
            sleep(25);
            m = outbox.get(messageId);
        }
        return m;
    }

    @Test
    void aReplyIsQueuedThenSentOnceWithTheProvidersId() {
        IngestResult in = whatsAppConversation();
        MessageView reply = conversations.replyAt(Viewer.SYSTEM, in.conversationId(), agentId, null, "ok " + run, false, java.time.Instant.now());
        assertThat(reply.deliveryStatus()).isEqualTo(DeliveryStatus.QUEUED);

        MessageView sent = awaitStatus(reply.id(), m -> m.deliveryStatus() != DeliveryStatus.QUEUED);
        assertThat(sent.deliveryStatus()).isEqualTo(DeliveryStatus.SENT);
        assertThat(sender.calls(reply.id())).isEqualTo(1);
        OutboundDelivery delivery = sender.last.get(reply.id());
        assertThat(delivery.recipient()).startsWith("+49151");
        assertThat(delivery.idempotencyKey()).isEqualTo("parley-" + reply.id());
        assertThat(delivery.inReplyTo()).isEqualTo(conversations.messages(Viewer.SYSTEM, in.conversationId()).getFirst().externalId());
        assertThat(delivery.publicReply()).isFalse();

        dispatcher.dispatchDue();
        assertThat(sender.calls(reply.id())).as("a SENT message is never claimed again").isEqualTo(1);
    }

    @Test
    void aProviderThatFailsTwiceThenSucceedsIsRetriedAndSendsOnce() {
        IngestResult in = whatsAppConversation();
        MessageView reply = conversations.replyAt(Viewer.SYSTEM, in.conversationId(), agentId, null, "flaky " + run, false, java.time.Instant.now());

        MessageView sent = awaitStatus(reply.id(), m -> m.deliveryStatus() != DeliveryStatus.QUEUED);
        assertThat(sent.deliveryStatus()).isEqualTo(DeliveryStatus.SENT);
        assertThat(sent.deliveryAttempts()).isEqualTo(3);
        assertThat(sender.calls(reply.id())).isEqualTo(3);
        assertThat(sender.successes(reply.id())).isEqualTo(1);
        assertThat(sender.keys(reply.id())).as("one idempotency key on every attempt").hasSize(1);
        assertThat(sent.deliveryError()).isNull();
    }

    @Test
    void aPermanentFailureIsFailedWithTheReason_andRetryFromFailedSendsIt() {
        IngestResult in = whatsAppConversation();
        MessageView reply = conversations.replyAt(Viewer.SYSTEM, in.conversationId(), agentId, null, "refused-once " + run, false, java.time.Instant.now());

        MessageView failed = awaitStatus(reply.id(), m -> m.deliveryStatus() != DeliveryStatus.QUEUED);
        assertThat(failed.deliveryStatus()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(failed.deliveryError()).isEqualTo("recipient is not on WhatsApp");
        assertThat(sender.calls(reply.id())).isEqualTo(1);

        MessageView requeued = outbox.retry(reply.id());
        assertThat(requeued.deliveryStatus()).isEqualTo(DeliveryStatus.QUEUED);
        MessageView sent = awaitStatus(reply.id(), m -> m.deliveryStatus() != DeliveryStatus.QUEUED);
        assertThat(sent.deliveryStatus()).isEqualTo(DeliveryStatus.SENT);
        assertThat(sender.calls(reply.id())).isEqualTo(2);
    }

    @Test
    void transientFailuresGiveUpAfterTheLastAttempt() {
        IngestResult in = whatsAppConversation();
        MessageView reply = conversations.replyAt(Viewer.SYSTEM, in.conversationId(), agentId, null, "always-down " + run, false, java.time.Instant.now());

        MessageView failed = awaitStatus(reply.id(), m -> m.deliveryStatus() != DeliveryStatus.QUEUED);
        assertThat(failed.deliveryStatus()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(failed.deliveryError()).isEqualTo("provider unavailable (gave up after 4 attempts)");
        assertThat(sender.calls(reply.id())).isEqualTo(4);
    }

    @Test
    void concurrentDispatchersSendEachMessageExactlyOnce() throws Exception {
        List<UUID> replies = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            IngestResult in = whatsAppConversation();
            replies.add(conversations.replyAt(Viewer.SYSTEM, in.conversationId(), agentId, null, "slow " + run, false, java.time.Instant.now()).id());
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> rounds = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                rounds.add(pool.submit(dispatcher::dispatchDue));
            }
            for (Future<Integer> round : rounds) {
                round.get();
            }
        } finally {
            pool.shutdown();
        }
        for (UUID id : replies) {
            assertThat(awaitStatus(id, m -> m.deliveryStatus() != DeliveryStatus.QUEUED).deliveryStatus())
                    .isEqualTo(DeliveryStatus.SENT);
            assertThat(sender.calls(id)).as("sends of %s", id).isEqualTo(1);
        }
    }

    @Test
    void apiRepliesAreRecordedWithoutASender() {
        IngestResult in = ingestion.ingest(new InboundMessage(Channel.API, "api-" + UUID.randomUUID(),
                new InboundMessage.Sender(Channel.API, "shop-" + run, "Shop user"), null, "Order question", null,
                null, null, null, Instant.now()));
        MessageView reply = conversations.replyAt(Viewer.SYSTEM, in.conversationId(), agentId, null, "answered " + run, false, java.time.Instant.now());
        MessageView done = awaitStatus(reply.id(), m -> m.deliveryStatus() != DeliveryStatus.QUEUED);
        assertThat(done.deliveryStatus()).isEqualTo(DeliveryStatus.SENT);
        assertThat(done.deliveryError()).isNull();
    }

    @Test
    void phoneAnswersAreLoggedNotSent() {
        IngestResult in = ingestion.ingest(new InboundMessage(Channel.PHONE, "call-" + UUID.randomUUID(),
                new InboundMessage.Sender(Channel.PHONE, "+1 415 555 " + (1000 + Math.floorMod(run.hashCode(), 9000)),
                        "Caller"), null, "Call: parcel missing", null, null, null, null, Instant.now()));
        MessageView reply = conversations.replyAt(Viewer.SYSTEM, in.conversationId(), agentId, Channel.PHONE,
                "told the caller " + run, false, java.time.Instant.now());
        MessageView done = awaitStatus(reply.id(), m -> m.deliveryStatus() != DeliveryStatus.QUEUED);
        assertThat(done.deliveryStatus()).isEqualTo(DeliveryStatus.LOGGED);
        assertThat(done.deliveryError()).isNull();
        assertThat(sender.calls(reply.id())).isZero();
    }

    @Test
    void replyApiSendsAsTheTokensAgentThroughTheOutbox() {
        IngestResult in = whatsAppConversation();
        String token = tokens.create("outbox " + run, agentId).token();
        ApiClient api = new ApiClient(port, token);

        Response created = api.post("/api/v1/conversations/" + in.conversationId() + "/replies",
                "{\"text\": \"via api " + run + "\", \"channel\": \"whatsapp\"}");
        assertThat(created.status()).isEqualTo(201);
        JsonNode json = created.json();
        assertThat(json.path("direction").asString()).isEqualTo("OUTBOUND");
        assertThat(json.path("channel").asString()).isEqualTo("WHATSAPP");
        assertThat(json.path("authorAgentId").asString()).isEqualTo(agentId.toString());
        assertThat(json.path("deliveryStatus").asString()).isEqualTo("QUEUED");
        UUID id = UUID.fromString(json.path("id").asString());
        assertThat(awaitStatus(id, m -> m.deliveryStatus() != DeliveryStatus.QUEUED).deliveryStatus())
                .isEqualTo(DeliveryStatus.SENT);
        assertThat(sender.calls(id)).isEqualTo(1);

        JsonNode conversation = api.get("/api/v1/conversations/" + in.conversationId()).json();
        assertThat(conversation.path("messages").get(1).path("deliveryStatus").asString()).isEqualTo("SENT");
    }

    @Test
    void replyApiRefusesBadInput() {
        IngestResult in = whatsAppConversation();
        ApiClient api = new ApiClient(port, tokens.create("outbox " + run, agentId).token());
        String path = "/api/v1/conversations/" + in.conversationId() + "/replies";

        assertThat(api.post(path, "{\"text\": \"  \"}").status()).isEqualTo(400);
        Response badChannel = api.post(path, "{\"text\": \"hi\", \"channel\": \"PIGEON\"}");
        assertThat(badChannel.status()).isEqualTo(400);
        assertThat(badChannel.text("error")).contains("channel must be one of");
        Response noIdentity = api.post(path, "{\"text\": \"hi\", \"channel\": \"EMAIL\"}");
        assertThat(noIdentity.status()).isEqualTo(400);
        assertThat(noIdentity.text("error")).contains("no Email identity");
        assertThat(api.post(path, "{not json").status()).isEqualTo(400);
        assertThat(api.post("/api/v1/conversations/" + UUID.randomUUID() + "/replies", "{\"text\": \"hi\"}").status())
                .isEqualTo(404);
        assertThat(new ApiClient(port, ParleySpringTest.TOKEN).post(path, "{\"text\": \"hi\"}").status())
                .as("the bootstrap token is no agent").isEqualTo(400);
        assertThat(new ApiClient(port, null).post(path, "{\"text\": \"hi\"}").status()).isEqualTo(401);
        assertThat(conversations.messages(Viewer.SYSTEM, in.conversationId())).hasSize(1);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A WhatsApp provider whose behaviour the reply text chooses. */
    static class ScriptedSender implements ChannelSender {

        final Map<UUID, AtomicInteger> calls = new ConcurrentHashMap<>();
        final Map<UUID, AtomicInteger> successes = new ConcurrentHashMap<>();
        final Map<UUID, java.util.Set<String>> keys = new ConcurrentHashMap<>();
        final Map<UUID, OutboundDelivery> last = new ConcurrentHashMap<>();

        @Override
        public boolean supports(Channel channel) {
            return channel == Channel.WHATSAPP;
        }

        @Override
        public DeliveryReceipt send(OutboundDelivery d) throws DeliveryException {
            int call = calls.computeIfAbsent(d.messageId(), id -> new AtomicInteger()).incrementAndGet();
            keys.computeIfAbsent(d.messageId(), id -> ConcurrentHashMap.newKeySet()).add(d.idempotencyKey());
            last.put(d.messageId(), d);
            if (d.text().startsWith("flaky") && call <= 2) {
                throw DeliveryException.transientFailure("HTTP 503", null);
            }
            if (d.text().startsWith("always-down")) {
                throw DeliveryException.transientFailure("provider unavailable", null);
            }
            if (d.text().startsWith("refused-once") && call == 1) {
                throw DeliveryException.permanentFailure("recipient is not on WhatsApp", null);
            }
            if (d.text().startsWith("slow")) {
                sleep(20);
            }
            successes.computeIfAbsent(d.messageId(), id -> new AtomicInteger()).incrementAndGet();
            return new DeliveryReceipt("wamid." + d.messageId());
        }

        int calls(UUID id) {
            AtomicInteger n = calls.get(id);
            return n == null ? 0 : n.get();
        }

        int successes(UUID id) {
            AtomicInteger n = successes.get(id);
            return n == null ? 0 : n.get();
        }

        java.util.Set<String> keys(UUID id) {
            return keys.getOrDefault(id, java.util.Set.of());
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Senders {

        @Bean
        @Order(Ordered.HIGHEST_PRECEDENCE)
        ScriptedSender scriptedSender() {
            return new ScriptedSender();
        }
    }
}
