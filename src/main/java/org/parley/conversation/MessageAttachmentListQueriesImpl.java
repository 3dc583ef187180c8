package org.parley.conversation;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.parley.base.persistence.ListQuery;

class MessageAttachmentListQueriesImpl implements MessageAttachmentListQueries {

    @PersistenceContext
    private EntityManager em;

    @Override
    public List<MessageAttachments.AttachmentView> findViews(Collection<UUID> messageIds) {
        return ListQuery.of(em, MessageAttachments.AttachmentView.class, """
                        select new org.parley.conversation.MessageAttachments$AttachmentView(a.id, a.messageId, a.fileName,
                            a.contentType, a.contentId, a.inlinePart, a.sizeBytes)
                        from MessageAttachment a where a.messageId in (:messageIds) order by a.id""")
                .list("messageIds", messageIds).getResultList();
    }
}
