package org.parley.routing;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How presence follows the agents' sessions ({@code parley.presence.*}).
 *
 * @param awayAfter an ONLINE agent with no activity (key, click, navigation) in any of their browser tabs for
 *        this long becomes AWAY, and ONLINE again at their next activity; 0 turns this off
 * @param checkEvery how often idle agents are looked for
 * @param resetOnStart set every agent OFFLINE when the node starts (sessions do not survive a restart)
 */
@ConfigurationProperties("parley.presence")
public record PresenceProperties(@DefaultValue("10m") Duration awayAfter, @DefaultValue("30s") Duration checkEvery,
        @DefaultValue("true") boolean resetOnStart) {
}
