package org.parley.channel.email;

import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import java.time.Instant;
import org.parley.base.AbstractEntity;

/** A mail Parley could not import, kept whole with the reason until an admin retries or discards it. */
@Entity
@Table(name = "email_quarantine")
public class QuarantinedMail extends AbstractEntity {

    /** Maps to LONGBLOB on MySQL/MariaDB (Hibernate picks the blob size from the length), BLOB on H2. */
    static final int LONGBLOB = 1_000_000_000;

    @Column(name = "mailbox", nullable = false, length = 100)
    private String mailbox;
    @Column(name = "uid")
    private Long uid;
    @Column(name = "sender", length = 320)
    private String sender;
    @Column(name = "subject", length = 300)
    private String subject;
    @Column(name = "reason", nullable = false, length = 1000)
    private String reason;
    @Column(name = "size_bytes", nullable = false)
    private int sizeBytes;
    @Lob
    @Basic(fetch = FetchType.LAZY)
    @Column(name = "raw_mime", nullable = false, length = LONGBLOB)
    private byte[] rawMime;
    @Column(name = "received_at", nullable = false)
    private Instant receivedAt = Instant.now();

    protected QuarantinedMail() {
    }

    QuarantinedMail(String mailbox, Long uid, String sender, String subject, String reason, byte[] raw) {
        this.mailbox = mailbox;
        this.uid = uid;
        this.sender = cut(sender, 320);
        this.subject = cut(subject, 300);
        this.reason = cut(reason, 1000);
        this.sizeBytes = raw.length;
        this.rawMime = raw;
    }

    void failedAgain(String reason) {
        this.reason = cut(reason, 1000);
    }

    static String cut(String s, int max) {
        if (s == null) {
            return null;
        }
        String flat = s.replaceAll("[\\r\\n]+", " ").strip();
        return flat.length() > max ? flat.substring(0, max - 1) + "…" : flat;
    }

    byte[] getRawMime() {
        return rawMime;
    }

    public String getMailbox() {
        return mailbox;
    }

    public Long getUid() {
        return uid;
    }

    public String getSender() {
        return sender;
    }

    public String getSubject() {
        return subject;
    }

    public String getReason() {
        return reason;
    }

    public int getSizeBytes() {
        return sizeBytes;
    }

    public Instant getReceivedAt() {
        return receivedAt;
    }
}
