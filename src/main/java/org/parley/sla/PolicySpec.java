package org.parley.sla;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.parley.base.InvalidInputException;
import org.parley.conversation.Priority;

/**
 * An SLA policy as the editor and the REST API show it: {@code {"name", "calendarId", "targets":
 * [{"priority": "URGENT", "firstResponseMinutes": 30, "nextResponseMinutes": 60, "resolutionMinutes":
 * 480}], "warnAtPercent": 75, "secondLevelPercent": 150}}. Minutes are business minutes of the
 * calendar; a target left out (null) is not watched; a priority without an entry has no clock.
 */
public record PolicySpec(String name, UUID calendarId, List<Target> targets, Integer warnAtPercent,
        Integer secondLevelPercent) {

    public static final int DEFAULT_WARN_PERCENT = 75;
    public static final int DEFAULT_SECOND_LEVEL_PERCENT = 150;

    public record Target(String priority, Integer firstResponseMinutes, Integer nextResponseMinutes,
            Integer resolutionMinutes) {
    }

    /** Minutes per target of one priority (null = not watched). */
    public record Minutes(Integer firstResponse, Integer nextResponse, Integer resolution) {

        public Integer of(SlaTarget target) {
            return switch (target) {
                case FIRST_RESPONSE -> firstResponse;
                case NEXT_RESPONSE -> nextResponse;
                case RESOLUTION -> resolution;
            };
        }
    }

    /** Checks everything but the calendar's existence; returns the canonical form. */
    public PolicySpec normalized() {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("policy name is required");
        }
        if (name.strip().length() > 100) {
            throw new InvalidInputException("policy name must be at most 100 characters");
        }
        if (calendarId == null) {
            throw new InvalidInputException("calendarId is required");
        }
        if (targets == null || targets.isEmpty()) {
            throw new InvalidInputException("targets: give at least one priority's targets");
        }
        int warn = warnAtPercent == null ? DEFAULT_WARN_PERCENT : warnAtPercent;
        int second = secondLevelPercent == null ? DEFAULT_SECOND_LEVEL_PERCENT : secondLevelPercent;
        if (warn < 1 || warn > 99) {
            throw new InvalidInputException("warnAtPercent must be between 1 and 99");
        }
        if (second <= 100 || second > 1000) {
            throw new InvalidInputException("secondLevelPercent must be between 101 and 1000");
        }
        Map<Priority, Target> byPriority = new EnumMap<>(Priority.class);
        for (Target t : targets) {
            if (t == null || t.priority() == null) {
                throw new InvalidInputException("targets: every entry needs a priority (LOW, NORMAL, HIGH, URGENT)");
            }
            Priority p;
            try {
                p = Priority.valueOf(t.priority().strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("targets: unknown priority '" + t.priority()
                        + "' (LOW, NORMAL, HIGH, URGENT)");
            }
            if (byPriority.containsKey(p)) {
                throw new InvalidInputException("targets: priority " + p + " is given twice");
            }
            minutes(t.firstResponseMinutes(), "firstResponseMinutes", p);
            minutes(t.nextResponseMinutes(), "nextResponseMinutes", p);
            minutes(t.resolutionMinutes(), "resolutionMinutes", p);
            if (t.firstResponseMinutes() == null && t.nextResponseMinutes() == null && t.resolutionMinutes() == null) {
                throw new InvalidInputException("targets: priority " + p + " has no target minutes");
            }
            byPriority.put(p, new Target(p.name(), t.firstResponseMinutes(), t.nextResponseMinutes(),
                    t.resolutionMinutes()));
        }
        return new PolicySpec(name.strip(), calendarId, List.copyOf(byPriority.values()), warn, second);
    }

    public Map<Priority, Minutes> minutesByPriority() {
        Map<Priority, Minutes> map = new EnumMap<>(Priority.class);
        for (Target t : targets) {
            map.put(Priority.valueOf(t.priority()), new Minutes(t.firstResponseMinutes(), t.nextResponseMinutes(),
                    t.resolutionMinutes()));
        }
        return map;
    }

    private static void minutes(Integer value, String what, Priority p) {
        if (value != null && (value < 1 || value > 525_600)) {
            throw new InvalidInputException("targets: " + what + " of " + p + " must be 1-525600 minutes");
        }
    }
}
