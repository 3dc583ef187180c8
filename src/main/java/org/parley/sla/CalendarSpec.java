package org.parley.sla;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.parley.base.InvalidInputException;

/**
 * A business-hours calendar as the editor and the REST API show it:
 * {@code {"name", "timeZone": "Europe/Berlin", "alwaysOpen": false, "weeklyHours": [{"day": "MONDAY",
 * "from": "09:00", "to": "17:00"}], "holidays": ["2026-12-25"]}}. {@code "to": "24:00"} means midnight.
 */
public record CalendarSpec(String name, String timeZone, Boolean alwaysOpen, List<Hours> weeklyHours,
        List<String> holidays) {

    public record Hours(String day, String from, String to) {
    }

    /** Validates the spec and builds the business-time maths for it; refuses bad input with the reason. */
    public BusinessHours toBusinessHours() {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("calendar name is required");
        }
        if (name.strip().length() > 100) {
            throw new InvalidInputException("calendar name must be at most 100 characters");
        }
        if (timeZone == null || timeZone.isBlank()) {
            throw new InvalidInputException("timeZone is required, e.g. Europe/Berlin");
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(timeZone.strip());
        } catch (DateTimeException e) {
            throw new InvalidInputException("unknown timeZone '" + timeZone + "'");
        }
        boolean open = Boolean.TRUE.equals(alwaysOpen);
        Map<DayOfWeek, List<BusinessHours.Window>> week = new EnumMap<>(DayOfWeek.class);
        for (Hours h : weeklyHours == null ? List.<Hours>of() : weeklyHours) {
            if (h == null || h.day() == null) {
                throw new InvalidInputException("weeklyHours: every entry needs a day (MONDAY..SUNDAY)");
            }
            DayOfWeek day;
            try {
                day = DayOfWeek.valueOf(h.day().strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("weeklyHours: unknown day '" + h.day() + "' (MONDAY..SUNDAY)");
            }
            LocalTime from = time(h.from(), "from", day, false);
            LocalTime to = time(h.to(), "to", day, true);
            if (to != null && !to.isAfter(from)) {
                throw new InvalidInputException("weeklyHours: on " + day + " 'to' must be after 'from'");
            }
            week.computeIfAbsent(day, d -> new ArrayList<>()).add(new BusinessHours.Window(from, to));
        }
        for (Map.Entry<DayOfWeek, List<BusinessHours.Window>> e : week.entrySet()) {
            List<BusinessHours.Window> windows = e.getValue();
            windows.sort(Comparator.comparing(BusinessHours.Window::from));
            for (int i = 1; i < windows.size(); i++) {
                LocalTime previousEnd = windows.get(i - 1).to();
                if (previousEnd == null || windows.get(i).from().isBefore(previousEnd)) {
                    throw new InvalidInputException("weeklyHours: hours on " + e.getKey() + " overlap");
                }
            }
        }
        if (!open && week.isEmpty()) {
            throw new InvalidInputException("a calendar that is not alwaysOpen needs weeklyHours");
        }
        TreeSet<LocalDate> days = new TreeSet<>();
        for (String text : holidays == null ? List.<String>of() : holidays) {
            try {
                days.add(LocalDate.parse(text == null ? "" : text.strip()));
            } catch (DateTimeParseException e) {
                throw new InvalidInputException("holidays: '" + text + "' is not a date (YYYY-MM-DD)");
            }
        }
        return new BusinessHours(zone, open, week, days);
    }

    /** The canonical form that is stored and shown: trimmed, days upper-case, holidays sorted. */
    public CalendarSpec normalized() {
        toBusinessHours();
        List<Hours> hours = weeklyHours == null ? List.of() : weeklyHours.stream()
                .map(h -> new Hours(h.day().strip().toUpperCase(Locale.ROOT), h.from().strip(), h.to().strip()))
                .sorted(Comparator.comparing((Hours h) -> DayOfWeek.valueOf(h.day())).thenComparing(Hours::from))
                .toList();
        List<String> dates = holidays == null ? List.of() : holidays.stream().map(String::strip).distinct().sorted()
                .toList();
        return new CalendarSpec(name.strip(), timeZone.strip(), Boolean.TRUE.equals(alwaysOpen), hours, dates);
    }

    private static LocalTime time(String text, String what, DayOfWeek day, boolean end) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("weeklyHours: '" + what + "' on " + day + " is required (HH:mm)");
        }
        if (end && text.strip().equals("24:00")) {
            return null;
        }
        try {
            return LocalTime.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("weeklyHours: '" + text + "' on " + day + " is not a time (HH:mm)");
        }
    }
}
