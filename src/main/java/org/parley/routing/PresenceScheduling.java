package org.parley.routing;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Turns on Spring's scheduling: the idle check of {@link SessionPresence} runs on it. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class PresenceScheduling {
}
