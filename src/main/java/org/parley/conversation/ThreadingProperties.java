package org.parley.conversation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param window how long after its last activity an open conversation still takes a new message
 *        of the same customer on the same channel that carries no thread hint
 */
@ConfigurationProperties(prefix = "parley.threading")
public record ThreadingProperties(Duration window) {

    public ThreadingProperties {
        window = window == null ? Duration.ofHours(72) : window;
    }
}
