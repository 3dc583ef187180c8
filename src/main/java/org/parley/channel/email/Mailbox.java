package org.parley.channel.email;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import org.hibernate.annotations.DynamicUpdate;
import org.parley.base.AbstractEntity;

/**
 * A connected mailbox: IMAP to fetch, SMTP to send, the password encrypted ({@code SecretCipher}).
 * The poller's position (UIDVALIDITY and the last imported UID), status and lease are updated with
 * targeted statements; {@code @DynamicUpdate} keeps an admin's edit from writing them back stale.
 */
@Entity
@Table(name = "email_mailbox")
@DynamicUpdate
public class Mailbox extends AbstractEntity {

    @Column(name = "name", nullable = false, length = 100)
    private String name;
    @Column(name = "declared", nullable = false)
    private boolean declared;
    @Column(name = "enabled", nullable = false)
    private boolean enabled = true;
    @Column(name = "imap_host", nullable = false, length = 255)
    private String imapHost;
    @Column(name = "imap_port", nullable = false)
    private int imapPort;
    @Column(name = "imap_tls", nullable = false)
    private boolean imapTls;
    @Column(name = "username", nullable = false, length = 320)
    private String username;
    @Column(name = "password_secret", length = 2000)
    private String passwordSecret;
    @Column(name = "folder", nullable = false, length = 200)
    private String folder;
    @Column(name = "smtp_host", nullable = false, length = 255)
    private String smtpHost;
    @Column(name = "smtp_port", nullable = false)
    private int smtpPort;
    @Column(name = "smtp_tls", nullable = false)
    private boolean smtpTls;
    @Column(name = "from_address", nullable = false, length = 320)
    private String fromAddress;
    @Column(name = "poll_interval_seconds", nullable = false)
    private int pollIntervalSeconds;
    @Column(name = "uid_validity")
    private Long uidValidity;
    @Column(name = "last_uid", nullable = false)
    private long lastUid;
    @Column(name = "last_poll_at")
    private Instant lastPollAt;
    @Column(name = "last_error", length = 1000)
    private String lastError;
    @Column(name = "count_day")
    private LocalDate countDay;
    @Column(name = "count_today", nullable = false)
    private int countToday;
    @Column(name = "lease_owner", length = 100)
    private String leaseOwner;
    @Column(name = "lease_until")
    private Instant leaseUntil;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt = Instant.now();

    protected Mailbox() {
    }

    Mailbox(String name, boolean declared) {
        this.name = name;
        this.declared = declared;
    }

    void configure(MailboxSettings s, String encryptedPassword) {
        this.imapHost = s.imapHost();
        this.imapPort = s.imapPort();
        this.imapTls = s.imapTls();
        this.username = s.username();
        if (encryptedPassword != null) {
            this.passwordSecret = encryptedPassword;
        }
        this.folder = s.folder();
        this.smtpHost = s.smtpHost();
        this.smtpPort = s.smtpPort();
        this.smtpTls = s.smtpTls();
        this.fromAddress = s.fromAddress();
        this.pollIntervalSeconds = s.pollIntervalSeconds();
    }

    void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    void rename(String name) {
        this.name = name;
    }

    /** The settings without the password (which is never shown back). */
    public MailboxSettings settings() {
        return new MailboxSettings(name, imapHost, imapPort, imapTls, username, null, folder, smtpHost, smtpPort,
                smtpTls, fromAddress, pollIntervalSeconds);
    }

    public String getName() {
        return name;
    }

    public boolean isDeclared() {
        return declared;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public String getImapHost() {
        return imapHost;
    }

    public int getImapPort() {
        return imapPort;
    }

    public boolean isImapTls() {
        return imapTls;
    }

    public String getUsername() {
        return username;
    }

    String getPasswordSecret() {
        return passwordSecret;
    }

    public boolean hasPassword() {
        return passwordSecret != null;
    }

    public String getFolder() {
        return folder;
    }

    public String getSmtpHost() {
        return smtpHost;
    }

    public int getSmtpPort() {
        return smtpPort;
    }

    public boolean isSmtpTls() {
        return smtpTls;
    }

    public String getFromAddress() {
        return fromAddress;
    }

    public int getPollIntervalSeconds() {
        return pollIntervalSeconds;
    }

    public Long getUidValidity() {
        return uidValidity;
    }

    public long getLastUid() {
        return lastUid;
    }

    public Instant getLastPollAt() {
        return lastPollAt;
    }

    public String getLastError() {
        return lastError;
    }

    /** Messages imported today (UTC). */
    public int messagesToday(LocalDate today) {
        return today.equals(countDay) ? countToday : 0;
    }
}
