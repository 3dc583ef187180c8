package org.parley.base;

import java.time.Duration;

/**
 * Parley is saturated and refuses new work at once instead of letting it wait: the HTTP edge answers
 * {@code 503 Service Unavailable} with {@code Retry-After}. Nothing of the refused request was stored.
 */
public class ServiceBusyException extends RuntimeException {

    private final Duration retryAfter;

    public ServiceBusyException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
