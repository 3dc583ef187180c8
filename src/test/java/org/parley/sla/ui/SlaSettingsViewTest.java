package org.parley.sla.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.parley.sla.SlaAdministration;
import org.parley.ui.UiTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

@WithMockUser(username = UiTest.ADMIN, roles = "ADMIN")
class SlaSettingsViewTest extends UiTest {

    @Autowired
    SlaAdministration admin;

    @Test
    void anAdminCreatesACalendarAndAPolicyAndIsToldWhatIsWrong() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        navigate(SlaSettingsView.class);
        test($(Button.class).id("new-calendar-button")).click();
        test($(TextField.class).id("calendar-name")).setValue("Office " + run);
        test($(TextArea.class).id("calendar-hours")).setValue("MONDAY 09:00-17:00\nTUESDAY 9-5");
        test($(Button.class).id("save-calendar")).click();
        assertThat($(Paragraph.class).id("calendar-error").getText()).contains("'9' on TUESDAY is not a time");
        test($(TextArea.class).id("calendar-hours")).setValue("MONDAY 09:00-17:00\nTUESDAY 09:00-17:00");
        test($(TextArea.class).id("calendar-holidays")).setValue("2026-12-25");
        test($(Button.class).id("save-calendar")).click();
        assertThat(admin.calendars()).anySatisfy(c -> {
            assertThat(c.name()).isEqualTo("Office " + run);
            assertThat(c.weeklyHours()).hasSize(2);
            assertThat(c.holidays()).containsExactly("2026-12-25");
        });

