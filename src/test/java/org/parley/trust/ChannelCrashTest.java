package org.parley.trust;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.parley.support.MySqlAvailable;

/**
 * Proof that the email channel loses nothing across crashes, in both directions. A GreenMail server runs
 * in the test JVM (real IMAP and SMTP; it survives the application being killed) while Parley runs as its
 * own process on MariaDB with that server as its mailbox. A steady stream of mails arrives in the mailbox,
 * and clients queue replies through {@code POST /api/v1/conversations/{id}/replies}, while the process is
 * killed with SIGKILL and restarted several times.
 *
 * <p>Afterwards: every mail delivered to the mailbox is stored exactly once (by Message-ID); every reply
 * that got a 2xx answer reached the SMTP server, and each under its own stable Message-ID. A reply sent
 * in the instant between the SMTP server's "250 OK" and the commit of SENT is sent again after the restart
 * (SMTP has no idempotency key), under the same Message-ID: the test counts those repeats, and allows at
 * most one per kill, since the dispatcher sends one message at a time.
 *
 * <p>Short form in {@code verify} (1 kill); the long form:
 * {@code ./mvnw verify -Dtest=ChannelCrashTest -Dparley.crash.kills=10 -Dparley.crash.seconds=15}.
 */
@Tag("mysql")
@ExtendWith(MySqlAvailable.class)
class ChannelCrashTest {

