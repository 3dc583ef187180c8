package org.parley.channel.email;

import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.parley.audit.AuditTrail;
import org.parley.base.InvalidInputException;
import org.parley.base.NotFoundException;
import org.parley.channel.secrets.SecretCipher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Mailboxes and the quarantine, for the Channels view: add, edit, enable and disable mailboxes (the
 * password is encrypted and never shown back), test a connection, and retry or discard quarantined
 * mail. Mailboxes declared in {@code parley.channels.email.mailboxes[N]} are mirrored into the table at
 * start-up (so that their position and status are kept like any other) and cannot be edited here.
 */
@Service
public class MailboxService {

    private static final Logger log = LoggerFactory.getLogger(MailboxService.class);

    private final MailboxRepository mailboxes;
    private final QuarantineRepository quarantine;
    private final SecretCipher cipher;
    private final MailSessions sessions;
    private final MailImporter importer;
    private final EmailProperties properties;
    private final AuditTrail audit;

    MailboxService(MailboxRepository mailboxes, QuarantineRepository quarantine, SecretCipher cipher,
            MailSessions sessions, MailImporter importer, EmailProperties properties, AuditTrail audit) {
        this.mailboxes = mailboxes;
        this.quarantine = quarantine;
        this.cipher = cipher;
        this.sessions = sessions;
        this.importer = importer;
        this.properties = properties;
        this.audit = audit;
    }

    @Transactional(readOnly = true)
    public List<Mailbox> list() {
        return mailboxes.findAllByOrderByName();
    }

    @Transactional(readOnly = true)
    public Optional<Mailbox> find(UUID id) {
        return mailboxes.findById(id);
    }

    @Transactional
    public Mailbox create(MailboxSettings settings) {
        settings.validate();
        if (settings.password() == null || settings.password().isEmpty()) {
            throw new InvalidInputException("password is required");
        }
        if (mailboxes.findByName(settings.name()).isPresent()) {
            throw new InvalidInputException("a mailbox named '" + settings.name() + "' exists already");
        }
        Mailbox mailbox = new Mailbox(settings.name(), false);
        mailbox.configure(settings, cipher.encrypt(settings.password()));
        Mailbox saved = mailboxes.save(mailbox);
        audit.record("mailbox.created", "email_mailbox", saved.getId(), settings.name());
        return saved;
    }

    /** Changes a mailbox's settings; an empty password keeps the stored one. */
    @Transactional
    public Mailbox update(UUID id, MailboxSettings settings) {
        settings.validate();
        Mailbox mailbox = editable(id);
        mailboxes.findByName(settings.name()).filter(other -> !other.getId().equals(id)).ifPresent(other -> {
            throw new InvalidInputException("a mailbox named '" + settings.name() + "' exists already");
        });
        mailbox.rename(settings.name());
        boolean newPassword = settings.password() != null && !settings.password().isEmpty();
        mailbox.configure(settings, newPassword ? cipher.encrypt(settings.password()) : null);
        audit.record("mailbox.updated", "email_mailbox", id, settings.name() + (newPassword ? " (new password)" : ""));
        return mailbox;
    }

    @Transactional
    public Mailbox setEnabled(UUID id, boolean enabled) {
        Mailbox mailbox = editable(id);
        mailbox.setEnabled(enabled);
        audit.record(enabled ? "mailbox.enabled" : "mailbox.disabled", "email_mailbox", id, mailbox.getName());
        return mailbox;
    }

    /**
     * Logs in to IMAP (opening the folder) and to SMTP with these settings; the password of a stored
     * mailbox is used when {@code settings} brings none. Returns a success line, or throws
     * {@link ConnectionFailed} with the server's own error message.
     */
    public String testConnection(UUID existingId, MailboxSettings settings) throws ConnectionFailed {
        settings.validate();
        String password = settings.password();
        if ((password == null || password.isEmpty()) && existingId != null) {
            password = mailboxes.findById(existingId).map(sessions::password).orElse(null);
        }
        if (password == null || password.isEmpty()) {
            throw new InvalidInputException("password is required");
        }
        int count;
        try (Store store = sessions.connectImap(settings.imapHost(), settings.imapPort(), settings.imapTls(),
                settings.username(), password)) {
            Folder folder = store.getFolder(settings.folder());
            if (!folder.exists()) {
                throw new ConnectionFailed("IMAP: folder '" + settings.folder() + "' does not exist");
            }
            folder.open(Folder.READ_ONLY);
            count = folder.getMessageCount();
            folder.close(false);
        } catch (MessagingException e) {
            throw new ConnectionFailed("IMAP: " + message(e));
        }
        try {
            sessions.checkSmtp(settings.smtpHost(), settings.smtpPort(), settings.smtpTls(), settings.username(),
                    password);
        } catch (MessagingException e) {
            throw new ConnectionFailed("SMTP: " + message(e));
        }
        return "IMAP and SMTP logins work; " + count + " message(s) in " + settings.folder();
    }

