package org.parley.channel.outbox;

/** A send that did not succeed: transient failures (timeouts, 5xx, 429) are retried, permanent ones are not. */
public class DeliveryException extends Exception {

    private final boolean transientFailure;

    private DeliveryException(String message, boolean transientFailure, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    public static DeliveryException transientFailure(String reason, Throwable cause) {
        return new DeliveryException(reason, true, cause);
    }

    public static DeliveryException permanentFailure(String reason, Throwable cause) {
        return new DeliveryException(reason, false, cause);
    }

    public boolean isTransient() {
        return transientFailure;
    }
}
