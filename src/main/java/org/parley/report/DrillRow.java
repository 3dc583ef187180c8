package org.parley.report;

import java.time.Instant;
import java.util.UUID;

/** One conversation behind a figure of a report. */
public record DrillRow(UUID conversationId, Instant createdAt, String channel, String priority, String status,
        UUID teamId, UUID assigneeId, Long firstResponseSeconds, Instant resolvedAt, Long resolutionSeconds,
        int reopenCount, int slaBreaches) {
}
