package org.parley.conversation;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.parley.base.InvalidInputException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Files that came with messages: stored with the message, listed by the timeline, downloaded by agents. */
@Service
@Transactional(readOnly = true)
public class MessageAttachments {

    private final MessageAttachmentRepository attachments;
    private final MessageRepository messages;
    private final ConversationService conversations;

    MessageAttachments(MessageAttachmentRepository attachments, MessageRepository messages,
            ConversationService conversations) {
        this.attachments = attachments;
        this.messages = messages;
        this.conversations = conversations;
    }

    /** Stores files of a stored message (call it in the transaction that stored the message). */
    @Transactional
    public List<AttachmentView> store(UUID messageId, List<NewAttachment> files) {
        if (!messages.existsById(messageId)) {
            throw new InvalidInputException("unknown message " + messageId);
        }
        return files.stream().map(f -> attachments.save(new MessageAttachment(messageId, f)).view()).toList();
    }

    /** The attachments of these messages (no bytes), by message id. */
    public Map<UUID, List<AttachmentView>> of(Collection<UUID> messageIds) {
        if (messageIds.isEmpty()) {
            return Map.of();
        }
        return attachments.findViews(messageIds).stream()
                .collect(Collectors.groupingBy(AttachmentView::messageId));
    }

    /** The messages with their attachments listed (one query for all of them), in the same order. */
    public List<MessageWithAttachments> listed(List<MessageView> messages) {
        Map<UUID, List<AttachmentView>> files = of(messages.stream().map(MessageView::id).toList());
        return messages.stream().map(m -> new MessageWithAttachments(m, files.getOrDefault(m.id(), List.of()).stream()
                .map(MessageWithAttachments.Attachment::of).toList())).toList();
    }

    /**
     * One attachment with its bytes, if the viewer may see the conversation of its message; else not found,
     * exactly like an attachment that does not exist.
     */
    public Download download(ConversationAccess.Viewer viewer, UUID attachmentId) {
        MessageAttachment a = attachments.findById(attachmentId)
                .orElseThrow(() -> new org.parley.base.NotFoundException("attachment " + attachmentId));
        Message message = messages.findById(a.getMessageId())
                .orElseThrow(() -> new org.parley.base.NotFoundException("attachment " + attachmentId));
        try {
            conversations.get(viewer, message.getConversationId());
        } catch (org.parley.base.NotFoundException hidden) {
            throw new org.parley.base.NotFoundException("attachment " + attachmentId);
        }
        return new Download(a.view(), a.getContent());
    }

    /** An attachment and its bytes. */
    public record Download(AttachmentView attachment, byte[] content) {
    }

    /** One attachment's bytes. */
    public Optional<byte[]> content(UUID attachmentId) {
        return attachments.findById(attachmentId).map(MessageAttachment::getContent);
    }

    /** A file to store: {@code contentId} is the MIME Content-ID of an inline image (without angle brackets). */
    public record NewAttachment(String fileName, String contentType, String contentId, boolean inline, byte[] content) {

        public NewAttachment {
            fileName = fileName == null || fileName.isBlank() ? "attachment" : truncate(fileName.strip());
            contentType = contentType == null || contentType.isBlank() ? "application/octet-stream"
                    : truncate(contentType.strip());
            contentId = contentId == null || contentId.isBlank() ? null : truncate(contentId.strip());
            content = content == null ? new byte[0] : content;
        }

        private static String truncate(String s) {
            return s.length() > 255 ? s.substring(0, 255) : s;
        }
    }

    public record AttachmentView(UUID id, UUID messageId, String fileName, String contentType, String contentId,
            boolean inline, long size) {

        public boolean isImage() {
            return contentType.toLowerCase(java.util.Locale.ROOT).startsWith("image/");
        }
    }
}
