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
    /**
     * Most mails of an import in the ingestion lanes at once: a large batch goes in waves, so senders on the
     * API still find room in the lanes while a big mailbox is imported.
     */
    static final int WAVE = 200;

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
        Prepared prepared = prepare(mailbox, uid, raw, parse(raw));
        if (prepared instanceof Prepared.Handled handled) {
            return handled.outcome();
        }
        Prepared.ToStore store = (Prepared.ToStore) prepared;
        try {
            IngestResult result = ingestion.ingest(store.message(), stored -> {
                if (!stored.duplicate() && !store.mail().attachments().isEmpty()) {
                    attachments.store(stored.messageId(), store.mail().attachments());
                }
            });
            return result.duplicate() ? Outcome.DUPLICATE : Outcome.IMPORTED;
        } catch (InvalidInputException e) {
            throw new Rejected(e.getMessage(), store.mail().fromAddress(), store.mail().subject());
        }
    }

    /** One mail of a fetched batch: its UID on the server and its raw bytes. */
    record RawMail(long uid, byte[] raw) {
    }

    /**
     * Imports a fetched batch: the mails are parsed in parallel and their customer messages stored together
     * through the ingestion lanes (group commit, each lane in arrival order), bounces and auto-replies one by
     * one, in waves of at most {@value #WAVE}. Answers an outcome per mail, in order, once everything is
     * committed. A reply to a mail of the same wave from another sender waits until that mail is stored, so
     * threading is the same as one at a time.
     *
     * @throws RuntimeException a transient failure (the database is away): nothing of the batch is marked on
     *         the server, the next poll reads it again and Message-IDs keep that from duplicating anything
     */
    List<Outcome> importBatch(String mailbox, List<RawMail> mails) {
        // parsing is pure CPU work: in parallel; what reads or writes the database then runs in order
        List<Object> parsedMails = mails.parallelStream().map(m -> {
            try {
                return (Object) parse(m.raw());
            } catch (Rejected e) {
                return e;
            }
        }).toList();
        List<Object> prepared = new ArrayList<>(mails.size());
        for (int i = 0; i < mails.size(); i++) {
            Object p = parsedMails.get(i);
            try {
                prepared.add(p instanceof ParsedMail mail ? prepare(mailbox, mails.get(i).uid(), mails.get(i).raw(), mail) : p);
            } catch (RuntimeException e) {
                if (isTransient(e)) {
                    throw e;
                }
                log.error("mail uid {} of mailbox {} could not be stored", mails.get(i).uid(), mailbox, e);
                prepared.add(new Rejected("could not be stored: " + e, header(mails.get(i).raw(), "From"),
                        header(mails.get(i).raw(), "Subject")));
            }
        }
        Outcome[] outcomes = new Outcome[mails.size()];
        List<Integer> wave = new ArrayList<>();
        java.util.Map<String, String> senderOfIdInWave = new java.util.HashMap<>();
        for (int i = 0; i < mails.size(); i++) {
            Object p = prepared.get(i);
            RawMail m = mails.get(i);
            if (p instanceof Rejected r) {
                outcomes[i] = quarantine(mailbox, m.uid(), m.raw(), r.getMessage(), r.sender, r.subject);
            } else if (p instanceof Prepared.Handled handled) {
                outcomes[i] = handled.outcome();
            } else {
                Prepared.ToStore store = (Prepared.ToStore) p;
                String sender = String.valueOf(store.message().from().value()).toLowerCase(java.util.Locale.ROOT);
                if (wave.size() == WAVE || answersAnotherSenderIn(store.message(), sender, senderOfIdInWave)) {
                    storeWave(mailbox, mails, prepared, wave, outcomes);
                    wave.clear();
                    senderOfIdInWave.clear();
                }
                wave.add(i);
                senderOfIdInWave.put(store.message().externalId(), sender);
            }
        }
        storeWave(mailbox, mails, prepared, wave, outcomes);
        return java.util.Arrays.asList(outcomes);
    }

    private static boolean answersAnotherSenderIn(InboundMessage message, String sender, java.util.Map<String, String> wave) {
        if (wave.isEmpty()) {
            return false;
        }
        List<String> refs = new ArrayList<>(message.references() == null ? List.of() : message.references());
        if (message.inReplyTo() != null) {
            refs.add(message.inReplyTo());
        }
        // the same sender's messages share a lane and are stored in order; another sender's may not be
        return refs.stream().map(wave::get).anyMatch(s -> s != null && !s.equals(sender));
    }

    private void storeWave(String mailbox, List<RawMail> mails, List<Object> prepared, List<Integer> wave,
            Outcome[] outcomes) {
        if (wave.isEmpty()) {
            return;
        }
        java.util.Map<InboundMessage, ParsedMail> parsed = new java.util.IdentityHashMap<>();
        List<InboundMessage> messages = new ArrayList<>(wave.size());
        for (int i : wave) {
            Prepared.ToStore store = (Prepared.ToStore) prepared.get(i);
            parsed.put(store.message(), store.mail());
            messages.add(store.message());
        }
        List<IngestionService.Outcome> stored = ingestion.ingestAll(messages, s -> {
            ParsedMail mail = parsed.get(s.message());
            if (!s.result().duplicate() && !mail.attachments().isEmpty()) {
                attachments.store(s.result().messageId(), mail.attachments());
            }
        });
        RuntimeException transientFailure = null;
        for (int w = 0; w < wave.size(); w++) {
            int i = wave.get(w);
            IngestionService.Outcome o = stored.get(w);
            RawMail m = mails.get(i);
            ParsedMail mail = parsed.get(o.message());
            if (o.failure() == null) {
                outcomes[i] = o.result().duplicate() ? Outcome.DUPLICATE : Outcome.IMPORTED;
            } else if (o.failure() instanceof InvalidInputException e) {
                outcomes[i] = quarantine(mailbox, m.uid(), m.raw(), e.getMessage(), mail.fromAddress(), mail.subject());
            } else if (isTransient(o.failure())) {
                transientFailure = o.failure();
            } else {
                log.error("mail uid {} of mailbox {} could not be stored", m.uid(), mailbox, o.failure());
                outcomes[i] = quarantine(mailbox, m.uid(), m.raw(), "could not be stored: " + o.failure(),
                        mail.fromAddress(), mail.subject());
            }
        }
        if (transientFailure != null) {
            throw transientFailure;
        }
    }

    /** What one mail turns into before anything is stored. */
    private sealed interface Prepared {
        /** Handled without a customer message (a bounce, an auto-reply to nothing known). */
        record Handled(Outcome outcome) implements Prepared {
        }

        /** A customer message to store, with the parsed mail for its attachments. */
        record ToStore(InboundMessage message, ParsedMail mail) implements Prepared {
        }
    }

    private ParsedMail parse(byte[] raw) throws Rejected {
        try {
            return parser.parse(raw);
        } catch (MalformedMailException e) {
            throw new Rejected("malformed MIME: " + e.getMessage(), header(raw, "From"), header(raw, "Subject"));
        }
    }

    private Prepared prepare(String mailbox, Long uid, byte[] raw, ParsedMail mail) {
        if (mail.bounce()) {
            List<java.util.UUID> bounced = outbox.recordBounce(Channel.EMAIL, mail.bouncedMessageIds(),
                    mail.bounceReason());
            log.info("bounce in mailbox {} from {}: {} outbound message(s) marked FAILED ({})", mailbox,
                    mail.fromAddress(), bounced.size(), mail.bounceReason());
            return new Prepared.Handled(Outcome.BOUNCE);
        }
        List<String> hints = new ArrayList<>(mail.references());
        if (mail.inReplyTo() != null) {
            hints.add(mail.inReplyTo());
        }
        if (mail.autoReply() && !outbox.knowsAny(Channel.EMAIL, hints)) {
            log.info("auto-reply in mailbox {} from {} answers no known thread: not opening a conversation",
                    mailbox, mail.fromAddress());
            return new Prepared.Handled(Outcome.AUTO_REPLY_SKIPPED);
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
        return new Prepared.ToStore(in, mail);
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
