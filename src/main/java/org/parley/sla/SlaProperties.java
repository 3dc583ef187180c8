package org.parley.sla;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param sweepEnabled run the periodic SLA sweep on this node (Quartz, clustered: one node at a time)
 * @param sweepInterval how often the sweep looks for due escalations
 * @param sweepBatch clocks locked and worked on per transaction
 */
@ConfigurationProperties("parley.sla")
public record SlaProperties(Boolean sweepEnabled, Duration sweepInterval, Integer sweepBatch) {

    public SlaProperties {
        sweepEnabled = sweepEnabled == null || sweepEnabled;
        sweepInterval = sweepInterval == null ? Duration.ofSeconds(1) : sweepInterval;
        sweepBatch = sweepBatch == null ? 200 : sweepBatch;
    }
}
