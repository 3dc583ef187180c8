package org.parley.support;

import org.parley.conversation.ConversationAccess.Viewer;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.parley.base.Channel;
import org.parley.conversation.ConversationService;
import org.parley.conversation.IncomingMessage;
import org.parley.customer.CustomerDirectory;
import org.parley.customer.IdentityKey;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores a customer's email at any time, also in the future (the public ingestion API refuses
 * that): for tests that run on a {@link MutableClock}.
 */
public final class Inbound {

    private Inbound() {
    }

    public static UUID write(PlatformTransactionManager transactions, CustomerDirectory customers,
            ConversationService conversations, String email, String subject, String text, String threadKey,
            Instant at) {
        return new TransactionTemplate(transactions).execute(tx -> {
            UUID customer = customers.resolve(new IdentityKey(Channel.EMAIL, email.toLowerCase()), "Customer " + email,
                    email, at).customerId();
            return conversations.receive(Viewer.SYSTEM, new IncomingMessage(customer, "Customer", Channel.EMAIL,
                    "m-" + UUID.randomUUID(), subject, text, null, null, List.of(), threadKey, at, "support@parley.test"))
                    .conversationId();
        });
    }
}
