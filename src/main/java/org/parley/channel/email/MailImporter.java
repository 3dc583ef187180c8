package org.parley.channel.email;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.parley.base.Channel;
import org.parley.base.InvalidInputException;
import org.parley.channel.InboundMessage;
import org.parley.channel.IngestResult;
import org.parley.channel.IngestionService;
import org.parley.channel.email.MailParser.MalformedMailException;
import org.parley.channel.email.MailParser.ParsedMail;
import org.parley.conversation.MessageAttachments;
import org.parley.conversation.OutboundQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns one raw mail of a mailbox into Parley's records, committed before the caller marks the mail
 * on the server: a customer message with its attachments (through the ingestion pipeline, idempotent
 * on the Message-ID), a bounce recorded against the outbound message it bounces, an auto-reply that
 * answers a known thread (others are skipped: they never open a conversation), or a quarantine entry.
 */
@Component
class MailImporter {

    private static final Logger log = LoggerFactory.getLogger(MailImporter.class);
    private static final int MAX_TEXT = 60_000;
    private static final int MAX_HTML = 1_000_000;

    enum Outcome { IMPORTED, DUPLICATE, BOUNCE, AUTO_REPLY_SKIPPED, QUARANTINED }

    private final IngestionService ingestion;
    private final MessageAttachments attachments;
    private final OutboundQueue outbox;
    private final QuarantineRepository quarantine;
    private final TransactionTemplate transaction;
    private final MailParser parser;

    MailImporter(IngestionService ingestion, MessageAttachments attachments, OutboundQueue outbox,
            QuarantineRepository quarantine, TransactionTemplate transaction, EmailProperties properties) {
        this.ingestion = ingestion;
        this.attachments = attachments;
        this.outbox = outbox;
        this.quarantine = quarantine;
        this.transaction = transaction;
        this.parser = new MailParser(properties.maxAttachmentSize().toBytes());
    }

    /** Imports one mail; a mail that cannot be imported is quarantined (and that is committed too). */
    Outcome importMail(String mailbox, Long uid, byte[] raw) {
        try {
            return importOrFail(mailbox, uid, raw);
        } catch (Rejected e) {
            return quarantine(mailbox, uid, raw, e.getMessage(), e.sender, e.subject);
        } catch (RuntimeException e) {
            if (isTransient(e)) {
                throw e; // the database is away: the next poll reads this mail again
            }
            // this mail cannot be stored (a value the database refuses, a defect): it must not block the mailbox
            log.error("mail uid {} of mailbox {} could not be stored", uid, mailbox, e);
            return quarantine(mailbox, uid, raw, "could not be stored: " + e, header(raw, "From"),
                    header(raw, "Subject"));
        }
    }

    private Outcome quarantine(String mailbox, Long uid, byte[] raw, String reason, String sender, String subject) {
        transaction.executeWithoutResult(s -> quarantine.save(new QuarantinedMail(mailbox, uid, sender, subject, reason,
                raw)));
        log.warn("mail uid {} of mailbox {} quarantined: {}", uid, mailbox, reason);
        return Outcome.QUARANTINED;
    }

    /** Failures that say nothing about the mail: the same mail will import once the database is back. */
    static boolean isTransient(RuntimeException e) {
        return e instanceof org.parley.base.ServiceBusyException
                || e instanceof org.springframework.dao.TransientDataAccessException
                || e instanceof org.springframework.dao.RecoverableDataAccessException
                || e instanceof org.springframework.dao.DataAccessResourceFailureException
                || e instanceof org.springframework.transaction.TransactionException;
    }

