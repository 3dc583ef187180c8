package org.parley.conversation;

import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface MessageAttachmentRepository extends JpaRepository<MessageAttachment, UUID> {

    /** Attachments of the given messages, without their bytes. */
    @Query("""
            select new org.parley.conversation.MessageAttachments$AttachmentView(a.id, a.messageId, a.fileName,
                a.contentType, a.contentId, a.inlinePart, a.sizeBytes)
            from MessageAttachment a where a.messageId in :messageIds order by a.id""")
    List<MessageAttachments.AttachmentView> findViews(Collection<UUID> messageIds);
}
