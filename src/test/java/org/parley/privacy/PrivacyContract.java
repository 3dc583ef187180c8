package org.parley.privacy;

import org.parley.conversation.ConversationAccess.Viewer;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.audit.AuditTrail;
import org.parley.base.Channel;
import org.parley.channel.IngestResult;
import org.parley.channel.InboundMessage;
import org.parley.channel.IngestionService;
import org.parley.conversation.ConversationRetention;
import org.parley.conversation.ConversationRetention.Mode;
import org.parley.conversation.ConversationService;
import org.parley.conversation.ConversationStatus;
import org.parley.conversation.MessageAttachments;
import org.parley.conversation.MessageView;
import org.parley.customer.CustomerDirectory;
import org.parley.customer.CustomerProfile;
import org.parley.security.ApiTokenService;
import org.parley.support.ApiClient;
import org.parley.support.ParleySpringTest;
import org.parley.team.Role;
import org.parley.team.TeamDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Data-subject requests and retention, on H2 and on MySQL/MariaDB by its subclasses. */
abstract class PrivacyContract {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;
    @Autowired
    IngestionService ingestion;
    @Autowired
    ConversationService conversations;
    @Autowired
    CustomerDirectory customers;
    @Autowired
    ConversationRetention retention;
    @Autowired
    TeamDirectory team;
    @Autowired
    ApiTokenService tokens;
    @Autowired
    AuditTrail audit;
    @Autowired
    javax.sql.DataSource dataSource;

    @Autowired
    MessageAttachments attachments;
    @Autowired
    org.parley.realtime.NotificationCenter notifications;

    ApiClient admin;
    String run;
    final Map<String, byte[]> binaries = new HashMap<>();

