package org.parley.conversation;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;
import java.util.UUID;

/**
 * A message as the REST API shows it: its fields and the files that came with it (no bytes: download each
 * with {@code GET /api/v1/attachments/{id}}).
 */
public record MessageWithAttachments(@JsonUnwrapped MessageView message, List<Attachment> attachments) {

    /** One file of a message. */
    public record Attachment(UUID id, String fileName, String contentType, long size, boolean inline) {

        static Attachment of(MessageAttachments.AttachmentView a) {
            return new Attachment(a.id(), a.fileName(), a.contentType(), a.size(), a.inline());
        }
    }
}
