package org.parley.sla.ui;

import java.time.DayOfWeek;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.parley.base.InvalidInputException;
import org.parley.sla.CalendarSpec;
import org.parley.sla.PolicySpec;

/**
 * The text forms of weekly hours and SLA targets, for import and export beside the forms: weekly hours one
 * period per line ({@code MONDAY 09:00-17:00}), targets one priority per line ({@code URGENT 30 60 480}:
 * first response, next response, resolution in minutes, {@code -} for none). Also the friendly words the
 * forms and lists show.
 */
final class SlaText {

    private static final Pattern DURATION_PART = Pattern.compile("(\\d+)\\s*(d|h|m|min)?", Pattern.CASE_INSENSITIVE);

    private SlaText() {
    }

    static List<CalendarSpec.Hours> hours(String text) {
        List<CalendarSpec.Hours> windows = new ArrayList<>();
        for (String line : lines(text)) {
            String[] parts = line.split("\\s+");
            String[] range = parts.length == 2 ? parts[1].split("-") : new String[0];
            if (range.length != 2) {
                throw new InvalidInputException("weekly hours: write e.g. MONDAY 09:00-17:00 (got '" + line + "')");
            }
            windows.add(new CalendarSpec.Hours(parts[0], range[0], range[1]));
        }
        return windows;
    }

    static String hoursText(List<CalendarSpec.Hours> hours) {
        return hours.stream().map(h -> h.day() + " " + h.from() + "-" + h.to()).collect(Collectors.joining("\n"));
    }

    static List<PolicySpec.Target> targets(String text) {
        List<PolicySpec.Target> list = new ArrayList<>();
        for (String line : lines(text)) {
            String[] p = line.split("\\s+");
            if (p.length != 4) {
                throw new InvalidInputException("targets: write e.g. URGENT 30 60 480 (got '" + line + "')");
            }
            list.add(new PolicySpec.Target(p[0], minutes(p[1]), minutes(p[2]), minutes(p[3])));
        }
        return list;
    }

    static String targetsText(List<PolicySpec.Target> targets) {
        return targets.stream().map(t -> t.priority() + " " + dash(t.firstResponseMinutes()) + " "
                + dash(t.nextResponseMinutes()) + " " + dash(t.resolutionMinutes())).collect(Collectors.joining("\n"));
    }

    /** "Mon–Fri 09:00–12:00, 13:00–17:00 · Sat 10:00–14:00": days with the same periods together. */
    static String weekSummary(List<CalendarSpec.Hours> hours) {
        Map<DayOfWeek, String> byDay = new LinkedHashMap<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            String periods = hours.stream().filter(h -> h.day().equalsIgnoreCase(day.name()))
                    .map(h -> h.from() + "–" + h.to()).collect(Collectors.joining(", "));
            byDay.put(day, periods);
        }
        List<String> parts = new ArrayList<>();
        DayOfWeek start = null;
        DayOfWeek previous = null;
        for (DayOfWeek day : DayOfWeek.values()) {
            String periods = byDay.get(day);
            if (start != null && !periods.equals(byDay.get(start))) {
                parts.add(range(start, previous, byDay.get(start)));
                start = null;
            }
            if (start == null && !periods.isEmpty()) {
                start = day;
            }
            previous = day;
        }
        if (start != null) {
            parts.add(range(start, previous, byDay.get(start)));
        }
        return parts.isEmpty() ? "closed every day" : String.join(" · ", parts);
    }

    private static String range(DayOfWeek from, DayOfWeek to, String periods) {
        return (from == to ? day(from) : day(from) + "–" + day(to)) + " " + periods;
    }

    static String day(DayOfWeek day) {
        return day.getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
    }

    static String priority(String name) {
        return name.charAt(0) + name.substring(1).toLowerCase(Locale.ROOT);
    }

    /** Minutes in words: "45 min", "4 h", "1 h 30 min", "2 d", "–" for none. */
    static String duration(Integer minutes) {
        if (minutes == null) {
            return "–";
        }
        long d = minutes / 1440;
        long h = (minutes % 1440) / 60;
        long m = minutes % 60;
        List<String> parts = new ArrayList<>();
        if (d > 0) {
            parts.add(d + " d");
        }
        if (h > 0) {
            parts.add(h + " h");
        }
        if (m > 0 || parts.isEmpty()) {
            parts.add(m + " min");
        }
        return String.join(" ", parts);
    }

    /**
     * Reads a duration as typed in the targets form: plain minutes ({@code 90}), or {@code 45m}, {@code 4h},
     * {@code 2d}, {@code 1h 30m}; blank is none.
     */
    static Integer parseDuration(String text, String what) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.strip().toLowerCase(Locale.ROOT).replace("min", "m");
        Matcher m = DURATION_PART.matcher(t);
        int at = 0;
        long minutes = 0;
        boolean any = false;
        while (m.find()) {
            if (!t.substring(at, m.start()).isBlank()) {
                break;
            }
            long n = Long.parseLong(m.group(1).length() > 7 ? "9999999" : m.group(1));
            String unit = m.group(2) == null ? "m" : m.group(2);
            minutes += switch (unit) {
                case "d" -> n * 1440;
                case "h" -> n * 60;
                default -> n;
            };
            at = m.end();
            any = true;
        }
        if (!any || !t.substring(at).isBlank()) {
            throw new InvalidInputException(what + ": '" + text.strip() + "' is not a duration (e.g. 30m, 4h, 1h 30m, 2d)");
        }
        return (int) Math.min(minutes, Integer.MAX_VALUE);
    }

    /** A duration as the form shows it: "30m", "4h", "1h 30m", "2d". */
    static String durationInput(Integer minutes) {
        return minutes == null ? "" : duration(minutes).replace(" d", "d").replace(" h", "h").replace(" min", "m");
    }

    private static String dash(Integer minutes) {
        return minutes == null ? "-" : minutes.toString();
    }

    private static Integer minutes(String text) {
        if (text.equals("-")) {
            return null;
        }
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("targets: '" + text + "' is not a number of minutes");
        }
    }

    private static List<String> lines(String text) {
        return text == null ? List.of() : text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }
}
