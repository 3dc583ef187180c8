package org.parley.sla;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Business-time maths of one calendar: add business time to an instant, and measure the business
 * time between two instants. Opening hours are wall-clock times in the calendar's zone, so a day
 * with a DST change keeps its hours (09:00-17:00 is 8 hours of business time either way, unless
 * the change falls inside the hours); holidays are whole local dates.
 */
public final class BusinessHours {

    /** One opening window of a weekday; {@code to == null} means midnight at the end of the day. */
    public record Window(LocalTime from, LocalTime to) {
    }

    /** Days searched before giving up (a calendar open one hour a year still works). */
    private static final int MAX_DAYS = 366 * 5;

    private final ZoneId zone;
    private final boolean alwaysOpen;
    private final Map<DayOfWeek, List<Window>> week;
    private final Set<LocalDate> holidays;

    BusinessHours(ZoneId zone, boolean alwaysOpen, Map<DayOfWeek, List<Window>> week, Set<LocalDate> holidays) {
        this.zone = zone;
        this.alwaysOpen = alwaysOpen;
        this.week = Map.copyOf(week);
        this.holidays = Set.copyOf(holidays);
    }

    /** Always open, in UTC: plain clock time. */
    public static BusinessHours always() {
        return new BusinessHours(ZoneId.of("UTC"), true, Map.of(), Set.of());
    }

    public ZoneId zone() {
        return zone;
    }

    public boolean isOpen(Instant at) {
        if (alwaysOpen) {
            return true;
        }
        ZonedDateTime local = at.atZone(zone);
        for (Instant[] w : windows(local.toLocalDate())) {
            if (!at.isBefore(w[0]) && at.isBefore(w[1])) {
                return true;
            }
        }
        return false;
    }

    /** The instant at which {@code amount} of business time has passed since {@code start}. */
    public Instant plus(Instant start, Duration amount) {
        if (amount.isNegative() || amount.isZero()) {
            return start;
        }
        if (alwaysOpen) {
            return start.plus(amount);
        }
        Duration remaining = amount;
        LocalDate day = start.atZone(zone).toLocalDate();
        for (int i = 0; i < MAX_DAYS; i++, day = day.plusDays(1)) {
            for (Instant[] w : windows(day)) {
                Instant from = w[0].isBefore(start) ? start : w[0];
                if (!from.isBefore(w[1])) {
                    continue;
                }
                Duration available = Duration.between(from, w[1]);
                if (remaining.compareTo(available) <= 0) {
                    return from.plus(remaining);
                }
                remaining = remaining.minus(available);
            }
        }
        throw new IllegalStateException("the calendar has no business hours in the next " + MAX_DAYS + " days");
    }

    /** Business time between two instants (zero when {@code to} is not after {@code from}). */
    public Duration between(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        if (alwaysOpen) {
            return Duration.between(from, to);
        }
        Duration total = Duration.ZERO;
        LocalDate last = to.atZone(zone).toLocalDate();
        for (LocalDate day = from.atZone(zone).toLocalDate(); !day.isAfter(last); day = day.plusDays(1)) {
            for (Instant[] w : windows(day)) {
                Instant a = w[0].isBefore(from) ? from : w[0];
                Instant b = w[1].isAfter(to) ? to : w[1];
                if (a.isBefore(b)) {
                    total = total.plus(Duration.between(a, b));
                }
            }
        }
        return total;
    }

    private List<Instant[]> windows(LocalDate day) {
        if (alwaysOpen) {
            Instant start = day.atStartOfDay(zone).toInstant();
            return List.<Instant[]>of(new Instant[] {start, day.plusDays(1).atStartOfDay(zone).toInstant()});
        }
        if (holidays.contains(day)) {
            return List.of();
        }
        List<Window> hours = week.get(day.getDayOfWeek());
        if (hours == null) {
            return List.of();
        }
        return hours.stream().map(w -> new Instant[] {
            day.atTime(w.from()).atZone(zone).toInstant(),
            w.to() == null ? day.plusDays(1).atStartOfDay(zone).toInstant() : day.atTime(w.to()).atZone(zone).toInstant()
        }).toList();
    }
}
