package org.parley.routing;

import java.time.Instant;
import java.util.Map;
import org.parley.conversation.ConversationView;

/**
 * What rules look at: the conversation, its latest customer message, the customer.
 *
 * @param senderIdentity the customer's identity on the conversation's channel (e.g. the email address)
 * @param firstMessage the triggering message started the conversation
 */
public record RoutingFacts(ConversationView conversation, String subject, String body, String senderIdentity,
        Map<String, String> customerAttributes, boolean firstMessage, Instant now) {
}