        test($(Button.class).id("new-policy-button")).click();
        test($(TextField.class).id("policy-name")).setValue("Gold " + run);
        @SuppressWarnings("unchecked")
        ComboBox<SlaAdministration.CalendarView> calendar = $(ComboBox.class).id("policy-calendar");
        test(calendar).selectItem("Office " + run);
        test($(TextArea.class).id("policy-targets")).setValue("URGENT 30 60 480\nHIGH 60 - 960");
        test($(Button.class).id("save-policy")).click();
        assertThat(admin.policies()).anySatisfy(p -> {
            assertThat(p.name()).isEqualTo("Gold " + run);
            assertThat(p.targets()).hasSize(2);
            assertThat(p.targets()).anySatisfy(t -> {
                assertThat(t.priority()).isEqualTo("HIGH");
                assertThat(t.nextResponseMinutes()).isNull();
                assertThat(t.resolutionMinutes()).isEqualTo(960);
            });
        });
    }

    @Test
    void aCalendarWithTwoPeriodsADayIsMadeInTheFormAndShownAsText() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        navigate(SlaSettingsView.class);
        test($(Button.class).id("new-calendar-button")).click();
        test($(TextField.class).id("calendar-name")).setValue("Split " + run);
        // a new calendar starts with Monday to Friday 09:00-17:00: make Monday 09:00-12:00 and 13:00-17:00
        test(time("hours-monday-0-to")).selectItem("12:00");
        test($(Button.class).id("hours-monday-add")).click();
        assertThat(time("hours-monday-1-from").getValue()).isEqualTo("12:00");
        test(time("hours-monday-1-from")).selectItem("13:00");
        test(time("hours-monday-1-to")).selectItem("17:00");
        test($(Button.class).id("hours-copy-monday")).click();
        test($(Button.class).id("hours-friday-1-remove")).click();
        test($(Button.class).id("hours-saturday-add")).click();
        test(time("hours-saturday-0-from")).selectItem("10:00");
        test(time("hours-saturday-0-to")).selectItem("14:00");
        assertThat($(TextArea.class).id("calendar-hours").getValue()).startsWith(
                "MONDAY 09:00-12:00\nMONDAY 13:00-17:00\nTUESDAY 09:00-12:00\nTUESDAY 13:00-17:00\n")
                .endsWith("FRIDAY 09:00-12:00\nSATURDAY 10:00-14:00");
        test($(Button.class).id("save-calendar")).click();

        SlaAdministration.CalendarView saved = admin.calendars().stream().filter(c -> c.name().equals("Split " + run))
                .findFirst().orElseThrow();
        assertThat(saved.weeklyHours()).filteredOn(h -> h.day().equals("MONDAY")).extracting(h -> h.from() + "-" + h.to())
                .containsExactly("09:00-12:00", "13:00-17:00");
        assertThat(saved.weeklyHours()).filteredOn(h -> h.day().equals("THURSDAY")).hasSize(2);
        assertThat(saved.weeklyHours()).filteredOn(h -> h.day().equals("FRIDAY")).hasSize(1);
        assertThat(saved.weeklyHours()).filteredOn(h -> h.day().equals("SATURDAY")).singleElement()
                .satisfies(h -> assertThat(h.from() + "-" + h.to()).isEqualTo("10:00-14:00"));
        assertThat(saved.weeklyHours()).noneMatch(h -> h.day().equals("SUNDAY"));
        assertThat(saved.timeZone()).isEqualTo("Europe/Berlin");

        // opened again, the form shows the two periods; text pasted in replaces them
        SlaSettingsView view = (SlaSettingsView) getCurrentView();
        view.editCalendar(saved);
        assertThat(view.weekForm.periods(java.time.DayOfWeek.MONDAY)).hasSize(2);
        test($(TextArea.class).id("calendar-hours")).setValue("SUNDAY 08:00-10:00\nSUNDAY 18:00-24:00");
        assertThat(view.weekForm.periods(java.time.DayOfWeek.MONDAY)).isEmpty();
        assertThat(view.weekForm.periods(java.time.DayOfWeek.SUNDAY)).hasSize(2);
        test($(Button.class).id("save-calendar")).click();
        assertThat(admin.calendar(saved.id()).weeklyHours()).extracting(h -> h.day() + " " + h.from() + "-" + h.to())
                .containsExactly("SUNDAY 08:00-10:00", "SUNDAY 18:00-24:00");
    }

    @Test
    void policyTargetsAreTypedAsDurationsPerPriority() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        admin.createCalendar(new org.parley.sla.CalendarSpec("Cal " + run, "UTC", true, java.util.List.of(),
                java.util.List.of()));
        navigate(SlaSettingsView.class);
        test($(Button.class).id("new-policy-button")).click();
        test($(TextField.class).id("policy-name")).setValue("Silver " + run);
        @SuppressWarnings("unchecked")
        ComboBox<SlaAdministration.CalendarView> calendar = $(ComboBox.class).id("policy-calendar");
        test(calendar).selectItem("Cal " + run);
        test($(TextField.class).id("target-urgent-first")).setValue("30m");
        test($(TextField.class).id("target-urgent-resolution")).setValue("1h 30m");
        test($(TextField.class).id("target-normal-first")).setValue("4h");
        test($(TextField.class).id("target-normal-next")).setValue("1d");
        assertThat($(TextArea.class).id("policy-targets").getValue()).isEqualTo("URGENT 30 - 90\nNORMAL 240 1440 -");
        test($(TextField.class).id("target-high-first")).setValue("soon");
        test($(Button.class).id("save-policy")).click();
        assertThat($(Paragraph.class).id("policy-error").getText()).contains("High first response: 'soon' is not a duration");
        test($(TextField.class).id("target-high-first")).setValue("");
        test($(Button.class).id("save-policy")).click();

        assertThat(admin.policies()).filteredOn(p -> p.name().equals("Silver " + run)).singleElement()
                .satisfies(p -> assertThat(p.targets()).extracting(t -> t.priority() + " " + t.firstResponseMinutes()
                        + " " + t.nextResponseMinutes() + " " + t.resolutionMinutes())
                        .containsExactlyInAnyOrder("URGENT 30 null 90", "NORMAL 240 1440 null"));
    }

    @Test
    @WithMockUser(username = UiTest.AGENT, roles = "LEAD")
    void aTeamLeadSeesCalendarsAndPoliciesReadOnly() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        var cal = admin.createCalendar(new org.parley.sla.CalendarSpec("Lead cal " + run, "UTC", false,
                java.util.List.of(new org.parley.sla.CalendarSpec.Hours("MONDAY", "09:00", "17:00")), java.util.List.of()));
        admin.createPolicy(new org.parley.sla.PolicySpec("Lead policy " + run, cal.id(),
                java.util.List.of(new org.parley.sla.PolicySpec.Target("HIGH", 60, null, null)), null, null));

        SlaSettingsView view = navigate(SlaSettingsView.class);

        assertThat($(Paragraph.class).id("sla-read-only").getText()).contains("read-only");
        assertThat($(Button.class).all()).extracting(b -> b.getId().orElse(""))
                .doesNotContain("new-calendar-button", "new-policy-button");
        assertThat(test(view.policies).size()).isPositive();
        view.editPolicy(admin.policies().stream().filter(p -> p.name().equals("Lead policy " + run)).findFirst()
                .orElseThrow());
        assertThat($(TextField.class).id("policy-name").isReadOnly()).isTrue();
        assertThat($(TextField.class).id("target-high-first").getValue()).isEqualTo("1h");
        assertThat($(TextField.class).id("target-high-first").isReadOnly()).isTrue();
        assertThat($(Button.class).all()).extracting(b -> b.getId().orElse("")).doesNotContain("save-policy");
    }

    @SuppressWarnings("unchecked")
    private ComboBox<String> time(String id) {
        return $(ComboBox.class).id(id);
    }
}
