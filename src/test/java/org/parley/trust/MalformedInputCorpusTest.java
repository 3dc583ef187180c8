package org.parley.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.channel.email.MailPoller;
import org.parley.channel.email.MailboxService;
import org.parley.channel.email.MailboxSettings;
import org.parley.base.WebhookSignatures;
import org.parley.support.ParleySpringTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * A corpus of malformed input run through the real edges: every mail of {@code corpus/email} (and the huge
 * ones generated here: huge headers, 100-deep multiparts, oversized bodies, thousands of parts) is put into
 * a GreenMail mailbox and imported by the poller; every body of {@code corpus/webhooks/<endpoint>} (and
 * generated ones: oversized, deeply nested JSON) is posted to {@code POST /api/v1/inbound}, Meta's, X's and WhatsApp's
 * webhooks (validly signed) and the phone events. Nothing may crash or hang: each mail is either stored or
 * quarantined with a reason, and the mailbox moves on; each request is answered 2xx, or 4xx with the reason.
 *
 * <p>The timeouts are a hang guard, not a speed assertion. The long form adds N mutated variants of every
 * seed (bytes flipped, cut, repeated): {@code ./mvnw verify -Dtest=MalformedInputCorpusTest
 * -Dparley.corpus.fuzz=200}.
 */
@ParleySpringTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(properties = {
    "parley.channels.meta.app-secret=" + MalformedInputCorpusTest.META_SECRET,
    "parley.channels.meta.pages[0].id=104000000000001",
    "parley.channels.meta.pages[0].access-token=page-token",
    "parley.channels.x.consumer-secret=" + MalformedInputCorpusTest.X_SECRET,
    "parley.channels.x.accounts[0].user-id=2244994945",
    "parley.channels.x.accounts[0].access-token=x-token",
    "parley.channels.email.max-attachment-size=1MB",
    "parley.channels.whatsapp.app-secret=" + MalformedInputCorpusTest.WHATSAPP_SECRET,
    "parley.channels.whatsapp.numbers[0].phone-number-id=106540352242922",
    "parley.channels.whatsapp.numbers[0].access-token=wa-token",
    // media downloads fail at once: nothing listens there
    "parley.channels.whatsapp.graph-base-url=http://127.0.0.1:9/v21.0"
})
class MalformedInputCorpusTest {