    @BeforeEach
    void setUp() {
        admin = new ApiClient(port, ParleySpringTest.TOKEN);
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void anExportHoldsTheProfileIdentitiesAndEveryMessage() throws IOException {
        String email = "ella." + run + "@example.com";
        IngestResult first = ingest(email, "Ella Export", "Where is my order?", Instant.now().minusSeconds(60));
        ingest(email, "Ella Export", "Any news?", Instant.now());
        customers.setAttribute(first.customerId(), "plan", "gold");
        var stored = attachments.store(first.messageId(), List.of(new MessageAttachments.NewAttachment(
                "invoice 4711.pdf", "application/pdf", null, false, "%PDF-1.4 bench".getBytes(StandardCharsets.UTF_8))));

        ApiClient.BinaryResponse zip = admin.getBytes("/api/v1/customers/" + first.customerId() + "/export");

        assertThat(zip.status()).isEqualTo(200);
        assertThat(zip.contentType()).isEqualTo("application/zip");
        Map<String, JsonNode> files = unzip(zip.body());
        assertThat(files).containsKeys("manifest.json", "customer.json", "conversations.json");
        assertThat(files.get("customer.json").path("displayName").asString()).isEqualTo("Ella Export");
        assertThat(files.get("customer.json").path("attributes").path("plan").asString()).isEqualTo("gold");
        assertThat(files.get("customer.json").path("identities").get(0).path("value").asString()).isEqualTo(email);
        List<String> texts = files.get("conversations.json").findValues("text").stream().map(JsonNode::asString).toList();
        assertThat(texts).contains("Where is my order?", "Any news?");
        assertThat(files.get("manifest.json").path("messages").asInt()).isEqualTo(2);
        assertThat(files.get("manifest.json").path("attachments").asInt()).isEqualTo(1);
        String path = "attachments/" + stored.getFirst().id() + "/invoice 4711.pdf";
        assertThat(files.get("conversations.json").findValues("path")).extracting(JsonNode::asString).containsExactly(path);
        assertThat(binaries.get(path)).isEqualTo("%PDF-1.4 bench".getBytes(StandardCharsets.UTF_8));
        assertThat(audit.forSubject(first.customerId())).anySatisfy(e -> assertThat(e.getAction()).isEqualTo("customer.exported"));
    }

    @Test
    void onlyAdminsMayExportOrErase() {
        IngestResult message = ingest("nosy." + run + "@example.com", "Nora Nosy", "Hello", Instant.now());
        var agent = team.createAgent("plain" + run, "Plain Agent", null, "long-enough-pw", EnumSet.of(Role.AGENT));
        String agentToken = asAdmin(() -> tokens.create("agent token " + run, agent.getId()).token());
        ApiClient plain = new ApiClient(port, agentToken);

        assertThat(plain.getBytes("/api/v1/customers/" + message.customerId() + "/export").status()).isEqualTo(403);
        assertThat(plain.post("/api/v1/customers/" + message.customerId() + "/erase", "{}").status()).isEqualTo(403);
        assertThat(customers.get(message.customerId()).displayName()).isEqualTo("Nora Nosy");
    }

    @Test
    void erasingRemovesIdentitiesAttributesAndMessageContentsButKeepsATombstone() {
        String email = "erin." + run + "@example.com";
        IngestResult message = ingest(email, "Erin Erased", "My card is 4111 1111 1111 1111", Instant.now());
        customers.setAttribute(message.customerId(), "plan", "gold");

        ApiClient.Response erased = admin.post("/api/v1/customers/" + message.customerId() + "/erase",
                "{\"reason\": \"GDPR request " + run + "\"}");

        assertThat(erased.status()).isEqualTo(200);
        CustomerProfile tombstone = customers.get(message.customerId());
        assertThat(tombstone.displayName()).isEqualTo("Erased customer");
        assertThat(tombstone.identities()).isEmpty();
        assertThat(tombstone.attributes()).isEmpty();
        List<MessageView> timeline = conversations.timeline(Viewer.SYSTEM, message.customerId());
        assertThat(timeline).hasSize(1).allSatisfy(m -> {
            assertThat(m.text()).isEqualTo("[erased]");
            assertThat(m.subject()).isNull();
            assertThat(m.authorName()).isNull();
        });
        assertThat(conversations.get(Viewer.SYSTEM, message.conversationId()).subject()).isEqualTo("[erased]");
        assertThat(admin.get("/api/v1/customers?identity=EMAIL:" + email).json().size()).isZero();
        assertThat(audit.forSubject(message.customerId()))
                .anySatisfy(e -> assertThat(e.getDetails()).contains("1 identities", "GDPR request " + run));

        IngestResult later = ingest(email, "Erin Again", "Hello again", Instant.now());
        assertThat(later.customerId()).isNotEqualTo(message.customerId());
        assertThat(admin.post("/api/v1/customers/" + message.customerId() + "/erase", "{}").status()).isEqualTo(400);
    }

    @Test
    void erasingAMergedCustomerAlsoErasesTheRecordsMergedIntoIt() {
        IngestResult kept = ingest("kept." + run + "@example.com", "Kept " + run, "first", Instant.now());
        IngestResult absorbed = ingest("absorbed." + run + "@example.com", "Absorbed " + run, "second", Instant.now());
        customers.merge(kept.customerId(), absorbed.customerId());
        assertThat(customers.mergesInto(kept.customerId())).hasSize(1);

        assertThat(admin.post("/api/v1/customers/" + kept.customerId() + "/erase", "{}").status()).isEqualTo(200);

        assertThat(new org.springframework.jdbc.core.JdbcTemplate(dataSource).queryForObject(
                "select count(*) from customer where display_name in (?, ?)", Long.class,
                "Kept " + run, "Absorbed " + run)).isZero();
        assertThat(customers.mergesInto(kept.customerId())).as("nothing kept to undo the merge with").isEmpty();
        assertThat(conversations.timeline(Viewer.SYSTEM, kept.customerId())).hasSize(2)
                .allSatisfy(m -> assertThat(m.text()).isEqualTo("[erased]"));
    }

    @Test
    void erasingACallerRemovesTheirNumbersTranscriptsAndRecordingLinks() throws Exception {
        String number = "+1 415 555 " + String.format("%04d", Math.floorMod(run.hashCode(), 10000));
        ApiClient.Response call = admin.post("/api/v1/channels/phone/events", """
                {"callId": "CALL-%s", "direction": "INBOUND", "from": "%s", "to": "+1 415 555 0100",
                 "status": "COMPLETED", "startedAt": "2026-11-20T10:00:00Z", "endedAt": "2026-11-20T10:03:00Z",
                 "recordingUrl": "https://calls.example.com/%s.mp3", "transcript": "my address is 1 Main St"}"""
                .formatted(run, number, run));
        assertThat(call.status()).isEqualTo(201);
        UUID customerId = UUID.fromString(call.text("customerId"));

        assertThat(admin.post("/api/v1/customers/" + customerId + "/erase", "{}").status()).isEqualTo(200);

        try (var connection = dataSource.getConnection(); var query = connection.prepareStatement(
                "SELECT from_number, transcript, recording_url FROM phone_call WHERE call_id = ?")) {
            query.setString(1, org.parley.base.ErasedIds.hash("CALL-" + run)); // the call id is hashed too
            try (var rows = query.executeQuery()) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("erased");
                assertThat(rows.getString(2)).isNull();
                assertThat(rows.getString(3)).isNull();
            }
        }
        assertThat(conversations.timeline(Viewer.SYSTEM, customerId)).allSatisfy(m -> assertThat(m.text()).isEqualTo("[erased]"));
    }

