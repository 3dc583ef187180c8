package org.parley.conversation;

import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import java.util.UUID;
import org.parley.base.AbstractEntity;

/** A file that came with a message (an email attachment or inline image); its bytes live in the database. */
@Entity
@Table(name = "message_attachment")
class MessageAttachment extends AbstractEntity {

    /** Maps to LONGBLOB on MySQL/MariaDB (Hibernate picks the blob size from the length), BLOB on H2. */
    static final int LONGBLOB = 1_000_000_000;

    @Column(name = "message_id", nullable = false)
    private UUID messageId;

    @Column(name = "file_name", nullable = false, length = 255)
    private String fileName;

    @Column(name = "content_type", nullable = false, length = 255)
    private String contentType;

    @Column(name = "content_id", length = 255)
    private String contentId;

    @Column(name = "inline_part", nullable = false)
    private boolean inlinePart;

    @Column(name = "size_bytes", nullable = false)
    private long sizeBytes;

    @Lob
    @Basic(fetch = FetchType.LAZY)
    @Column(name = "content", nullable = false, length = LONGBLOB)
    private byte[] content;

    protected MessageAttachment() {
    }

    MessageAttachment(UUID messageId, MessageAttachments.NewAttachment a) {
        this.messageId = messageId;
        this.fileName = a.fileName();
        this.contentType = a.contentType();
        this.contentId = a.contentId();
        this.inlinePart = a.inline();
        this.sizeBytes = a.content().length;
        this.content = a.content();
    }

    UUID getMessageId() {
        return messageId;
    }

    byte[] getContent() {
        return content;
    }

    MessageAttachments.AttachmentView view() {
        return new MessageAttachments.AttachmentView(getId(), messageId, fileName, contentType, contentId, inlinePart,
                sizeBytes);
    }
}
