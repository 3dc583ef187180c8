package org.parley.channel.phone;

import org.parley.conversation.ConversationsPurging;
import org.parley.customer.CustomerErased;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Call records follow their customer and conversations: an erased customer's numbers, transcripts and
 * recording links are removed and call ids hashed, and purged conversations take their calls with them (in the same
 * transaction as the erasure or purge).
 */
@Component
class PhoneCallErasure {

    private final PhoneCallRedactions statements;

    PhoneCallErasure(PhoneCallRedactions statements) {
        this.statements = statements;
    }

    @EventListener
    void on(CustomerErased erased) {
        statements.eraseCustomer(erased.customerId());
        // the provider's call id leads to its records of the call: hashed like message external ids
        for (Object[] call : statements.callIdsOf(erased.customerId())) {
            statements.replaceCallId((java.util.UUID) call[0], org.parley.base.ErasedIds.hash((String) call[1]));
        }
    }

    @EventListener
    void on(ConversationsPurging purging) {
        statements.deleteOf(purging.conversationIds());
    }
}