    /**
     * The guarantee behind erasure: after it, no text column of any table (found through JDBC metadata, so a
     * new table cannot escape) holds the person's names, identities, attributes, message texts or external
     * ids — only tombstones. The person had every kind of data Parley keeps: several channels, a rename, CRM
     * attributes, an added identity, a merged-in second record, a phone call, an agent's reply and note, a
     * notification, and an erasure reason that names them.
     */
    @Test
    void erasureLeavesNothingOfThePersonInAnyTextColumnOfTheDatabase() throws Exception {
        String digits = String.format("%08d", Math.floorMod(run.hashCode(), 100_000_000));
        String name = "Erin Erasable " + run;
        String firstName = "Erin Original " + run;
        String email = "erin." + run + "@example.com";
        String phone = "+49151" + digits;
        String handle = "erin_" + run;
        String xId = "9" + digits;
        String absorbedName = "Absorbed Person " + run;
        String absorbedEmail = "absorbed." + run + "@example.com";
        String externalId = "<ext-" + run + "@mail.example.com>";
        List<String> secrets = List.of("Secret text " + run, "Secret subject " + run, "DM text " + run,
                "Absorbed text " + run, "Dear Erin " + run, "Note about " + run, "gold-" + run, "Erasable GmbH " + run,
                "likes cats " + run, "my address is " + run + " Main St");

        IngestResult mail = ingestion.ingest(new InboundMessage(Channel.EMAIL, externalId,
                new InboundMessage.Sender(Channel.EMAIL, email, firstName), "Secret subject " + run,
                "Secret text " + run, "<p>Secret text " + run + "</p>", null, null, null, Instant.now()));
        UUID customerId = mail.customerId();
        ingestion.ingest(new InboundMessage(Channel.EMAIL, "<reply-" + run + "@mail.example.com>",
                new InboundMessage.Sender(Channel.EMAIL, email, firstName), "Re: Secret subject " + run,
                "Secret text " + run + " again", null, externalId, List.of(externalId), null, Instant.now()));
        asAdmin(() -> customers.update(customerId, name, "Erasable GmbH " + run, "likes cats " + run));
        asAdmin(() -> customers.setAttribute(customerId, "plan", "gold-" + run));
        asAdmin(() -> customers.addIdentity(customerId, Channel.PHONE, phone));
        asAdmin(() -> customers.addIdentity(customerId, Channel.X, handle));
        ingestion.ingest(new InboundMessage(Channel.X, "dm-" + run, new InboundMessage.Sender(Channel.X, handle, name),
                null, "DM text " + run, null, null, null, "dm:" + xId, Instant.now()));
        CustomerProfile absorbed = asAdmin(() -> customers.create(absorbedName,
                List.of(new CustomerDirectory.IdentityInput(Channel.EMAIL, absorbedEmail))));
        ingest(absorbedEmail, absorbedName, "Absorbed text " + run, Instant.now());
        asAdmin(() -> customers.merge(customerId, absorbed.id()));
        assertThat(admin.post("/api/v1/channels/phone/events", """
                {"callId": "CALL-E-%s", "direction": "INBOUND", "from": "%s", "to": "+1 415 555 0100",
                 "status": "COMPLETED", "startedAt": "2026-11-20T10:00:00Z", "endedAt": "2026-11-20T10:03:00Z",
                 "recordingUrl": "https://calls.example.com/%s.mp3", "transcript": "my address is %s Main St"}"""
                .formatted(run, phone, run, run)).status()).isEqualTo(201);
        var agent = team.createAgent("erasure" + run, "Agnes Agent", null, "long-enough-pw", EnumSet.of(Role.ADMIN));
        conversations.replyAt(Viewer.SYSTEM, mail.conversationId(), agent.getId(), null, "Dear Erin " + run + ", here you go", false, java.time.Instant.now());
        conversations.addNoteAt(Viewer.SYSTEM, mail.conversationId(), agent.getId(), "Note about " + run + ": " + name + " calls daily", java.time.Instant.now());
        notifications.notify(Viewer.SYSTEM, agent.getId(), org.parley.realtime.NotificationCenter.MENTION, mail.conversationId(),
                "Agnes mentioned you on “Secret subject " + run + "”: " + name);
        List<String> needles = new java.util.ArrayList<>(List.of(name, firstName, email, phone, handle, xId,
                absorbedName, absorbedEmail, externalId, "reply-" + run, "dm-" + run, "CALL-E-" + run));
        needles.addAll(secrets);
        assertThat(textColumnsContaining(needles)).as("the person is in the database before the erasure")
                .isNotEmpty();

        ApiClient.Response erased = admin.post("/api/v1/customers/" + customerId + "/erase",
                "{\"reason\": \"GDPR request from " + name + " (" + email + ")\"}");
        assertThat(erased.status()).isEqualTo(200);

        assertThat(textColumnsContaining(needles)).as("text columns holding the erased person").isEmpty();
        // the audit rows stay (what was done, when, by whom), with the person's data taken out
        assertThat(audit.forSubject(customerId)).extracting(e -> e.getAction())
                .contains("customer.updated", "customer.attribute", "customer.identity.added", "customer.merged",
                        "customer.erased");
        assertThat(audit.forSubject(customerId)).filteredOn(e -> e.getAction().equals("customer.merged"))
                .singleElement().satisfies(e -> assertThat(e.getDetails()).isEqualTo("merged " + absorbed.id()
                        + " ([erased]) into " + customerId + " ([erased])"));
        assertThat(audit.forSubject(customerId)).filteredOn(e -> e.getAction().equals("customer.erased"))
                .singleElement().satisfies(e -> assertThat(e.getDetails()).endsWith(
                        "reason: GDPR request from [erased] ([erased])"));
        // external ids are hashed, the same way on both sides of a reply link
        try (var connection = dataSource.getConnection(); var query = connection.prepareStatement(
                "SELECT external_id, reply_to_external_id FROM message WHERE reply_to_external_id IS NOT NULL"
                        + " AND external_id LIKE 'erased:%'")) {
            try (var rows = query.executeQuery()) {
                List<String> replyTos = new java.util.ArrayList<>();
                java.util.Set<String> ids = new java.util.HashSet<>();
                while (rows.next()) {
                    ids.add(rows.getString(1));
                    replyTos.add(rows.getString(2));
                }
                assertThat(replyTos).anySatisfy(r -> assertThat(r).startsWith("erased:").hasSize(71));
            }
        }
    }

