package org.parley.realtime.internal;

import org.parley.customer.CustomerErased;
import org.parley.realtime.NotificationCenter;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** An erased customer's conversations take the text of their notifications with them (same transaction). */
@Component
class NotificationErasure {

    private final NotificationCenter center;

    NotificationErasure(NotificationCenter center) {
        this.center = center;
    }

    @EventListener
    void on(CustomerErased erased) {
        center.eraseAboutCustomer(org.parley.conversation.ConversationAccess.Viewer.SYSTEM, erased.customerId());
    }
}
