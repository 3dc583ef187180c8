package org.parley.conversation.ui;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.List;

/** The times the snooze menu offers, in the desk's time zone: in 1 h, tomorrow 9:00, next Monday 9:00. */
final class SnoozePresets {

    static final LocalTime MORNING = LocalTime.of(9, 0);

    /** One preset: its button id, its label and the time it wakes. */
    record Preset(String id, String label, Instant until) {
    }

    private SnoozePresets() {
    }

    static List<Preset> of(Instant now, ZoneId zone) {
        ZonedDateTime here = now.atZone(zone);
        ZonedDateTime tomorrow = here.toLocalDate().plusDays(1).atTime(MORNING).atZone(zone);
        ZonedDateTime monday = here.toLocalDate().with(TemporalAdjusters.next(DayOfWeek.MONDAY)).atTime(MORNING)
                .atZone(zone);
        return List.of(new Preset("snooze-1h", "1 hour", now.plus(Duration.ofHours(1))),
                new Preset("snooze-tomorrow", "Tomorrow 9:00", tomorrow.toInstant()),
                new Preset("snooze-monday", "Next Monday 9:00", monday.toInstant()));
    }
}