    /** "table.column: value" for every text cell of every table that contains one of the needles (any case). */
    private List<String> textColumnsContaining(List<String> needles) throws java.sql.SQLException {
        java.util.Set<Integer> textTypes = java.util.Set.of(java.sql.Types.CHAR, java.sql.Types.VARCHAR,
                java.sql.Types.LONGVARCHAR, java.sql.Types.CLOB, java.sql.Types.NCHAR, java.sql.Types.NVARCHAR,
                java.sql.Types.LONGNVARCHAR, java.sql.Types.NCLOB);
        List<String> hits = new java.util.ArrayList<>();
        int columns = 0;
        try (var connection = dataSource.getConnection()) {
            var meta = connection.getMetaData();
            List<String[]> textColumns = new java.util.ArrayList<>();
            try (var rs = meta.getColumns(connection.getCatalog(), connection.getSchema(), "%", "%")) {
                while (rs.next()) {
                    if (textTypes.contains(rs.getInt("DATA_TYPE"))) {
                        textColumns.add(new String[] {rs.getString("TABLE_NAME"), rs.getString("COLUMN_NAME")});
                    }
                }
            }
            String q = meta.getIdentifierQuoteString().strip();
            for (String[] column : textColumns) {
                columns++;
                String c = q + column[1] + q;
                StringBuilder sql = new StringBuilder("SELECT " + c + " FROM " + q + column[0] + q + " WHERE ");
                for (int i = 0; i < needles.size(); i++) {
                    sql.append(i == 0 ? "" : " OR ").append("LOWER(").append(c).append(") LIKE ?");
                }
                try (var query = connection.prepareStatement(sql.toString())) {
                    for (int i = 0; i < needles.size(); i++) {
                        query.setString(i + 1, "%" + needles.get(i).toLowerCase(java.util.Locale.ROOT) + "%");
                    }
                    try (var rows = query.executeQuery()) {
                        while (rows.next()) {
                            hits.add(column[0] + "." + column[1] + ": " + rows.getString(1));
                        }
                    }
                }
            }
        }
        assertThat(columns).as("text columns found through JDBC metadata").isGreaterThan(50);
        return hits;
    }

