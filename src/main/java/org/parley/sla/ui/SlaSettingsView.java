package org.parley.sla.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.parley.base.InvalidInputException;
import org.parley.base.ui.Notifications;
import org.parley.sla.CalendarSpec;
import org.parley.sla.PolicySpec;
import org.parley.sla.SlaAdministration;
import org.parley.sla.SlaAdministration.CalendarView;
import org.parley.sla.SlaAdministration.PolicyView;
import org.parley.sla.SlaClocks;

/**
 * Business-hours calendars and SLA policies for admins. Weekly hours one window per line
 * ({@code MONDAY 09:00-17:00}), holidays one date per line, targets one priority per line
 * ({@code URGENT 30 60 480}: first response, next response, resolution minutes; {@code -} for none).
 */
@Route("admin/sla")
@Menu(title = "SLA policies", order = 75, icon = "vaadin:timer")
@PageTitle("SLA policies · Parley")
@RolesAllowed("ADMIN")
public class SlaSettingsView extends Div {

    private final transient SlaAdministration admin;
    private final transient SlaClocks clocks;
    final Grid<CalendarView> calendars = new Grid<>();
    final Grid<PolicyView> policies = new Grid<>();

    public SlaSettingsView(SlaAdministration admin, SlaClocks clocks) {
        this.admin = admin;
        this.clocks = clocks;
        setSizeFull();
        calendars.setId("calendar-list");
        calendars.addColumn(CalendarView::name).setHeader("Calendar").setKey("name");
        calendars.addColumn(CalendarView::timeZone).setHeader("Time zone").setKey("zone");
        calendars.addColumn(c -> c.alwaysOpen() ? "always open" : c.weeklyHours().size() + " windows, "
                + c.holidays().size() + " holidays").setHeader("Hours").setKey("hours");
        calendars.addComponentColumn(c -> new Div(new Button("Edit", e -> editCalendar(c)), new Button("Delete", e -> {
            try {
                admin.deleteCalendar(c.id());
                refresh();
            } catch (InvalidInputException ex) {
                Notifications.error(ex.getMessage());
            }
        }))).setKey("actions");
        calendars.setHeight("260px");
        policies.setId("policy-list");
        policies.addColumn(PolicyView::name).setHeader("Policy").setKey("name");
        policies.addColumn(p -> admin.calendars().stream().filter(c -> c.id().equals(p.calendarId()))
                .map(CalendarView::name).findFirst().orElse("?")).setHeader("Calendar").setKey("calendar");
        policies.addColumn(p -> p.targets().stream().map(t -> t.priority()).collect(Collectors.joining(", ")))
                .setHeader("Priorities").setKey("priorities");
        policies.addColumn(p -> p.warnAtPercent() + " % / " + p.secondLevelPercent() + " %").setHeader("Warn / 2nd level")
                .setKey("levels");
        policies.addComponentColumn(p -> new Div(new Button("Edit", e -> editPolicy(p)), new Button("Delete", e -> {
            try {
                admin.deletePolicy(p.id(), clocks.policyInUse(p.id()));
                refresh();
            } catch (InvalidInputException ex) {
                Notifications.error(ex.getMessage());
            }
        }))).setKey("actions");
        policies.setHeight("260px");
        Button newCalendar = new Button("New calendar", e -> editCalendar(null));
        newCalendar.setId("new-calendar-button");
        Button newPolicy = new Button("New policy", e -> editPolicy(null));
        newPolicy.setId("new-policy-button");
        newPolicy.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add(new H2("SLA policies"), new H3("Business-hours calendars"), newCalendar, calendars, new H3("Policies"),
                newPolicy, policies);
        refresh();
    }

    void refresh() {
        calendars.setItems(admin.calendars());
        policies.setItems(admin.policies());
    }

