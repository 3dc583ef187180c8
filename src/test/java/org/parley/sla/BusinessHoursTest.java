package org.parley.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.base.InvalidInputException;

class BusinessHoursTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    static List<CalendarSpec.Hours> weekdays(String from, String to) {
        return List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY").stream()
                .map(d -> new CalendarSpec.Hours(d, from, to)).toList();
    }

    static BusinessHours berlinOffice(String... holidays) {
        return new CalendarSpec("Office", "Europe/Berlin", false, weekdays("09:00", "17:00"), List.of(holidays))
                .toBusinessHours();
    }

    static Instant berlin(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(BERLIN).toInstant();
    }

    @Test
    void addingBusinessTimeSkipsNightsAndWeekends() {
        BusinessHours hours = berlinOffice();
        // Friday 16:00 + 2 h: one hour on Friday, one on Monday
        assertThat(hours.plus(berlin("2026-11-20T16:00"), Duration.ofMinutes(120))).isEqualTo(berlin("2026-11-23T10:00"));
        // Saturday: the clock starts on Monday morning
        assertThat(hours.plus(berlin("2026-11-21T11:00"), Duration.ofMinutes(30))).isEqualTo(berlin("2026-11-23T09:30"));
        // before opening on a weekday
        assertThat(hours.plus(berlin("2026-11-24T06:00"), Duration.ofMinutes(60))).isEqualTo(berlin("2026-11-24T10:00"));
        // exactly the rest of the day ends at closing time, not on the next morning
        assertThat(hours.plus(berlin("2026-11-24T16:00"), Duration.ofMinutes(60))).isEqualTo(berlin("2026-11-24T17:00"));
        // a whole business week
        assertThat(hours.plus(berlin("2026-11-23T09:00"), Duration.ofHours(40))).isEqualTo(berlin("2026-11-27T17:00"));
    }

    @Test
    void businessTimeBetweenTwoInstantsCountsOpenHoursOnly() {
        BusinessHours hours = berlinOffice();
        assertThat(hours.between(berlin("2026-11-20T16:00"), berlin("2026-11-23T10:00"))).isEqualTo(Duration.ofHours(2));
        assertThat(hours.between(berlin("2026-11-21T00:00"), berlin("2026-11-22T23:59"))).isZero();
        assertThat(hours.between(berlin("2026-11-23T10:00"), berlin("2026-11-20T16:00"))).isZero();
        assertThat(hours.between(berlin("2026-11-23T08:00"), berlin("2026-11-30T08:00"))).isEqualTo(Duration.ofHours(40));
    }

    @Test
    void holidaysAreClosedAllDay() {
        BusinessHours hours = berlinOffice("2026-12-25", "2026-12-24");
        // Wednesday 23 Dec 16:30 + 1 h: 30 min left that day, 24th and 25th are holidays, weekend, Monday 28th
        assertThat(hours.plus(berlin("2026-12-23T16:30"), Duration.ofMinutes(60))).isEqualTo(berlin("2026-12-28T09:30"));
        assertThat(hours.isOpen(berlin("2026-12-24T10:00"))).isFalse();
        assertThat(hours.isOpen(berlin("2026-12-23T10:00"))).isTrue();
        assertThat(hours.between(berlin("2026-12-23T00:00"), berlin("2026-12-29T00:00"))).isEqualTo(Duration.ofHours(16));
    }

    @Test
    void hoursAreWallClockTimesOfTheCalendarsZone() {
        BusinessHours newYork = new CalendarSpec("NY", "America/New_York", false, weekdays("09:00", "17:00"), List.of())
                .toBusinessHours();
        Instant mondayNoonUtc = Instant.parse("2026-11-23T12:00:00Z"); // 07:00 in New York: closed
        assertThat(newYork.isOpen(mondayNoonUtc)).isFalse();
        assertThat(berlinOffice().isOpen(mondayNoonUtc)).isTrue();
        // New York opens at 14:00 UTC (EST, UTC-5)
        assertThat(newYork.plus(mondayNoonUtc, Duration.ofMinutes(15))).isEqualTo(Instant.parse("2026-11-23T14:15:00Z"));
    }

    @Test
    void daylightSavingChangesKeepWallClockHours() {
        BusinessHours hours = berlinOffice();
        // Friday 27 March 2026 16:00 CET + 2 h: Monday 30 March 10:00 CEST, after clocks went forward on Sunday
        Instant result = hours.plus(berlin("2026-03-27T16:00"), Duration.ofMinutes(120));
        assertThat(result).isEqualTo(Instant.parse("2026-03-30T08:00:00Z"));
        // autumn: Friday 23 October 16:00 CEST + 2 h: Monday 26 October 10:00 CET
        assertThat(hours.plus(berlin("2026-10-23T16:00"), Duration.ofMinutes(120)))
                .isEqualTo(Instant.parse("2026-10-26T09:00:00Z"));

        // a desk open around the clock every day has a 23-hour Sunday in March and a 25-hour one in October
        List<CalendarSpec.Hours> allDay = List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY",
                "SUNDAY").stream().map(d -> new CalendarSpec.Hours(d, "00:00", "24:00")).toList();
        BusinessHours daily = new CalendarSpec("Daily", "Europe/Berlin", false, allDay, List.of()).toBusinessHours();
        assertThat(daily.between(berlin("2026-03-29T00:00"), berlin("2026-03-30T00:00"))).isEqualTo(Duration.ofHours(23));
        assertThat(daily.between(berlin("2026-10-25T00:00"), berlin("2026-10-26T00:00"))).isEqualTo(Duration.ofHours(25));
        assertThat(daily.plus(berlin("2026-03-29T00:00"), Duration.ofHours(24))).isEqualTo(berlin("2026-03-30T01:00"));
    }

    @Test
    void alwaysOpenIsPlainClockTime() {
        BusinessHours always = new CalendarSpec("24/7", "UTC", true, List.of(), List.of()).toBusinessHours();
        Instant start = Instant.parse("2026-11-21T23:00:00Z");
        assertThat(always.plus(start, Duration.ofMinutes(90))).isEqualTo(Instant.parse("2026-11-22T00:30:00Z"));
        assertThat(always.between(start, start.plusSeconds(3600))).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void invalidCalendarsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> new CalendarSpec("X", "Mars/Olympus", false, weekdays("09:00", "17:00"), List.of())
                .toBusinessHours()).isInstanceOf(InvalidInputException.class).hasMessageContaining("timeZone");
        assertThatThrownBy(() -> new CalendarSpec("X", "UTC", false,
                List.of(new CalendarSpec.Hours("FUNDAY", "09:00", "17:00")), List.of()).toBusinessHours())
                .hasMessageContaining("unknown day 'FUNDAY'");
        assertThatThrownBy(() -> new CalendarSpec("X", "UTC", false,
                List.of(new CalendarSpec.Hours("MONDAY", "17:00", "09:00")), List.of()).toBusinessHours())
                .hasMessageContaining("'to' must be after 'from'");
        assertThatThrownBy(() -> new CalendarSpec("X", "UTC", false, List.of(new CalendarSpec.Hours("MONDAY", "09:00",
                "13:00"), new CalendarSpec.Hours("MONDAY", "12:00", "17:00")), List.of()).toBusinessHours())
                .hasMessageContaining("overlap");
        assertThatThrownBy(() -> new CalendarSpec("X", "UTC", false, weekdays("09:00", "17:00"), List.of("25.12.2026"))
                .toBusinessHours()).hasMessageContaining("not a date");
        assertThatThrownBy(() -> new CalendarSpec("X", "UTC", false, List.of(), List.of()).toBusinessHours())
                .hasMessageContaining("needs weeklyHours");
        assertThatThrownBy(() -> new CalendarSpec(" ", "UTC", true, List.of(), List.of()).toBusinessHours())
                .hasMessageContaining("name is required");
    }
}