    @Test
    void retentionAnonymisesOldResolvedConversationsAndLeavesOpenOnesAlone() {
        Instant longAgo = Instant.parse("2001-03-01T10:00:00Z");
        IngestResult resolved = ingest("old." + run + "@example.com", "Olga Old", "an old secret", longAgo);
        asAdmin(() -> conversations.setStatus(Viewer.SYSTEM, resolved.conversationId(), ConversationStatus.RESOLVED));
        IngestResult open = ingest("open." + run + "@example.com", "Otto Open", "still waiting", longAgo);

        while (retention.purgeBatch(Instant.parse("2001-12-31T00:00:00Z"), Mode.ANONYMISE, 100) == 100) {
            // until a batch comes back short
        }

        assertThat(conversations.messages(Viewer.SYSTEM, resolved.conversationId())).singleElement()
                .satisfies(m -> assertThat(m.text()).isEqualTo("[erased]"));
        assertThat(conversations.messages(Viewer.SYSTEM, open.conversationId())).singleElement()
                .satisfies(m -> assertThat(m.text()).isEqualTo("still waiting"));
    }

    @Test
    void retentionDeletesOldResolvedConversationsWithTheirMessages() {
        Instant longAgo = Instant.parse("1999-03-01T10:00:00Z");
        IngestResult resolved = ingest("gone." + run + "@example.com", "Gina Gone", "delete me", longAgo);
        asAdmin(() -> conversations.setTags(Viewer.SYSTEM, resolved.conversationId(), List.of("old")));
        asAdmin(() -> conversations.setStatus(Viewer.SYSTEM, resolved.conversationId(), ConversationStatus.RESOLVED));

        int handled = retention.purgeBatch(Instant.parse("2000-01-01T00:00:00Z"), Mode.DELETE, 100);

        assertThat(handled).isPositive();
        assertThat(conversations.find(Viewer.SYSTEM, resolved.conversationId())).isEmpty();
        assertThat(conversations.timeline(Viewer.SYSTEM, resolved.customerId())).isEmpty();
    }

    private IngestResult ingest(String email, String name, String text, Instant at) {
        return ingestion.ingest(new InboundMessage(Channel.EMAIL, "<" + UUID.randomUUID() + "@mail>",
                new InboundMessage.Sender(Channel.EMAIL, email, name), "Subject " + run, text, null, null, null, null, at));
    }

    private static <T> T asAdmin(java.util.function.Supplier<T> action) {
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new UsernamePasswordAuthenticationToken("test-admin", null,
                AuthorityUtils.createAuthorityList("ROLE_ADMIN")));
        SecurityContextHolder.setContext(context);
        try {
            return action.get();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    /** The JSON files of a ZIP; other files land in {@link #binaries}. */
    private Map<String, JsonNode> unzip(byte[] zip) throws IOException {
        Map<String, JsonNode> files = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                byte[] content = in.readAllBytes();
                if (entry.getName().endsWith(".json")) {
                    files.put(entry.getName(), JSON.readTree(content));
                } else {
                    binaries.put(entry.getName(), content);
                }
            }
        }
        return files;
    }
}
