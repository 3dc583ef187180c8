package org.parley.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import org.parley.base.InvalidInputException;

/**
 * A report over the days {@code from} to {@code to} (both inclusive) in {@code zone}.
 */
public record ReportRequest(LocalDate from, LocalDate to, ZoneId zone, GroupBy groupBy) {

    /** The longest range a report covers. */
    public static final int MAX_DAYS = 366;

    public ReportRequest {
        if (from == null || to == null) {
            throw new InvalidInputException("a report needs a start and an end date");
        }
        if (to.isBefore(from)) {
            throw new InvalidInputException("the end date " + to + " is before the start date " + from);
        }
        if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
            throw new InvalidInputException("a report covers at most " + MAX_DAYS + " days");
        }
        zone = zone == null ? ZoneId.systemDefault() : zone;
        groupBy = groupBy == null ? GroupBy.DAY : groupBy;
    }

    public Instant start() {
        return from.atStartOfDay(zone).toInstant();
    }

    /** Exclusive: the start of the day after {@code to}. */
    public Instant end() {
        return to.plusDays(1).atStartOfDay(zone).toInstant();
    }
}
