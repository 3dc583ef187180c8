package org.parley.csat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.parley.base.Channel;
import org.parley.base.Ids;
import org.parley.base.InvalidInputException;
import org.parley.base.WebhookSignatures;
import org.parley.base.events.EventSpine;
import org.parley.conversation.ConversationAccess.Viewer;
import org.parley.conversation.ConversationService;
import org.parley.conversation.ConversationStatus;
import org.parley.conversation.ConversationView;
import org.parley.conversation.ConversationsPurging;
import org.parley.team.Agent;
import org.parley.team.Role;
import org.parley.team.TeamDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Satisfaction surveys: scheduled when a conversation is resolved, sent when due as an automatic reply on the
 * conversation's channel with a signed link, answered once through that link.
 *
 * <p>The link is {@code {parley.public-url}/csat/{surveyId}?sig=<hex HMAC-SHA256(secret, surveyId)>}: the
 * signature is the customer's only credential, so the page needs no login and nothing else (an id alone, or
 * another survey's signature) opens a survey.
 */
@Service
public class CsatSurveys {

    private static final Logger log = LoggerFactory.getLogger(CsatSurveys.class);
    public static final String SYSTEM_AGENT = "parley-csat";
    /** The author of the timeline note with the customer's answer. */
    static final String NOTE_AUTHOR = "Customer satisfaction";
    public static final int MAX_COMMENT = 1000;

    private final JdbcTemplate jdbc;
    private final ConversationService conversations;
    private final TeamDirectory team;
    private final EventSpine events;
    private final CsatProperties properties;
    private final Clock clock;
    private final Environment environment;
    private final TransactionTemplate newTransaction;
    private final String configuredPublicUrl;
    private volatile String secret;

    CsatSurveys(JdbcTemplate jdbc, ConversationService conversations, TeamDirectory team, EventSpine events,
            CsatProperties properties, Clock clock, Environment environment, PlatformTransactionManager transactions,
            @Value("${parley.public-url:}") String publicUrl) {
        this.jdbc = jdbc;
        this.conversations = conversations;
        this.team = team;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
        this.environment = environment;
        this.configuredPublicUrl = publicUrl;
        this.newTransaction = new TransactionTemplate(transactions);
        this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** One survey as stored. */
    public record Survey(UUID id, UUID conversationId, UUID customerId, UUID agentId, UUID teamId, Channel channel,
            Instant resolvedAt, Instant dueAt, Instant sentAt, String skipped, Instant answeredAt, Integer score,
            String comment) {

        public boolean answered() {
            return answeredAt != null;
        }
    }

    /** What became of an answer. */
    public enum Outcome {
        RECORDED, ALREADY_ANSWERED, BAD_SIGNATURE
    }

    // ---- the link

    /** The key of the signatures: {@code parley.csat.secret}, or one generated once and kept in the database. */
    String secret() {
        String s = secret;
        if (s != null) {
            return s;
        }
        synchronized (this) {
            if (secret == null) {
                secret = properties.secret() != null && !properties.secret().isBlank() ? properties.secret()
                        : storedSecret();
            }
            return secret;
        }
    }

    private String storedSecret() {
        List<String> stored = jdbc.queryForList("SELECT secret FROM csat_secret WHERE id = 1", String.class);
        if (stored.isEmpty()) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            try {
                newTransaction.executeWithoutResult(tx -> jdbc.update(
                        "INSERT INTO csat_secret (id, secret) VALUES (1, ?)", HexFormat.of().formatHex(random)));
            } catch (DataIntegrityViolationException raced) {
                // another node stored one first: theirs is used
            }
            stored = jdbc.queryForList("SELECT secret FROM csat_secret WHERE id = 1", String.class);
            log.warn("parley.csat.secret is not set: satisfaction survey links are signed with a key generated"
                    + " and kept in the database (set parley.csat.secret to choose one)");
        }
        return stored.getFirst();
    }

