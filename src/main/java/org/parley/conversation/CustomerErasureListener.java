package org.parley.conversation;

import java.util.UUID;
import org.parley.base.ErasedIds;
import org.parley.customer.CustomerErased;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Erases what a customer wrote and what was written to them, inside the erasure transaction: message
 * bodies and subjects become "[erased]", attachments are deleted; the rows stay so response-time statistics
 * still add up. External message ids (a Message-ID can hold an address, a social id is the person's account)
 * and thread keys ({@code dm:<their id>}) are replaced by their SHA-256 ({@link ErasedIds}): the same id
 * always hashes the same way, so reply links between the erased messages still match, but the id itself is
 * gone.
 */
@Component
class CustomerErasureListener {

    private final MessageRedactions redactions;
    private final ConversationRepository conversations;
    private final org.parley.base.events.EventSpine spine;

    CustomerErasureListener(MessageRedactions redactions, ConversationRepository conversations,
            org.parley.base.events.EventSpine spine) {
        this.redactions = redactions;
        this.conversations = conversations;
        this.spine = spine;
    }

    @EventListener
    void on(CustomerErased erased) {
        UUID customerId = erased.customerId();
        // the event log holds note texts, subjects and names of the customer's conversations too
        java.util.List<UUID> about = new java.util.ArrayList<>(conversations
                .findByCustomerIdOrderByLastActivityAtDesc(customerId).stream().map(Conversation::getId).toList());
        about.add(customerId);
        spine.forgetAbout(about);
        redactions.deleteAttachmentsOfCustomer(customerId);
        redactions.redactMessagesOfCustomer(customerId);
        redactions.redactConversationsOfCustomer(customerId);
        redactions.redactMergesOfCustomer(customerId);
        for (Object[] row : redactions.externalIdsOfCustomer(customerId)) {
            redactions.replaceExternalIds((UUID) row[0], hashed((String) row[1]), hashed((String) row[2]));
        }
        for (Object[] row : redactions.threadKeysOfCustomer(customerId)) {
            redactions.replaceThreadKey((UUID) row[0], hashed((String) row[1]));
        }
    }

    private static String hashed(String id) {
        return ErasedIds.hash(id);
    }
}
