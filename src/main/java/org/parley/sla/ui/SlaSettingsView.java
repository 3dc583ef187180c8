package org.parley.sla.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.details.Details;
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
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Collectors;
import org.parley.base.InvalidInputException;
import org.parley.base.ui.Notifications;
import org.parley.sla.CalendarSpec;
import org.parley.sla.PolicySpec;
import org.parley.sla.SlaAdministration;
import org.parley.sla.SlaAdministration.CalendarView;
import org.parley.sla.SlaAdministration.PolicyView;
import org.parley.team.CurrentAgent;
import org.parley.team.Role;

/**
 * Business-hours calendars and SLA policies. Admins edit them in forms: weekly hours with any number of
 * periods per day, holidays one date per line, targets per priority as durations. The text forms stay
 * beside them for import and export (weekly hours {@code MONDAY 09:00-17:00}, targets
 * {@code URGENT 30 60 480} in minutes, {@code -} for none): whichever was edited last is saved. Team leads
 * and supervisors see everything read-only.
 */
@Route("admin/sla")
@Menu(title = "SLA policies", order = 75, icon = "vaadin:timer")
@PageTitle("SLA policies · Parley")
@RolesAllowed({"ADMIN", "LEAD", "SUPERVISOR"})
@StyleSheet("styles/setup-forms.css")
public class SlaSettingsView extends Div {

    private final transient SlaAdministration admin;
    private final boolean mayEdit;
    final Grid<CalendarView> calendars = new Grid<>();
    final Grid<PolicyView> policies = new Grid<>();
    /** The dialog open last (for tests). */
    Dialog dialog;
    WeekHoursForm weekForm;
    TargetsForm targetsForm;

    public SlaSettingsView(SlaAdministration admin, CurrentAgent currentAgent) {
        this.admin = admin;
        this.mayEdit = currentAgent.require().hasRole(Role.ADMIN);
        setSizeFull();
        addClassName("sla-settings");
        calendars.setId("calendar-list");
        calendars.addColumn(CalendarView::name).setHeader("Calendar").setKey("name").setFlexGrow(1);
        calendars.addColumn(CalendarView::timeZone).setHeader("Time zone").setKey("zone").setAutoWidth(true)
                .setFlexGrow(0);
        calendars.addColumn(c -> c.alwaysOpen() ? "always open" : SlaText.weekSummary(c.weeklyHours()))
                .setHeader("Hours").setKey("hours").setFlexGrow(3);
        calendars.addColumn(c -> c.holidays().isEmpty() ? "none" : c.holidays().size() + "").setHeader("Holidays")
                .setKey("holidays").setAutoWidth(true).setFlexGrow(0);
        calendars.addComponentColumn(c -> actions(() -> editCalendar(c), () -> {
            admin.deleteCalendar(c.id());
            refresh();
        })).setKey("actions").setAutoWidth(true).setFlexGrow(0);
        calendars.setAllRowsVisible(true);
        policies.setId("policy-list");
        policies.addColumn(PolicyView::name).setHeader("Policy").setKey("name").setFlexGrow(1);
        policies.addColumn(p -> admin.calendars().stream().filter(c -> c.id().equals(p.calendarId()))
                .map(CalendarView::name).findFirst().orElse("?")).setHeader("Calendar").setKey("calendar").setFlexGrow(1);
        policies.addColumn(p -> p.targets().stream().map(t -> SlaText.priority(t.priority()))
                .collect(Collectors.joining(", "))).setHeader("Priorities").setKey("priorities").setFlexGrow(1);
        policies.addColumn(p -> p.targets().stream().map(t -> SlaText.priority(t.priority()) + " "
                + SlaText.duration(t.firstResponseMinutes())).collect(Collectors.joining(" · ")))
                .setHeader("First response").setKey("first").setFlexGrow(2);
        policies.addColumn(p -> p.warnAtPercent() + " % / " + p.secondLevelPercent() + " %").setHeader("Warn / 2nd level")
                .setKey("levels").setAutoWidth(true).setFlexGrow(0);
        policies.addComponentColumn(p -> actions(() -> editPolicy(p), () -> {
            admin.deletePolicy(p.id());
            refresh();
        })).setKey("actions").setAutoWidth(true).setFlexGrow(0);
        policies.setAllRowsVisible(true);
        Button newCalendar = new Button("New calendar", e -> editCalendar(null));
        newCalendar.setId("new-calendar-button");
        Button newPolicy = new Button("New policy", e -> editPolicy(null));
        newPolicy.setId("new-policy-button");
        newPolicy.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        newCalendar.setVisible(mayEdit);
        newPolicy.setVisible(mayEdit);
        add(new H2("SLA policies"));
        if (!mayEdit) {
            Paragraph readOnly = new Paragraph("You see the calendars and policies read-only: admins change them.");
            readOnly.setId("sla-read-only");
            readOnly.addClassName("muted");
            add(readOnly);
        }
        add(section(new H3("Business-hours calendars"), newCalendar), calendars,
                section(new H3("Policies"), newPolicy), policies);
        refresh();
    }