    void editCalendar(CalendarView existing) {
        Dialog d = new Dialog();
        d.setHeaderTitle(existing == null ? "New calendar" : "Edit calendar");
        TextField name = new TextField("Name");
        name.setId("calendar-name");
        TextField zone = new TextField("Time zone", "Europe/Berlin", "");
        zone.setId("calendar-zone");
        Checkbox always = new Checkbox("Always open");
        TextArea hours = new TextArea("Weekly hours (one per line: MONDAY 09:00-17:00)");
        hours.setId("calendar-hours");
        hours.setWidthFull();
        TextArea holidays = new TextArea("Holidays (one date per line: 2026-12-25)");
        holidays.setId("calendar-holidays");
        holidays.setWidthFull();
        Paragraph error = new Paragraph();
        error.setId("calendar-error");
        if (existing != null) {
            name.setValue(existing.name());
            zone.setValue(existing.timeZone());
            always.setValue(existing.alwaysOpen());
            hours.setValue(existing.weeklyHours().stream().map(h -> h.day() + " " + h.from() + "-" + h.to())
                    .collect(Collectors.joining("\n")));
            holidays.setValue(String.join("\n", existing.holidays()));
        }
        Button save = new Button("Save", e -> {
            try {
                List<CalendarSpec.Hours> windows = new ArrayList<>();
                for (String line : hours.getValue().lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
                    String[] parts = line.split("\\s+");
                    String[] range = parts.length == 2 ? parts[1].split("-") : new String[0];
                    if (range.length != 2) {
                        throw new InvalidInputException("weekly hours: write e.g. MONDAY 09:00-17:00 (got '" + line + "')");
                    }
                    windows.add(new CalendarSpec.Hours(parts[0], range[0], range[1]));
                }
                CalendarSpec spec = new CalendarSpec(name.getValue(), zone.getValue(), always.getValue(), windows,
                        holidays.getValue().lines().map(String::strip).filter(l -> !l.isEmpty()).toList());
                if (existing == null) {
                    admin.createCalendar(spec);
                } else {
                    admin.updateCalendar(existing.id(), spec);
                }
                d.close();
                refresh();
            } catch (InvalidInputException ex) {
                error.setText(ex.getMessage());
            }
        });
        save.setId("save-calendar");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        d.add(new Div(name, zone, always), hours, holidays, error);
        d.getFooter().add(new Button("Cancel", e -> d.close()), save);
        d.open();
    }

    void editPolicy(PolicyView existing) {
        Dialog d = new Dialog();
        d.setHeaderTitle(existing == null ? "New policy" : "Edit policy");
        TextField name = new TextField("Name");
        name.setId("policy-name");
        ComboBox<CalendarView> calendar = new ComboBox<>("Calendar", admin.calendars());
        calendar.setId("policy-calendar");
        calendar.setItemLabelGenerator(CalendarView::name);
        IntegerField warn = new IntegerField("Warn at %");
        warn.setValue(PolicySpec.DEFAULT_WARN_PERCENT);
        IntegerField second = new IntegerField("Second level at %");
        second.setValue(PolicySpec.DEFAULT_SECOND_LEVEL_PERCENT);
        TextArea targets = new TextArea("Targets (one per line: PRIORITY first next resolution minutes, - for none)");
        targets.setId("policy-targets");
        targets.setWidthFull();
        targets.setPlaceholder("URGENT 30 60 480\nHIGH 60 120 960");
        Paragraph error = new Paragraph();
        error.setId("policy-error");
        if (existing != null) {
            name.setValue(existing.name());
            admin.calendars().stream().filter(c -> c.id().equals(existing.calendarId())).findFirst()
                    .ifPresent(calendar::setValue);
            warn.setValue(existing.warnAtPercent());
            second.setValue(existing.secondLevelPercent());
            targets.setValue(existing.targets().stream().map(t -> t.priority() + " " + dash(t.firstResponseMinutes())
                    + " " + dash(t.nextResponseMinutes()) + " " + dash(t.resolutionMinutes()))
                    .collect(Collectors.joining("\n")));
        }
        Button save = new Button("Save", e -> {
            try {
                List<PolicySpec.Target> list = new ArrayList<>();
                for (String line : targets.getValue().lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
                    String[] p = line.split("\\s+");
                    if (p.length != 4) {
                        throw new InvalidInputException("targets: write e.g. URGENT 30 60 480 (got '" + line + "')");
                    }
                    list.add(new PolicySpec.Target(p[0], minutes(p[1]), minutes(p[2]), minutes(p[3])));
                }
                PolicySpec spec = new PolicySpec(name.getValue(),
                        calendar.getValue() == null ? null : calendar.getValue().id(), list, warn.getValue(),
                        second.getValue());
                if (existing == null) {
                    admin.createPolicy(spec);
                } else {
                    admin.updatePolicy(existing.id(), spec);
                }
                d.close();
                refresh();
            } catch (InvalidInputException ex) {
                error.setText(ex.getMessage());
            }
        });
        save.setId("save-policy");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        d.add(new Div(name, calendar, warn, second), targets, error);
        d.getFooter().add(new Button("Cancel", e -> d.close()), save);
        d.open();
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
}
