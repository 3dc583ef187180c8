package org.parley.csat;

import java.time.Duration;
import java.util.Set;
import org.parley.base.Channel;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The satisfaction surveys' settings ({@code parley.csat.*}).
 *
 * @param enabled whether resolved conversations get a survey and this node sends due surveys
 * @param delay how long after the resolution the survey is sent
 * @param channels the channels whose conversations get a survey (PHONE never does: there is nothing to send)
 * @param secret the key of the links' HMAC-SHA256 signatures; unset, one is generated once and kept in the database
 * @param repeatWindow a conversation resolved again within this time after its last survey gets no second one
 * @param pollInterval how often due surveys are looked for
 */
@ConfigurationProperties("parley.csat")
public record CsatProperties(@DefaultValue("true") boolean enabled, @DefaultValue("1h") Duration delay,
        @DefaultValue({"EMAIL", "X", "FACEBOOK", "INSTAGRAM", "WHATSAPP"}) Set<Channel> channels, String secret,
        @DefaultValue("7d") Duration repeatWindow, @DefaultValue("1m") Duration pollInterval) {
}
