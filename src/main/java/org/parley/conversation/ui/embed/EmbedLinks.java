package org.parley.conversation.ui.embed;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.parley.base.WebhookSignatures;
import org.parley.team.TeamDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Signed, expiring links to the embedded customer panel, for server-side integrations (a CRM renders the frame
 * without a Parley session): {@code ?identity=TYPE:value&exp=<Unix seconds>&sig=<hex HMAC-SHA256(secret,
 * "identity=TYPE:value&exp=<exp>")>}, or for {@code /embed/customers/{id}} the message {@code "id=<uuid>&exp=<exp>"}.
 * The identity is signed exactly as it appears in the (decoded) query parameter. Such a link opens the panel as the
 * read-only viewer {@code parley.embed.agent}; without a secret or without that agent every signed link is refused.
 * The secret and the presented signature never go to a log or a page.
 */
@Component
public class EmbedLinks {

    private static final Logger log = LoggerFactory.getLogger(EmbedLinks.class);

    /** What a request's signature parameters amount to. */
    public enum Verdict {
        /** Neither {@code sig} nor {@code exp}: not a signed link (a Parley session may still open the page). */
        UNSIGNED,
        VALID,
        /** Refused: a wrong, missing or malformed signature or expiry, expired, or signed links not configured. */
        REFUSED
    }

    private final String secret;
    private final String agentUsername;
    private final TeamDirectory team;
    private final Clock clock;

    EmbedLinks(@Value("${parley.embed.secret:}") String secret, @Value("${parley.embed.agent:}") String agentUsername,
            TeamDirectory team, Clock clock) {
        this.secret = secret == null ? "" : secret;
        this.agentUsername = agentUsername == null ? "" : agentUsername.strip();
        this.team = team;
        this.clock = clock;
    }

    /**
     * Checks a link's parameters: {@code idOrNull} is the customer id from the path (then {@code "id=…"} is signed),
     * otherwise {@code identity} (then {@code "identity=…"} is signed).
     */
    public Verdict verify(String idOrNull, String identity, String exp, String sig) {
        if (sig == null && exp == null) {
            return Verdict.UNSIGNED;
        }
        if (secret.isBlank()) {
            log.warn("Refused a signed embed link: parley.embed.secret is not set");
            return Verdict.REFUSED;
        }
        if (agentUsername.isBlank()) {
            log.warn("Refused a signed embed link: parley.embed.agent (the read-only viewer of signed links) is not set");
            return Verdict.REFUSED;
        }
        if (sig == null || exp == null || !exp.matches("\\d{1,12}")) {
            log.info("Refused a signed embed link: the exp or sig parameter is missing or malformed");
            return Verdict.REFUSED;
        }
        String message = message(idOrNull, identity, exp);
        if (message == null) {
            log.info("Refused a signed embed link: it names no customer");
            return Verdict.REFUSED;
        }
        byte[] expected = hex(secret, message).getBytes(StandardCharsets.US_ASCII);
        byte[] presented = sig.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        // compare first, in constant time, and only then look at the expiry: both answers are the same 403
        boolean signed = MessageDigest.isEqual(expected, presented);
        if (!signed) {
            log.info("Refused a signed embed link: wrong signature");
            return Verdict.REFUSED;
        }
        if (Long.parseLong(exp) <= clock.instant().getEpochSecond()) {
            log.info("Refused a signed embed link: expired at {}", exp);
            return Verdict.REFUSED;
        }
        if (viewerAgentId().isEmpty()) {
            log.warn("Refused a signed embed link: parley.embed.agent names no active agent ({})", agentUsername);
            return Verdict.REFUSED;
        }
        return Verdict.VALID;
    }

    /** The agent whose visibility a signed link gets (read-only), if configured, existing and active. */
    public Optional<UUID> viewerAgentId() {
        if (agentUsername.isBlank()) {
            return Optional.empty();
        }
        return team.findAgentByUsername(agentUsername).filter(a -> a.isActive()).map(a -> a.getId());
    }

    /** The signature of a link (for tests and for Parley-generated links); requires the secret. */
    public String sign(String idOrNull, String identity, long exp) {
        if (secret.isBlank()) {
            throw new IllegalStateException("parley.embed.secret is not set");
        }
        return sign(secret, idOrNull, identity, exp);
    }

    /** The signature with a given secret: hex HMAC-SHA256 of {@code "identity=…&exp=…"} or {@code "id=…&exp=…"}. */
    public static String sign(String secret, String idOrNull, String identity, long exp) {
        return hex(secret, message(idOrNull, identity, Long.toString(exp)));
    }

    private static String message(String idOrNull, String identity, String exp) {
        if (idOrNull != null && !idOrNull.isBlank()) {
            return "id=" + idOrNull + "&exp=" + exp;
        }
        if (identity != null && !identity.isBlank()) {
            return "identity=" + identity + "&exp=" + exp;
        }
        return null;
    }

    private static String hex(String secret, String message) {
        return HexFormat.of().formatHex(WebhookSignatures.hmacSha256(secret, message.getBytes(StandardCharsets.UTF_8)));
    }
}
