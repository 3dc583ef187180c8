package org.parley.base.ui;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;

/** Short human times for lists and timelines: "now", "5 min", "3 h", "3 d". */
public final class Ages {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM,
            FormatStyle.SHORT).withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM)
            .withZone(ZoneId.systemDefault());

    private Ages() {
    }

    public static String age(Instant at) {
        return age(at, Instant.now());
    }

    static String age(Instant at, Instant now) {
        if (at == null) {
            return "";
        }
        Duration d = Duration.between(at, now);
        if (d.isNegative() || d.toMinutes() < 1) {
            return "now";
        }
        if (d.toHours() < 1) {
            return d.toMinutes() + " min";
        }
        if (d.toDays() < 1) {
            return d.toHours() + " h";
        }
        if (d.toDays() < 365) {
            return d.toDays() + " d";
        }
        return d.toDays() / 365 + " y";
    }

    public static String dateTime(Instant at) {
        return at == null ? "" : DATE_TIME.format(at);
    }

    public static String date(Instant at) {
        return at == null ? "" : DATE.format(at);
    }
}
