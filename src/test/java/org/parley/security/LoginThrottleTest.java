package org.parley.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private Instant now = Instant.parse("2026-11-23T10:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final LoginThrottle throttle = new LoginThrottle(3, 5, Duration.ofMinutes(15), clock);

    @Test
    void anAccountIsPausedAfterTooManyFailuresUntilTheOldestAgesOut() {
        throttle.failed("Jane", "10.0.0.1");
        now = now.plusSeconds(60);
        throttle.failed("jane", "10.0.0.2");
        assertThat(throttle.retryAfter("jane", "10.0.0.3")).isZero();
        throttle.failed("jane", "10.0.0.3");

        assertThat(throttle.retryAfter("JANE", "10.0.0.9")).isEqualTo(Duration.ofMinutes(14));
        assertThat(throttle.retryAfter("someone-else", "10.0.0.9")).isZero();

        now = now.plus(Duration.ofMinutes(14));
        assertThat(throttle.retryAfter("jane", "10.0.0.9")).isZero();
    }

    @Test
    void anAddressIsPausedAfterTooManyFailuresAcrossAccounts() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("user" + i, "192.0.2.7");
        }
        assertThat(throttle.retryAfter("fresh-user", "192.0.2.7")).isPositive();
        assertThat(throttle.retryAfter("fresh-user", "192.0.2.8")).isZero();
    }

    @Test
    void aSuccessfulSignInClearsTheAccountsCount() {
        throttle.failed("kim", "10.0.0.1");
        throttle.failed("kim", "10.0.0.1");
        throttle.succeeded("kim");
        throttle.failed("kim", "10.0.0.1");
        throttle.failed("kim", "10.0.0.1");
        assertThat(throttle.retryAfter("kim", null)).isZero();
    }
}
