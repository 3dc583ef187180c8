package org.parley.channel.outbox;

import org.parley.base.Channel;

/**
 * Delivers outbound messages on one channel (email over SMTP, X, Facebook, Instagram, ...). The outbox
 * dispatcher picks the sender whose {@link #supports} answers true and calls {@link #send} at most once
 * per attempt; it retries on {@link DeliveryException#isTransient() transient} failures.
 */
public interface ChannelSender {

    boolean supports(Channel channel);

    /**
     * Sends one message. Implementations pass {@link OutboundDelivery#idempotencyKey()} to the provider
     * where it accepts one, so a retry after an unknown outcome cannot send twice.
     *
     * @return the provider's id of the sent message
     * @throws DeliveryException when the provider refused or could not be reached
     */
    DeliveryReceipt send(OutboundDelivery delivery) throws DeliveryException;
}