    static String message(Throwable e) {
        StringBuilder text = new StringBuilder(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        Throwable cause = e.getCause();
        if (cause != null && cause.getMessage() != null && !text.toString().contains(cause.getMessage())) {
            text.append(" (").append(cause.getMessage()).append(')');
        }
        return text.toString().strip();
    }

    @Transactional(readOnly = true)
    public List<QuarantinedMail> quarantine(int limit) {
        return quarantine.findAllByOrderByReceivedAtDesc(Limit.of(limit));
    }

    /** Imports a quarantined mail again; on success it leaves the quarantine, else its reason is updated. */
    public String retryQuarantined(UUID id) {
        QuarantinedMail mail = quarantine.findById(id).orElseThrow(() -> new NotFoundException("quarantined mail " + id));
        byte[] raw = loadRaw(id);
        try {
            MailImporter.Outcome outcome = importer.importOrFail(mail.getMailbox(), mail.getUid(), raw);
            quarantine.deleteById(id);
            audit.record("mail.quarantine.retried", "email_quarantine", id, outcome.name());
            return outcome.name();
        } catch (MailImporter.Rejected e) {
            updateReason(id, e.getMessage());
            throw new InvalidInputException("still cannot import it: " + e.getMessage());
        }
    }

    @Transactional
    public void discardQuarantined(UUID id) {
        QuarantinedMail mail = quarantine.findById(id).orElseThrow(() -> new NotFoundException("quarantined mail " + id));
        quarantine.delete(mail);
        audit.record("mail.quarantine.discarded", "email_quarantine", id, mail.getMailbox() + " " + mail.getSender());
    }

    @Transactional(readOnly = true)
    byte[] loadRaw(UUID id) {
        return quarantine.findById(id).map(QuarantinedMail::getRawMime).orElseThrow();
    }

    @Transactional
    void updateReason(UUID id, String reason) {
        quarantine.findById(id).ifPresent(q -> q.failedAgain(reason));
    }

    /** Mirrors the mailboxes declared in properties into the table (new ones added, changed ones updated). */
    @EventListener(ApplicationReadyEvent.class)
    @Order(0)
    @Transactional
    public void syncDeclared() {
        for (EmailProperties.DeclaredMailbox declared : properties.mailboxes()) {
            MailboxSettings settings;
            try {
                settings = new MailboxSettings(declared.name(), declared.imapHost(), declared.imapPort(),
                        declared.imapTls(), declared.username(), declared.password(), declared.folder(),
                        declared.smtpHost(), declared.smtpPort(), declared.smtpTls(), declared.fromAddress(),
                        (int) Math.max(1, declared.pollInterval().toSeconds())).validate();
                if (settings.password() == null) {
                    throw new InvalidInputException("password is required");
                }
            } catch (InvalidInputException e) {
                log.error("parley.channels.email.mailboxes entry '{}' is ignored: {}", declared.name(), e.getMessage());
                continue;
            }
            Optional<Mailbox> existing = mailboxes.findByName(settings.name());
            if (existing.isPresent() && !existing.get().isDeclared()) {
                log.error("declared mailbox '{}' is ignored: a mailbox of that name was added in the UI", settings.name());
                continue;
            }
            Mailbox mailbox = existing.orElseGet(() -> new Mailbox(settings.name(), true));
            mailbox.configure(settings, cipher.encrypt(settings.password()));
            mailbox.setEnabled(true);
            if (existing.isEmpty()) {
                mailboxes.save(mailbox);
            }
        }
    }

    private Mailbox editable(UUID id) {
        Mailbox mailbox = mailboxes.findById(id).orElseThrow(() -> new NotFoundException("mailbox " + id));
        if (mailbox.isDeclared()) {
            throw new InvalidInputException("mailbox '" + mailbox.getName()
                    + "' is declared in the configuration (parley.channels.email.mailboxes) and read-only here");
        }
        return mailbox;
    }

    /** A connection test failed; the message carries the server's own words. */
    public static class ConnectionFailed extends Exception {
        public ConnectionFailed(String message) {
            super(message);
        }
    }
}
