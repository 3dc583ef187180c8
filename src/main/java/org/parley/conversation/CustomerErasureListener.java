package org.parley.conversation;

import org.parley.customer.CustomerErased;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Erases what a customer wrote and what was written to them, inside the erasure transaction: message
 * bodies and subjects become "[erased]", attachments are deleted; the rows stay so response-time statistics still add up.
 */
@Component
class CustomerErasureListener {

    private final MessageRedactions redactions;

    CustomerErasureListener(MessageRedactions redactions) {
        this.redactions = redactions;
    }

    @EventListener
    void on(CustomerErased erased) {
        redactions.deleteAttachmentsOfCustomer(erased.customerId());
        redactions.redactMessagesOfCustomer(erased.customerId());
        redactions.redactConversationsOfCustomer(erased.customerId());
    }
}