    /** The signature of a survey's link: lower-case hex of HMAC-SHA256(secret, survey id). */
    public String signature(UUID surveyId) {
        return HexFormat.of().formatHex(WebhookSignatures.hmacSha256(secret(),
                surveyId.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** Whether {@code presented} is the survey's signature, compared in constant time. */
    public boolean signatureValid(UUID surveyId, String presented) {
        if (surveyId == null || presented == null) {
            return false;
        }
        return MessageDigest.isEqual(signature(surveyId).getBytes(StandardCharsets.US_ASCII),
                presented.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    /** The customer's link to a survey. */
    public String link(UUID surveyId) {
        return baseUrl() + "/csat/" + surveyId + "?sig=" + signature(surveyId);
    }

    private String baseUrl() {
        String base = configuredPublicUrl;
        if (base == null || base.isBlank()) {
            String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
            base = "http://localhost:" + port;
        }
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    // ---- scheduling and sending

    /**
     * The conversation was resolved at {@code resolvedAt}: a survey is due after the delay, if its channel takes
     * surveys. A survey not sent yet is moved to the new resolution; a conversation surveyed within the repeat
     * window gets no second one. Runs in the caller's transaction (the spine's batch).
     */
    void schedule(UUID conversationId, Instant resolvedAt) {
        Optional<ConversationView> found = conversations.find(Viewer.SYSTEM, conversationId);
        if (found.isEmpty()) {
            return;
        }
        ConversationView c = found.get();
        if (!takesSurveys(c)) {
            return;
        }
        Instant due = resolvedAt.plus(properties.delay());
        int moved = jdbc.update("UPDATE csat_survey SET resolved_at = ?, due_at = ?, agent_id = ?, team_id = ?"
                + " WHERE conversation_id = ? AND sent_at IS NULL AND skipped IS NULL", ts(resolvedAt), ts(due),
                bytes(c.assigneeId()), bytes(c.teamId()), bytes(conversationId));
        if (moved > 0) {
            return;
        }
        Integer recent = jdbc.queryForObject("SELECT COUNT(*) FROM csat_survey WHERE conversation_id = ?"
                + " AND sent_at IS NOT NULL AND sent_at > ?", Integer.class, bytes(conversationId),
                ts(resolvedAt.minus(properties.repeatWindow())));
        if (recent != null && recent > 0) {
            return;
        }
        jdbc.update("INSERT INTO csat_survey (id, conversation_id, customer_id, agent_id, team_id, channel,"
                + " resolved_at, due_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", bytes(Ids.newId()), bytes(conversationId),
                bytes(c.customerId()), bytes(c.assigneeId()), bytes(c.teamId()), c.channel().name(),
                ts(resolvedAt), ts(due));
    }

    /** Email and direct messages take surveys (when their channel is on); calls and public posts do not. */
    private boolean takesSurveys(ConversationView c) {
        if (c.channel() == Channel.PHONE || !properties.channels().contains(c.channel()) || c.mergedInto() != null) {
            return false;
        }
        if (c.channel().socialNetwork()) {
            String thread = conversations.threadKeyOf(Viewer.SYSTEM, c.id()).orElse(null);
            return !c.channel().isPublicThread(thread);
        }
        return true;
    }

    /** Sends the surveys due at {@code now}, each in its own transaction; answers how many were sent. */
    int sendDue(Instant now) {
        List<UUID> due = jdbc.queryForList("SELECT id FROM csat_survey WHERE sent_at IS NULL AND skipped IS NULL"
                + " AND due_at <= ? ORDER BY due_at", byte[].class, ts(now)).stream().map(CsatSurveys::uuid)
                .limit(100).toList();
        int sent = 0;
        for (UUID id : due) {
            try {
                Boolean done = newTransaction.execute(tx -> send(id, now));
                if (Boolean.TRUE.equals(done)) {
                    sent++;
                }
            } catch (RuntimeException e) {
                log.warn("satisfaction survey {} could not be sent: {}", id, e.toString());
                skip(id, "not sent: " + e.getMessage());
            }
        }
        return sent;
    }

    private boolean send(UUID id, Instant now) {
        // claimed by one node only: the update finds the survey unsent once
        if (jdbc.update("UPDATE csat_survey SET sent_at = ? WHERE id = ? AND sent_at IS NULL AND skipped IS NULL",
                ts(now), bytes(id)) != 1) {
            return false;
        }
        Survey s = find(id).orElseThrow();
        Optional<ConversationView> c = conversations.find(Viewer.SYSTEM, s.conversationId());
        String refusal = c.isEmpty() ? "conversation deleted"
                : c.get().mergedInto() != null ? "conversation merged"
                : c.get().status() != ConversationStatus.RESOLVED && c.get().status() != ConversationStatus.CLOSED
                        ? "conversation reopened"
                : conversations.replyWindowRefusal(Viewer.SYSTEM, s.conversationId(), s.channel()).orElse(null);
        if (refusal != null) {
            jdbc.update("UPDATE csat_survey SET sent_at = NULL, skipped = ? WHERE id = ?", refusal, bytes(id));
            return false;
        }
        conversations.autoReply(Viewer.SYSTEM, s.conversationId(), systemAgent().getId(), surveyText(id));
        return true;
    }

    private void skip(UUID id, String reason) {
        String why = reason.length() > 200 ? reason.substring(0, 200) : reason;
        newTransaction.executeWithoutResult(tx -> jdbc.update(
                "UPDATE csat_survey SET skipped = ? WHERE id = ? AND sent_at IS NULL", why, bytes(id)));
    }

    String surveyText(UUID id) {
        return "How did we do? Please rate our help from 1 (poor) to 5 (great): " + link(id);
    }

    /** The author of the survey messages, created inactive on first use (nobody can sign in as it). */
    private Agent systemAgent() {
        Optional<Agent> existing = team.findAgentByUsername(SYSTEM_AGENT);
        if (existing.isPresent()) {
            return existing.get();
        }
        try {
            newTransaction.executeWithoutResult(tx -> {
                Agent created = team.createAgent(SYSTEM_AGENT, "Parley (satisfaction survey)", null,
                        UUID.randomUUID().toString(), java.util.Set.of(Role.AGENT));
                team.updateAgent(created.getId(), created.getDisplayName(), null, created.getRoles(), false);
            });
        } catch (DataIntegrityViolationException | InvalidInputException raced) {
            // created concurrently
        }
        return newTransaction.execute(tx -> team.findAgentByUsername(SYSTEM_AGENT).orElseThrow());
    }

    // ---- answering

    public Optional<Survey> find(UUID id) {
        return jdbc.query("SELECT id, conversation_id, customer_id, agent_id, team_id, channel, resolved_at, due_at,"
                + " sent_at, skipped, answered_at, score, comment FROM csat_survey WHERE id = ?",
                CsatSurveys::survey, bytes(id)).stream().findFirst();
    }

    /**
     * Records the customer's answer, once: the first answer stays (the database takes only one, so two answers at
     * the same moment cannot both land). The answer is written in the conversation's timeline and published as
     * {@link SatisfactionRated}.
     */
    @Transactional
    public Outcome answer(UUID surveyId, String signature, int score, String comment) {
        if (!signatureValid(surveyId, signature)) {
            return Outcome.BAD_SIGNATURE;
        }
        if (score < 1 || score > 5) {
            throw new InvalidInputException("score must be 1 to 5");
        }
        String text = comment == null || comment.isBlank() ? null : comment.strip();
        if (text != null && text.length() > MAX_COMMENT) {
            throw new InvalidInputException("comment is longer than " + MAX_COMMENT + " characters");
        }
        Survey s = find(surveyId).orElse(null);
        if (s == null) {
            // a valid signature of a survey that is gone (its conversation was deleted)
            return Outcome.BAD_SIGNATURE;
        }
        Instant now = clock.instant();
        if (jdbc.update("UPDATE csat_survey SET answered_at = ?, score = ?, comment = ? WHERE id = ?"
                + " AND answered_at IS NULL", ts(now), score, text, bytes(surveyId)) != 1) {
            return Outcome.ALREADY_ANSWERED;
        }
        if (conversations.find(Viewer.SYSTEM, s.conversationId()).isPresent()) {
            conversations.addSystemNote(Viewer.SYSTEM, s.conversationId(), NOTE_AUTHOR,
                    "Customer satisfaction: " + score + "/5" + (text == null ? "" : " — “" + text + "”"), now);
        }
        events.publish(new SatisfactionRated(surveyId, s.conversationId(), s.customerId(), s.agentId(), s.teamId(),
                s.channel(), score, now));
        return Outcome.RECORDED;
    }

    /** Conversations deleted by retention take their surveys (and the customers' comments) with them. */
    @EventListener
    void on(ConversationsPurging purging) {
        for (UUID id : purging.conversationIds()) {
            jdbc.update("DELETE FROM csat_survey WHERE conversation_id = ?", (Object) bytes(id));
        }
    }

    // ---- rows

    static Survey survey(ResultSet rs, int row) throws SQLException {
        int score = rs.getInt(12);
        Integer scored = rs.wasNull() ? null : score;
        return new Survey(uuid(rs.getBytes(1)), uuid(rs.getBytes(2)), uuid(rs.getBytes(3)), uuid(rs.getBytes(4)),
                uuid(rs.getBytes(5)), Channel.valueOf(rs.getString(6)), instant(rs, 7), instant(rs, 8),
                instant(rs, 9), rs.getString(10), instant(rs, 11), scored,
                rs.getString(13));
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        LocalDateTime value = rs.getObject(column, LocalDateTime.class);
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }

    static LocalDateTime ts(Instant instant) {
        return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    static byte[] bytes(UUID id) {
        return org.parley.base.persistence.JdbcValues.binary(id);
    }

    static UUID uuid(byte[] value) {
        if (value == null) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(value);
        return new UUID(b.getLong(), b.getLong());
    }
}
