package org.parley.conversation.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.server.VaadinService;
import org.parley.base.InvalidInputException;
import org.parley.base.ui.Notifications;
import org.parley.conversation.DeliveryStatus;
import org.parley.conversation.MessageView;
import org.parley.conversation.OutboundQueue;

/**
 * Beside a reply's delivery status in the timeline: why its last attempt failed, and for a FAILED
 * reply a "Retry" button that puts it back into the outbox (not when {@code afterRetry} is null: read-only).
 */
final class DeliveryDetails extends Span {

    private DeliveryDetails(MessageView m, Runnable afterRetry) {
        addClassName("delivery-details");
        if (m.deliveryError() != null && m.deliveryStatus() != DeliveryStatus.SENT) {
            Span reason = new Span(m.deliveryStatus() == DeliveryStatus.FAILED ? m.deliveryError()
                    : "attempt " + m.deliveryAttempts() + " failed: " + m.deliveryError());
            reason.addClassName("delivery-error");
            add(reason);
        }
        if (m.deliveryStatus() == DeliveryStatus.FAILED && afterRetry != null) {
            Button retry = new Button("Retry", VaadinIcon.REFRESH.create());
            retry.addClassName("delivery-retry");
            retry.getElement().setAttribute("data-message", m.id().toString());
            retry.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
            retry.addClickListener(e -> {
                try {
                    VaadinService.getCurrent().getInstantiator().getOrCreate(OutboundQueue.class).retry(m.id());
                    afterRetry.run();
                } catch (InvalidInputException refused) {
                    Notifications.error(refused.getMessage());
                }
            });
            add(retry);
        }
    }

    static DeliveryDetails of(MessageView m, Runnable afterRetry) {
        return new DeliveryDetails(m, afterRetry);
    }
}
