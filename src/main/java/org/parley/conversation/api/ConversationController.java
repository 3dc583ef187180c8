package org.parley.conversation.api;

import java.util.List;
import java.util.UUID;
import org.parley.conversation.ConversationService;
import org.parley.conversation.ConversationView;
import org.parley.conversation.MessageView;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Conversations and customer timelines over HTTP. */
@RestController
class ConversationController {

    private final ConversationService conversations;

    ConversationController(ConversationService conversations) {
        this.conversations = conversations;
    }

    @GetMapping("/api/v1/conversations/{id}")
    ConversationJson get(@PathVariable UUID id) {
        return new ConversationJson(conversations.get(id), conversations.messages(id));
    }

    /** Every message of every conversation of the customer, across channels, oldest first. */
    @GetMapping("/api/v1/customers/{customerId}/timeline")
    List<MessageView> timeline(@PathVariable UUID customerId) {
        return conversations.timeline(conversations.survivingCustomer(customerId));
    }

    record ConversationJson(UUID id, UUID customerId, String channel, String subject, String status, String priority,
            UUID teamId, UUID assigneeId, List<String> tags, java.time.Instant createdAt,
            java.time.Instant lastCustomerMessageAt, java.time.Instant firstResponseAt, java.time.Instant resolvedAt,
            Long version, List<MessageView> messages) {

        ConversationJson(ConversationView c, List<MessageView> messages) {
            this(c.id(), c.customerId(), c.channel().name(), c.subject(), c.status().name(), c.priority().name(),
                    c.teamId(), c.assigneeId(), c.tags(), c.createdAt(), c.lastCustomerMessageAt(),
                    c.firstResponseAt(), c.resolvedAt(), c.version(), messages);
        }
    }
}