    /** Imports one mail or says why it cannot be imported. */
    Outcome importOrFail(String mailbox, Long uid, byte[] raw) throws Rejected {
        ParsedMail mail;
        try {
            mail = parser.parse(raw);
        } catch (MalformedMailException e) {
            throw new Rejected("malformed MIME: " + e.getMessage(), header(raw, "From"), header(raw, "Subject"));
        }
        if (mail.bounce()) {
            List<java.util.UUID> bounced = outbox.recordBounce(Channel.EMAIL, mail.bouncedMessageIds(),
                    mail.bounceReason());
            log.info("bounce in mailbox {} from {}: {} outbound message(s) marked FAILED ({})", mailbox,
                    mail.fromAddress(), bounced.size(), mail.bounceReason());
            return Outcome.BOUNCE;
        }
        List<String> hints = new ArrayList<>(mail.references());
        if (mail.inReplyTo() != null) {
            hints.add(mail.inReplyTo());
        }
        if (mail.autoReply() && !outbox.knowsAny(Channel.EMAIL, hints)) {
            log.info("auto-reply in mailbox {} from {} answers no known thread: not opening a conversation",
                    mailbox, mail.fromAddress());
            return Outcome.AUTO_REPLY_SKIPPED;
        }
        String externalId = mail.messageId() != null && mail.messageId().length() <= 255 ? mail.messageId()
                : "<" + mailbox.replaceAll("\\s", "_") + "." + (uid == null ? Integer.toHexString(java.util.Arrays.hashCode(raw)) : uid)
                        + "@parley.invalid>";
        String text = body(mail);
        String html = mail.html() != null && mail.html().length() > MAX_HTML ? mail.html().substring(0, MAX_HTML)
                : mail.html();
        if ((text == null || text.isBlank()) && (html == null || html.isBlank())) {
            text = mail.attachments().isEmpty() ? "(empty message)" : "(attachments only)";
        }
        Instant at = mail.sentAt() == null || mail.sentAt().isAfter(Instant.now()) ? Instant.now() : mail.sentAt();
        String subject = mail.subject() == null ? null : QuarantinedMail.cut(mail.subject(), 300);
        InboundMessage in = new InboundMessage(Channel.EMAIL, externalId,
                new InboundMessage.Sender(Channel.EMAIL, mail.fromAddress(), mail.fromName()), subject, text, html,
                mail.inReplyTo() != null && mail.inReplyTo().length() <= 255 ? mail.inReplyTo() : null,
                mail.references().stream().filter(r -> r.length() <= 255).toList(), null, at, mailbox);
        try {
            IngestResult result = ingestion.ingest(in, stored -> {
                if (!stored.duplicate() && !mail.attachments().isEmpty()) {
                    attachments.store(stored.messageId(), mail.attachments());
                }
            });
            return result.duplicate() ? Outcome.DUPLICATE : Outcome.IMPORTED;
        } catch (InvalidInputException e) {
            throw new Rejected(e.getMessage(), mail.fromAddress(), mail.subject());
        }
    }

    /** A header of an unreadable mail, as far as it can be read, for the quarantine list. */
    private static String header(byte[] raw, String name) {
        try {
            String value = new jakarta.mail.internet.InternetHeaders(new java.io.ByteArrayInputStream(raw))
                    .getHeader(name, ", ");
            return value == null ? null : jakarta.mail.internet.MimeUtility.decodeText(value);
        } catch (jakarta.mail.MessagingException | java.io.UnsupportedEncodingException | RuntimeException e) {
            return null;
        }
    }

    /** The text body with a note for every attachment that was too big to keep. */
    private static String body(ParsedMail mail) {
        StringBuilder text = new StringBuilder(mail.text() == null ? "" : mail.text().stripTrailing());
        for (String dropped : mail.droppedAttachments()) {
            text.append(text.isEmpty() ? "" : "\n\n").append("[Parley: ").append(dropped).append(']');
        }
        String t = text.toString();
        if (t.length() > MAX_TEXT) {
            t = t.substring(0, MAX_TEXT - 40) + "\n[Parley: text shortened]";
        }
        return t.isEmpty() ? null : t;
    }

    /** Why a mail cannot be imported. */
    static class Rejected extends Exception {
        final String sender;
        final String subject;

        Rejected(String reason, String sender, String subject) {
            super(reason);
            this.sender = sender;
            this.subject = subject;
        }
    }
}