    private static Div section(H3 title, Button create) {
        Div head = new Div(title, create);
        head.addClassName("section-head");
        return head;
    }

    private Component actions(Runnable edit, Runnable delete) {
        Button open = new Button(mayEdit ? "Edit" : "View", e -> edit.run());
        open.addThemeVariants(ButtonVariant.LUMO_SMALL);
        if (!mayEdit) {
            return open;
        }
        Button remove = new Button("Delete", e -> {
            try {
                delete.run();
            } catch (InvalidInputException ex) {
                Notifications.error(ex.getMessage());
            }
        });
        remove.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
        return new Div(open, remove);
    }

    void refresh() {
        calendars.setItems(admin.calendars());
        policies.setItems(admin.policies());
    }

    void editCalendar(CalendarView existing) {
        Dialog d = new Dialog();
        dialog = d;
        d.setHeaderTitle(existing == null ? "New calendar" : mayEdit ? "Edit calendar" : "Calendar");
        d.setWidth("min(760px, 96vw)");
        TextField name = new TextField("Name");
        name.setId("calendar-name");
        ComboBox<String> zone = new ComboBox<>("Time zone");
        List<String> zones = ZoneId.getAvailableZoneIds().stream().filter(z -> z.contains("/") && !z.startsWith("Etc/")
                && !z.startsWith("SystemV/")).sorted().toList();
        zone.setItems(zones);
        zone.setAllowCustomValue(true);
        zone.addCustomValueSetListener(e -> zone.setValue(e.getDetail().strip()));
        zone.setValue("Europe/Berlin");
        zone.setId("calendar-zone");
        Checkbox always = new Checkbox("Always open (24/7)");
        always.setId("calendar-always");
        WeekHoursForm week = new WeekHoursForm();
        weekForm = week;
        TextArea hours = new TextArea("Weekly hours as text (one period per line: MONDAY 09:00-17:00)");
        hours.setId("calendar-hours");
        hours.setWidthFull();
        TextArea holidays = new TextArea("Holidays (one date per line: 2026-12-25)");
        holidays.setId("calendar-holidays");
        holidays.setWidthFull();
        Paragraph error = new Paragraph();
        error.setId("calendar-error");
        error.addClassName("error-text");
        if (existing != null) {
            name.setValue(existing.name());
            zone.setValue(existing.timeZone());
            always.setValue(existing.alwaysOpen());
            week.setValue(existing.weeklyHours());
            hours.setValue(SlaText.hoursText(existing.weeklyHours()));
            holidays.setValue(String.join("\n", existing.holidays()));
        } else {
            week.setValue(SlaText.hours("MONDAY 09:00-17:00\nTUESDAY 09:00-17:00\nWEDNESDAY 09:00-17:00\n"
                    + "THURSDAY 09:00-17:00\nFRIDAY 09:00-17:00"));
            hours.setValue(SlaText.hoursText(week.value()));
        }
        // form and text stay in step; whichever was edited last is what Save stores
        boolean[] textIsSource = {false};
        boolean[] syncing = {false};
        week.addChangeListener(() -> {
            textIsSource[0] = false;
            syncing[0] = true;
            hours.setValue(SlaText.hoursText(week.value()));
            syncing[0] = false;
        });
        hours.addValueChangeListener(e -> {
            if (syncing[0]) {
                return;
            }
            textIsSource[0] = true;
            try {
                List<CalendarSpec.Hours> parsed = SlaText.hours(e.getValue());
                if (!parsed.isEmpty()) {
                    new CalendarSpec("check", "UTC", false, parsed, List.of()).normalized();
                }
                week.setValue(parsed);
                hours.setInvalid(false);
            } catch (InvalidInputException | IllegalArgumentException ex) {
                hours.setInvalid(true);
                hours.setErrorMessage(ex.getMessage());
            }
        });
        always.addValueChangeListener(e -> week.setVisible(!e.getValue()));
        week.setVisible(!always.getValue());
        Details asText = new Details("Edit as text (import / export)", hours);
        asText.setId("calendar-text");
        asText.addClassName("as-text");
        Button save = new Button("Save", e -> {
            try {
                CalendarSpec spec = new CalendarSpec(name.getValue(), zone.getValue(), always.getValue(),
                        textIsSource[0] ? SlaText.hours(hours.getValue()) : week.value(),
                        holidays.getValue().lines().map(String::strip).filter(l -> !l.isEmpty()).toList());
                if (existing == null) {
                    admin.createCalendar(spec);
                } else {
                    admin.updateCalendar(existing.id(), spec);
                }
                d.close();
                refresh();
                Notifications.success("Calendar " + spec.name().strip() + " saved");
            } catch (InvalidInputException ex) {
                error.setText(ex.getMessage());
            }
        });
        save.setId("save-calendar");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Div top = new Div(name, zone, always);
        top.addClassName("form-row");
        H3 weekTitle = new H3("Weekly hours");
        weekTitle.addClassName("form-subtitle");
        d.add(top, weekTitle, week, asText, holidays, error);
        if (!mayEdit) {
            name.setReadOnly(true);
            zone.setReadOnly(true);
            always.setReadOnly(true);
            week.setReadOnly(true);
            hours.setReadOnly(true);
            holidays.setReadOnly(true);
            d.getFooter().add(new Button("Close", e -> d.close()));
        } else {
            d.getFooter().add(new Button("Cancel", e -> d.close()), save);
        }
        d.open();
    }

