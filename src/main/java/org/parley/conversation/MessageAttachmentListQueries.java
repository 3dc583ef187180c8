package org.parley.conversation;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** {@link MessageAttachmentRepository}'s query for a list of messages, through {@link org.parley.base.persistence.ListQuery}. */
interface MessageAttachmentListQueries {

    /** Attachments of the given messages, without their bytes. */
    List<MessageAttachments.AttachmentView> findViews(Collection<UUID> messageIds);
}
