package org.parley.routing;

import java.time.Instant;
import java.util.Map;
import org.parley.conversation.ConversationView;

/**
 * What rules look at: the conversation, its latest customer message, the customer.
 *
 * @param senderIdentity the customer's identity on the conversation's channel (e.g. the email address)
 * @param firstMessage the triggering message started the conversation
 * @param csatScore the satisfaction score that triggered a CSAT_RATED rule, else null
 */
public record RoutingFacts(ConversationView conversation, String subject, String body, String senderIdentity,
        Map<String, String> customerAttributes, boolean firstMessage, Instant now, Integer csatScore) {

    public RoutingFacts(ConversationView conversation, String subject, String body, String senderIdentity,
            Map<String, String> customerAttributes, boolean firstMessage, Instant now) {
        this(conversation, subject, body, senderIdentity, customerAttributes, firstMessage, now, null);
    }

    /** These facts with the score of a satisfaction survey's answer (for CSAT_RATED rules). */
    public RoutingFacts withCsatScore(int score) {
        return new RoutingFacts(conversation, subject, body, senderIdentity, customerAttributes, firstMessage, now,
                score);
    }
}
