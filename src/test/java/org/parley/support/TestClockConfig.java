package org.parley.support;

import java.time.Clock;
import java.time.Instant;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Replaces the application's clock with a {@link MutableClock}. It starts years ahead of the real
 * time so that the SLA sweeps of other test contexts sharing the in-memory database (which run on
 * the real clock) never find these tests' clocks due.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestClockConfig {

    @Bean
    @Primary
    MutableClock mutableClock() {
        return new MutableClock(Instant.parse("2030-11-18T08:00:00Z"));
    }
}
