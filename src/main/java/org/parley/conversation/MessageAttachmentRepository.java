package org.parley.conversation;

import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface MessageAttachmentRepository extends JpaRepository<MessageAttachment, UUID>, MessageAttachmentListQueries {
}