    private static final String AGENT_TOKEN = "crash-agent-token-0123456789";
    private static final String MAILBOX = "support@crash.test";
    private static final int CONVERSATIONS = 8;
    private static final int REPLY_CLIENTS = 2;
    private static final int REPLIES_PER_RUN = 10;
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static final Pattern CONVERSATION_ID = Pattern.compile("\"conversationId\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    // the short form kills once (two start-ups are most of its time); the long form as many times as asked
    private final int kills = Integer.getInteger("parley.crash.kills", 1);
    private final int secondsBetweenKills = Integer.getInteger("parley.crash.seconds", 4);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Set<String> delivered = ConcurrentHashMap.newKeySet();
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final AtomicLong replyRequests = new AtomicLong();
    private final AtomicInteger unanswered = new AtomicInteger();
    private ParleyNode node;

    @Test
    void mailInAndRepliesOutSurviveSigkill() throws Exception {
        GreenMail greenMail = new GreenMail(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));
        greenMail.start();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService traffic = Executors.newFixedThreadPool(1 + REPLY_CLIENTS);
        try {
            GreenMailUser support = greenMail.setUser(MAILBOX, "support", "secret");
            node = new ParleyNode("channel_crash", List.of(
                    "--parley.channels.email.mailboxes[0].name=Support",
                    "--parley.channels.email.mailboxes[0].imap-host=127.0.0.1",
                    "--parley.channels.email.mailboxes[0].imap-port=" + greenMail.getImap().getPort(),
                    "--parley.channels.email.mailboxes[0].imap-tls=false",
                    "--parley.channels.email.mailboxes[0].username=support",
                    "--parley.channels.email.mailboxes[0].password=secret",
                    "--parley.channels.email.mailboxes[0].smtp-host=127.0.0.1",
                    "--parley.channels.email.mailboxes[0].smtp-port=" + greenMail.getSmtp().getPort(),
                    "--parley.channels.email.mailboxes[0].smtp-tls=false",
                    "--parley.channels.email.mailboxes[0].from-address=" + MAILBOX,
                    "--parley.channels.email.mailboxes[0].poll-interval=5s",
                    // a killed node's leases run out quickly, so that the next one takes over soon
                    "--parley.channels.email.lease=10s",
                    "--parley.outbox.lease=10s",
                    "--parley.outbox.poll-interval=1s"));
            node.start();
            createAgentWithToken();
            List<String> conversations = openConversations();

            traffic.submit(() -> deliverMail(support, running));
            for (int c = 0; c < REPLY_CLIENTS; c++) {
                int client = c;
                traffic.submit(() -> queueReplies(client, conversations, running));
            }
            for (int k = 1; k <= kills; k++) {
                runTraffic();
                node.killAndRestart();
            }
            runTraffic();
            running.set(false);
            traffic.shutdown();
            assertThat(traffic.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

            Map<String, Integer> stored = awaitImported();
            Map<String, String> replyStatus = awaitDispatched();
            Map<String, Integer> sent = sentReplies(greenMail);
            node.kill();

            int repeats = sent.values().stream().mapToInt(n -> n - 1).sum();
            System.out.printf("[crash] channels: %d kills; %d mails delivered to the mailbox, %d stored;"
                    + " %d reply requests, %d acknowledged, %d without answer, %d queued in all; %d distinct replies"
                    + " received by SMTP, %d sent twice; restart took %s ms%n", kills, delivered.size(),
                    stored.size(), replyRequests.get(), acknowledged.size(), unanswered.get(), replyStatus.size(),
                    sent.size(), repeats, node.restartMillis());

            assertThat(delivered).as("mails delivered between the kills").hasSizeGreaterThan(kills * 10);
            assertThat(quarantined()).as("nothing quarantined").isZero();
            for (String messageId : delivered) {
                assertThat(stored.get(messageId)).as("rows stored for mail " + messageId).isEqualTo(1);
            }
            assertThat(stored.keySet()).as("nothing stored that was not delivered").isSubsetOf(delivered);

            assertThat(acknowledged).as("replies acknowledged between the kills")
                    .hasSizeGreaterThanOrEqualTo((kills + 1) * REPLIES_PER_RUN);
            for (String reply : acknowledged) {
                assertThat(replyStatus.get(reply)).as("status of acknowledged reply " + reply).isEqualTo("SENT");
                assertThat(sent.get(reply)).as("SMTP deliveries of acknowledged reply " + reply).isNotNull();
            }
            // every queued reply (acknowledged or cut off by a kill after its commit) went out, none more
            assertThat(sent.keySet()).isEqualTo(replyStatus.keySet());
            assertThat(repeats).as("replies sent again after a kill between SMTP's OK and the commit of SENT")
                    .isLessThanOrEqualTo(kills);
        } finally {
            running.set(false);
            traffic.shutdownNow();
            if (node != null) {
                node.kill();
            }
            greenMail.stop();
        }
    }

    private void runTraffic() throws InterruptedException {
        ParleyNode.runTraffic(secondsBetweenKills, acknowledged::size, REPLIES_PER_RUN);
    }

    /** The mail server receives mail whether or not Parley runs: one every 100 ms, each with its own Message-ID. */
    private void deliverMail(GreenMailUser support, AtomicBoolean running) {
        Session session = Session.getInstance(new Properties());
        long seq = 0;
        while (running.get()) {
            String messageId = "<crash-mail-" + seq + "@crash.example>";
            String raw = "From: Crash Sender " + seq % 20 + " <sender-" + seq % 20 + "@crash.example>\r\n"
                    + "To: " + MAILBOX + "\r\nSubject: Crash mail " + seq + "\r\nMessage-ID: " + messageId
                    + "\r\nDate: Mon, 23 Nov 2026 09:00:00 +0000\r\nMIME-Version: 1.0\r\n"
                    + "Content-Type: text/plain; charset=UTF-8\r\n\r\nMail number " + seq + "\r\n";
            try {
                support.deliver(new MimeMessage(session, new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8))));
                delivered.add(messageId);
            } catch (Exception e) {
                throw new IllegalStateException("GreenMail refused a delivery", e);
            }
            seq++;
            ParleyNode.sleep(100);
        }
    }

    private void queueReplies(int client, List<String> conversations, AtomicBoolean running) {
        long seq = 0;
        while (running.get()) {
            String conversation = conversations.get((int) ((client + seq * REPLY_CLIENTS) % conversations.size()));
            replyRequests.incrementAndGet();
            String body = "{\"text\": \"Reply " + client + "-" + seq++ + "\"}";
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        node.uri("/api/v1/conversations/" + conversation + "/replies")).timeout(Duration.ofSeconds(10))
                        .header("Authorization", "Bearer " + AGENT_TOKEN).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() / 100 == 2) {
                    acknowledged.add(match(ID, response.body()));
                } else {
                    unanswered.incrementAndGet();
                    ParleyNode.sleep(200);
                }
            } catch (IOException e) {
                unanswered.incrementAndGet();
                ParleyNode.sleep(200); // the node is down or starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            ParleyNode.sleep(50);
        }
    }

    /** Replies need an agent's token (the bootstrap token belongs to no agent): one is written straight into the database. */
    private void createAgentWithToken() throws Exception {
        UUID agent = UUID.randomUUID();
        try (Connection db = node.connect()) {
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO agent (id, version, username, display_name,"
                    + " email, password_hash, active, created_at) VALUES (?, 0, 'crash-agent', 'Crash Agent',"
                    + " 'crash-agent@crash.test', '{noop}not-used', TRUE, ?)")) {
                insert.setBytes(1, bytes(agent));
                insert.setTimestamp(2, Timestamp.from(Instant.now()));
                insert.executeUpdate();
            }
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO agent_role (agent_id, role) VALUES (?, 'AGENT')")) {
                insert.setBytes(1, bytes(agent));
                insert.executeUpdate();
            }
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO api_token (id, version, name, agent_id,"
                    + " token_hash, token_prefix, created_at) VALUES (?, 0, 'crash test', ?, ?, 'crash-agen', ?)")) {
                insert.setBytes(1, bytes(UUID.randomUUID()));
                insert.setBytes(2, bytes(agent));
                insert.setString(3, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(AGENT_TOKEN.getBytes(StandardCharsets.UTF_8))));
                insert.setTimestamp(4, Timestamp.from(Instant.now()));
                insert.executeUpdate();
            }
        }
    }

    /** Email conversations of customers who are not in the mail stream, for the replies. */
    private List<String> openConversations() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < CONVERSATIONS; i++) {
            String body = """
                    {"channel": "EMAIL", "externalId": "<opening-%d@crash.example>", "from": {"type": "EMAIL",
                     "value": "customer-%d@crash.example", "name": "Customer %d"}, "subject": "Question %d",
                     "text": "Please answer"}""".formatted(i, i, i, i);
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(node.uri("/api/v1/inbound"))
                    .header("Authorization", "Bearer " + ParleyNode.TOKEN).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            ids.add(match(CONVERSATION_ID, response.body()));
        }
        return ids;
    }

    /** Waits until the mailbox is imported up to the last delivered mail; stored rows per Message-ID. */
    private Map<String, Integer> awaitImported() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        Map<String, Integer> stored = storedMails();
        while (!stored.keySet().containsAll(delivered) && System.nanoTime() < deadline) {
            Thread.sleep(500);
            stored = storedMails();
        }
        return stored;
    }

    private Map<String, Integer> storedMails() throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        try (Connection db = node.connect(); Statement statement = db.createStatement();
                ResultSet rows = statement.executeQuery("SELECT external_id, COUNT(*) FROM message WHERE channel = 'EMAIL'"
                        + " AND direction = 'INBOUND' AND external_id LIKE '<crash-mail-%' GROUP BY external_id")) {
            while (rows.next()) {
                counts.put(rows.getString(1), rows.getInt(2));
            }
        }
        return counts;
    }

    private int quarantined() throws Exception {
        try (Connection db = node.connect(); Statement statement = db.createStatement();
                ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM email_quarantine")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    /** Waits until no reply is queued any more; the delivery status of every reply, by message id. */
    private Map<String, String> awaitDispatched() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        Map<String, String> status = replyStatus();
        while (status.containsValue("QUEUED") && System.nanoTime() < deadline) {
            Thread.sleep(500);
            status = replyStatus();
        }
        return status;
    }

    private Map<String, String> replyStatus() throws Exception {
        Map<String, String> status = new HashMap<>();
        try (Connection db = node.connect(); Statement statement = db.createStatement();
                ResultSet rows = statement.executeQuery("SELECT id, delivery_status FROM message"
                        + " WHERE direction = 'OUTBOUND' AND channel = 'EMAIL'")) {
            while (rows.next()) {
                status.put(uuid(rows.getBytes(1)).toString(), rows.getString(2));
            }
        }
        return status;
    }

    /** What the SMTP server received, by Parley's message id (from the Message-ID {@code <parley-<id>@…>}). */
    private static Map<String, Integer> sentReplies(GreenMail greenMail) throws Exception {
        Map<String, Integer> sent = new HashMap<>();
        Pattern parleyId = Pattern.compile("<parley-([0-9a-f-]{36})@");
        for (MimeMessage mail : greenMail.getReceivedMessages()) {
            Matcher m = parleyId.matcher(String.valueOf(mail.getMessageID()));
            if (m.find()) {
                sent.merge(m.group(1), 1, Integer::sum);
            }
        }
        return sent;
    }

    private static String match(Pattern pattern, String body) {
        Matcher m = pattern.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no " + pattern + " in " + body);
        }
        return m.group(1);
    }

    private static byte[] bytes(UUID id) {
        return ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array();
    }

    private static UUID uuid(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return new UUID(buffer.getLong(), buffer.getLong());
    }
}
