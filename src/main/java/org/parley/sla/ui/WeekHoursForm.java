package org.parley.sla.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.parley.sla.CalendarSpec;

/**
 * Weekly business hours as a form: a line per weekday with any number of periods (from – to, in steps of
 * 15 minutes or typed as HH:mm; "24:00" ends at midnight), "Add period" and a button that copies Monday's
 * periods to Tuesday–Friday. Ids: {@code hours-<day>-add}, {@code hours-<day>-<n>-from|to|remove}.
 */
class WeekHoursForm extends Div {

    private static final List<String> STARTS = times(false);
    private static final List<String> ENDS = times(true);

    /** One period of one day. */
    final class Period extends Div {
        final ComboBox<String> from = timeField(STARTS, "From");
        final ComboBox<String> to = timeField(ENDS, "To");
        final Button remove = new Button(VaadinIcon.CLOSE_SMALL.create());

        Period(DayOfWeek day, String fromValue, String toValue) {
            addClassName("hours-period");
            from.setValue(fromValue);
            to.setValue(toValue);
            remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_ICON);
            remove.setAriaLabel("Remove period");
            remove.setTooltipText("Remove this period");
            remove.addClickListener(e -> {
                periods.get(day).remove(this);
                render(day);
                changed();
            });
            from.addValueChangeListener(e -> changed());
            to.addValueChangeListener(e -> changed());
            add(from, new Span("–"), to, remove);
        }
    }

    private final Map<DayOfWeek, List<Period>> periods = new EnumMap<>(DayOfWeek.class);
    private final Map<DayOfWeek, Div> dayLines = new EnumMap<>(DayOfWeek.class);
    private final Map<DayOfWeek, Button> addButtons = new EnumMap<>(DayOfWeek.class);
    private final Button copyMonday = new Button("Copy Monday to Tue–Fri");
    private final List<Runnable> listeners = new ArrayList<>();
    private boolean quiet;
    private boolean readOnly;

    WeekHoursForm() {
        addClassName("week-hours");
        setId("calendar-week");
        for (DayOfWeek day : DayOfWeek.values()) {
            periods.put(day, new ArrayList<>());
            Div line = new Div();
            line.addClassName("week-hours-day");
            dayLines.put(day, line);
            Button add = new Button("Add period", VaadinIcon.PLUS.create(), e -> {
                List<Period> list = periods.get(day);
                String start = list.isEmpty() ? "09:00" : list.getLast().to.getValue();
                String startValue = start == null || start.equals("24:00") ? "09:00" : start;
                list.add(new Period(day, startValue, plusHours(startValue, list.isEmpty() ? 8 : 1)));
                render(day);
                changed();
            });
            add.setId("hours-" + key(day) + "-add");
            add.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
            addButtons.put(day, add);
            add(line);
            render(day);
        }
        copyMonday.setId("hours-copy-monday");
        copyMonday.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        copyMonday.addClickListener(e -> {
            List<CalendarSpec.Hours> monday = value().stream().filter(h -> h.day().equals("MONDAY")).toList();
            for (DayOfWeek day : List.of(DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
                periods.get(day).clear();
                monday.forEach(h -> periods.get(day).add(new Period(day, h.from(), h.to())));
                render(day);
            }
            changed();
        });
        add(copyMonday);
    }

    /** The periods as the calendar spec has them, in week order (incomplete periods are left out). */
    List<CalendarSpec.Hours> value() {
        List<CalendarSpec.Hours> hours = new ArrayList<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            for (Period p : periods.get(day)) {
                if (p.from.getValue() != null && p.to.getValue() != null) {
                    hours.add(new CalendarSpec.Hours(day.name(), p.from.getValue(), p.to.getValue()));
                }
            }
        }
        return hours;
    }

    /** Shows these periods (days the spec leaves out are closed); tells no listener. */
    void setValue(List<CalendarSpec.Hours> hours) {
        quiet = true;
        try {
            periods.values().forEach(List::clear);
            for (CalendarSpec.Hours h : hours) {
                DayOfWeek day = DayOfWeek.valueOf(h.day().strip().toUpperCase(Locale.ROOT));
                periods.get(day).add(new Period(day, h.from().strip(), h.to().strip()));
            }
            for (DayOfWeek day : DayOfWeek.values()) {
                render(day);
            }
        } finally {
            quiet = false;
        }
    }

    /** Told after every change the user makes. */
    void addChangeListener(Runnable listener) {
        listeners.add(listener);
    }

    void setReadOnly(boolean readOnly) {
        this.readOnly = readOnly;
        copyMonday.setVisible(!readOnly);
        for (DayOfWeek day : DayOfWeek.values()) {
            render(day);
        }
    }

    List<Period> periods(DayOfWeek day) {
        return periods.get(day);
    }

    private void render(DayOfWeek day) {
        Div line = dayLines.get(day);
        line.removeAll();
        Span name = new Span(day.getDisplayName(java.time.format.TextStyle.FULL, Locale.ENGLISH));
        name.addClassName("week-hours-name");
        line.add(name);
        List<Period> list = periods.get(day);
        Div cells = new Div();
        cells.addClassName("week-hours-periods");
        if (list.isEmpty()) {
            Span closed = new Span("Closed");
            closed.addClassName("week-hours-closed");
            cells.add(closed);
        }
        for (int i = 0; i < list.size(); i++) {
            Period p = list.get(i);
            p.from.setId("hours-" + key(day) + "-" + i + "-from");
            p.to.setId("hours-" + key(day) + "-" + i + "-to");
            p.remove.setId("hours-" + key(day) + "-" + i + "-remove");
            p.from.setReadOnly(readOnly);
            p.to.setReadOnly(readOnly);
            p.remove.setVisible(!readOnly);
            cells.add(p);
        }
        Button add = addButtons.get(day);
        add.setVisible(!readOnly);
        cells.add(add);
        line.add(cells);
    }

    private void changed() {
        if (!quiet) {
            listeners.forEach(Runnable::run);
        }
    }

    private static String key(DayOfWeek day) {
        return day.name().toLowerCase(Locale.ROOT);
    }

    private static ComboBox<String> timeField(List<String> items, String label) {
        ComboBox<String> field = new ComboBox<>();
        field.setItems(items);
        field.setAllowCustomValue(true);
        field.setAriaLabel(label);
        field.setPlaceholder("HH:mm");
        field.setWidth("6.5em");
        field.addCustomValueSetListener(e -> {
            String typed = e.getDetail().strip();
            if (typed.matches("\\d:\\d\\d")) {
                typed = "0" + typed;
            }
            if (typed.matches("\\d{1,2}")) {
                typed = String.format("%02d:00", Integer.parseInt(typed));
            }
            if (typed.equals("24:00") || isTime(typed)) {
                field.setValue(typed);
            } else {
                field.setInvalid(true);
                field.setErrorMessage("HH:mm");
            }
        });
        return field;
    }

    private static boolean isTime(String text) {
        try {
            LocalTime.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static String plusHours(String start, int hours) {
        if (!isTime(start)) {
            return "17:00";
        }
        LocalTime t = LocalTime.parse(start);
        LocalTime end = t.plusHours(hours);
        return end.isBefore(t) || end.equals(LocalTime.MIDNIGHT) ? "24:00" : end.toString();
    }

    private static List<String> times(boolean ends) {
        List<String> list = new ArrayList<>();
        for (int minutes = ends ? 15 : 0; minutes <= (ends ? 24 * 60 : 24 * 60 - 15); minutes += 15) {
            list.add(String.format("%02d:%02d", minutes / 60, minutes % 60));
        }
        return list;
    }
}