    static final String META_SECRET = "corpus-meta-secret";
    static final String X_SECRET = "corpus-x-secret";
    static final String WHATSAPP_SECRET = "corpus-whatsapp-secret";
    private static final Duration HANG_GUARD = Duration.ofMinutes(3);
    private static final Path CORPUS = Path.of("src", "test", "resources", "corpus");
    private static final int FUZZ = Integer.getInteger("parley.corpus.fuzz", 0);

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP))
            .withPerMethodLifecycle(false);

    @LocalServerPort
    int port;
    @Autowired
    MailboxService mailboxes;
    @Autowired
    MailPoller poller;
    @Autowired
    JdbcTemplate jdbc;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private java.util.UUID mailbox;

    @BeforeAll
    void connectMailbox() {
        greenMail.setUser("corpus@corpus.test", "corpus", "corpus-secret");
        mailbox = mailboxes.create(new MailboxSettings("Corpus", "127.0.0.1", greenMail.getImap().getPort(), false,
                "corpus", "corpus-secret", "INBOX", "127.0.0.1", greenMail.getSmtp().getPort(), false,
                "corpus@corpus.test", 60)).getId();
        mailboxes.setEnabled(mailbox, true);
    }

    @TestFactory
    Stream<DynamicTest> everyMailIsStoredOrQuarantinedWithAReason() throws IOException {
        Map<String, byte[]> items = new LinkedHashMap<>();
        List<byte[]> seeds = new ArrayList<>();
        for (Path file : files(CORPUS.resolve("email"))) {
            byte[] raw = Files.readAllBytes(file);
            items.put(file.getFileName().toString(), raw);
            seeds.add(raw);
        }
        items.putAll(GeneratedCorpus.mails());
        Random random = new Random(42);
        AtomicInteger n = new AtomicInteger();
        for (int i = 0; i < FUZZ; i++) {
            byte[] seed = seeds.get(random.nextInt(seeds.size()));
            items.put("fuzz-" + i + ".eml", withHeader("Message-ID: <fuzz-" + n.incrementAndGet() + "@corpus.example>",
                    GeneratedCorpus.mutate(seed, random)));
        }
        return items.entrySet().stream().map(item -> DynamicTest.dynamicTest("mail " + item.getKey(),
                () -> assertTimeoutPreemptively(HANG_GUARD, () -> importOne(item.getKey(), item.getValue()))));
    }

    @TestFactory
    Stream<DynamicTest> everyWebhookBodyIsTakenOrRefusedWithAReason() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        Random random = new Random(7);
        for (String endpoint : List.of("inbound", "meta", "x", "whatsapp", "phone")) {
            Map<String, byte[]> items = new LinkedHashMap<>();
            List<byte[]> seeds = new ArrayList<>();
            for (Path file : files(CORPUS.resolve("webhooks").resolve(endpoint))) {
                byte[] body = Files.readAllBytes(file);
                items.put(file.getFileName().toString(), body);
                seeds.add(body);
            }
            items.putAll(GeneratedCorpus.bodies(endpoint));
            for (int i = 0; i < FUZZ; i++) {
                items.put("fuzz-" + i, GeneratedCorpus.mutate(seeds.get(random.nextInt(seeds.size())), random));
            }
            items.forEach((name, body) -> tests.add(DynamicTest.dynamicTest(endpoint + " " + name,
                    () -> assertTimeoutPreemptively(HANG_GUARD, () -> postOne(endpoint, name, body)))));
        }
        return tests.stream();
    }

    private void importOne(String name, byte[] raw) throws Exception {
        int storedBefore = count("SELECT COUNT(*) FROM message WHERE channel = 'EMAIL' AND direction = 'INBOUND'");
        int quarantinedBefore = count("SELECT COUNT(*) FROM email_quarantine");
        append(raw);
        long appendedUid = lastUidOnServer();

        int handled = poller.poll(mailbox);

        Map<String, Object> state = jdbc.queryForMap("SELECT last_uid, last_error FROM email_mailbox WHERE id = ?",
                uuidBytes(mailbox));
        assertThat(state.get("last_error")).as("the poll of " + name + " failed").isNull();
        assertThat(((Number) state.get("last_uid")).longValue()).as("the mailbox moved past " + name)
                .isEqualTo(appendedUid);
        assertThat(handled).as("mails handled").isEqualTo(1);
        int stored = count("SELECT COUNT(*) FROM message WHERE channel = 'EMAIL' AND direction = 'INBOUND'")
                - storedBefore;
        int quarantined = count("SELECT COUNT(*) FROM email_quarantine") - quarantinedBefore;
        assertThat(stored + quarantined).as(name + " stored or quarantined, exactly once").isEqualTo(1);
        if (quarantined == 1) {
            String reason = jdbc.queryForObject("SELECT reason FROM email_quarantine WHERE mailbox = 'Corpus' AND uid = ?", String.class,
                    appendedUid);
            assertThat(reason).as("quarantine reason of " + name).isNotBlank();
            System.out.printf("[corpus] mail %-45s quarantined: %s%n", name, reason);
        } else {
            System.out.printf("[corpus] mail %-45s stored%n", name);
        }
        if (name.equals("raw-utf8-headers.eml")) {
            // raw UTF-8 in headers (RFC 6532) is read as UTF-8, not as Latin-1
            assertThat(jdbc.queryForObject("SELECT subject FROM message WHERE external_id = '<raw-utf8@corpus.example>'",
                    String.class)).isEqualTo("Größe – 大きい — emoji 😀");
        }
    }

    private void postOne(String endpoint, String name, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + switch (endpoint) {
            case "inbound" -> "/api/v1/inbound";
            case "meta" -> "/webhooks/meta";
            case "x" -> "/webhooks/x";
            case "whatsapp" -> "/webhooks/whatsapp";
            case "phone" -> "/api/v1/channels/phone/events";
            default -> throw new IllegalArgumentException(endpoint);
        })).timeout(HANG_GUARD).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        switch (endpoint) {
            case "meta" -> request.header("X-Hub-Signature-256", WebhookSignatures.hexSignature(META_SECRET, body));
            case "x" -> request.header("x-twitter-webhooks-signature", WebhookSignatures.base64Signature(X_SECRET, body));
            case "whatsapp" -> request.header("X-Hub-Signature-256", WebhookSignatures.hexSignature(WHATSAPP_SECRET, body));
            default -> request.header("Authorization", "Bearer " + ParleySpringTest.TOKEN);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        String answer = response.body() == null ? "" : response.body();
        System.out.printf("[corpus] %-7s %-35s %d %s%n", endpoint, name, status,
                answer.length() > 160 ? answer.substring(0, 160) + "…" : answer);
        // 2xx taken, 4xx refused; anything else (a 5xx, or the redirect to the login page that an unhandled
        // exception turns into) is a defect
        assertThat(status / 100).as(endpoint + " " + name + " answered " + status + " " + answer).isIn(2, 4);
        if (status >= 400) {
            assertThat(answer).as("the reason for refusing " + name).isNotBlank();
        }
    }

    /** Puts the raw bytes into the mailbox as they are (IMAP APPEND of an unmodified message). */
    private static void append(byte[] raw) throws Exception {
        Session session = Session.getInstance(new Properties());
        try (Store store = session.getStore("imap")) {
            store.connect("127.0.0.1", greenMail.getImap().getPort(), "corpus", "corpus-secret");
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            inbox.appendMessages(new Message[] {new MimeMessage(session, new ByteArrayInputStream(raw))});
            inbox.close(false);
        }
    }

    private static long lastUidOnServer() throws Exception {
        Session session = Session.getInstance(new Properties());
        try (Store store = session.getStore("imap")) {
            store.connect("127.0.0.1", greenMail.getImap().getPort(), "corpus", "corpus-secret");
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            try {
                return ((jakarta.mail.UIDFolder) inbox).getUID(inbox.getMessage(inbox.getMessageCount()));
            } finally {
                inbox.close(false);
            }
        }
    }

    private int count(String sql) {
        Integer n = jdbc.queryForObject(sql, Integer.class);
        return n == null ? 0 : n;
    }

    private static byte[] withHeader(String header, byte[] raw) {
        byte[] line = (header + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[line.length + raw.length];
        System.arraycopy(line, 0, all, 0, line.length);
        System.arraycopy(raw, 0, all, line.length, raw.length);
        return all;
    }

    private static List<Path> files(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(Files::isRegularFile).sorted(Comparator.comparing(Path::toString)).toList();
        }
    }

    private static byte[] uuidBytes(java.util.UUID id) {
        return java.nio.ByteBuffer.allocate(16).putLong(id.getMostSignificantBits())
                .putLong(id.getLeastSignificantBits()).array();
    }
}