    void editPolicy(PolicyView existing) {
        Dialog d = new Dialog();
        dialog = d;
        d.setHeaderTitle(existing == null ? "New policy" : mayEdit ? "Edit policy" : "Policy");
        d.setWidth("min(760px, 96vw)");
        TextField name = new TextField("Name");
        name.setId("policy-name");
        ComboBox<CalendarView> calendar = new ComboBox<>("Business-hours calendar", admin.calendars());
        calendar.setId("policy-calendar");
        calendar.setItemLabelGenerator(CalendarView::name);
        IntegerField warn = new IntegerField("Warn at");
        warn.setSuffixComponent(new com.vaadin.flow.component.html.Span("%"));
        warn.setValue(PolicySpec.DEFAULT_WARN_PERCENT);
        warn.setId("policy-warn");
        IntegerField second = new IntegerField("Second level at");
        second.setSuffixComponent(new com.vaadin.flow.component.html.Span("%"));
        second.setValue(PolicySpec.DEFAULT_SECOND_LEVEL_PERCENT);
        second.setId("policy-second");
        TargetsForm form = new TargetsForm();
        targetsForm = form;
        TextArea targets = new TextArea("Targets as text (one per line: PRIORITY first next resolution minutes, - for none)");
        targets.setId("policy-targets");
        targets.setWidthFull();
        targets.setPlaceholder("URGENT 30 60 480\nHIGH 60 120 960");
        Paragraph error = new Paragraph();
        error.setId("policy-error");
        error.addClassName("error-text");
        if (existing != null) {
            name.setValue(existing.name());
            admin.calendars().stream().filter(c -> c.id().equals(existing.calendarId())).findFirst()
                    .ifPresent(calendar::setValue);
            warn.setValue(existing.warnAtPercent());
            second.setValue(existing.secondLevelPercent());
            form.setValue(existing.targets());
            targets.setValue(SlaText.targetsText(existing.targets()));
        }
        boolean[] textIsSource = {false};
        boolean[] syncing = {false};
        form.addChangeListener(() -> {
            textIsSource[0] = false;
            try {
                String text = SlaText.targetsText(form.value());
                syncing[0] = true;
                targets.setValue(text);
            } catch (InvalidInputException unreadable) {
                // the field shows what is wrong; the text follows once it reads
            } finally {
                syncing[0] = false;
            }
        });
        targets.addValueChangeListener(e -> {
            if (syncing[0]) {
                return;
            }
            textIsSource[0] = true;
            try {
                List<PolicySpec.Target> parsed = SlaText.targets(e.getValue());
                parsed.forEach(t -> org.parley.conversation.Priority.valueOf(t.priority().strip()
                        .toUpperCase(java.util.Locale.ROOT)));
                form.setValue(parsed);
                targets.setInvalid(false);
            } catch (InvalidInputException | IllegalArgumentException ex) {
                targets.setInvalid(true);
                targets.setErrorMessage(ex.getMessage());
            }
        });
        Details asText = new Details("Edit as text (import / export)", targets);
        asText.setId("policy-text");
        asText.addClassName("as-text");
        Paragraph explain = new Paragraph("Business time of the calendar: 30m, 4h, 1h 30m, 2d. Leave a target blank"
                + " to not watch it, a whole line blank for no clock at that priority.");
        explain.addClassName("muted");
        Button save = new Button("Save", e -> {
            try {
                PolicySpec spec = new PolicySpec(name.getValue(),
                        calendar.getValue() == null ? null : calendar.getValue().id(),
                        textIsSource[0] ? SlaText.targets(targets.getValue()) : form.value(), warn.getValue(),
                        second.getValue());
                if (existing == null) {
                    admin.createPolicy(spec);
                } else {
                    admin.updatePolicy(existing.id(), spec);
                }
                d.close();
                refresh();
                Notifications.success("Policy " + spec.name().strip() + " saved");
            } catch (InvalidInputException ex) {
                error.setText(ex.getMessage());
            }
        });
        save.setId("save-policy");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Div top = new Div(name, calendar, warn, second);
        top.addClassName("form-row");
        H3 targetsTitle = new H3("Targets");
        targetsTitle.addClassName("form-subtitle");
        d.add(top, targetsTitle, explain, form, asText, error);
        if (!mayEdit) {
            name.setReadOnly(true);
            calendar.setReadOnly(true);
            warn.setReadOnly(true);
            second.setReadOnly(true);
            form.setReadOnly(true);
            targets.setReadOnly(true);
            explain.setVisible(false);
            d.getFooter().add(new Button("Close", e -> d.close()));
        } else {
            d.getFooter().add(new Button("Cancel", e -> d.close()), save);
        }
        d.open();
    }
}
