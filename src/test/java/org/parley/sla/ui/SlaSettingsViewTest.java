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
}
