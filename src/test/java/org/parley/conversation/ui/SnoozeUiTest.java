package org.parley.conversation.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.parley.base.Channel;
import org.parley.channel.IngestResult;
import org.parley.conversation.ConversationAccess.Viewer;
import org.parley.conversation.ConversationService;
import org.parley.conversation.ConversationView;
import org.parley.conversation.Snooze;
import org.parley.ui.UiTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

/**
 * Snooze in the inbox without a browser: {@code z} opens the menu, a preset snoozes the open conversation (it
 * leaves Mine and its count, shows under Snoozed with its wake time, and the banner says until when), "Wake now"
 * brings it back; "until the customer replies" and a picked date and time.
 */
@WithMockUser(username = UiTest.AGENT, roles = "AGENT")
class SnoozeUiTest extends UiTest {

    @Autowired
    ConversationService conversations;
    @Autowired
    org.parley.conversation.Snoozes snoozes;
    @Autowired
    org.parley.conversation.ConversationAccess access;

    @Test
    void zOpensTheMenu_aPresetSnoozes_theBannerWakesIt() {
        String id = unique();
        IngestResult in = ingest(Channel.EMAIL, "zed-" + id + "@example.com", "Zed " + id, "Snooze me " + id, "z");
        UUID conversationId = in.conversationId();
        conversations.assign(Viewer.SYSTEM, conversationId, agentId(AGENT));
        navigate("inbox/" + conversationId, InboxView.class);
        InboxView view = (InboxView) getCurrentView();
        long mine = count("queue-mine");
        long snoozed = count("queue-snoozed");
        assertThat($(Div.class).withId("snooze-banner").exists()).as("no banner while awake").isFalse();

        view.key("z");
        Dialog menu = $(Dialog.class).id("snooze-menu");
        assertThat(menu.isOpened()).isTrue();
        assertThat(menu.getElement().getTextRecursively()).contains("1 hour", "Tomorrow 9:00", "Next Monday 9:00",
                "Until the customer replies");
        test($(Button.class).id("snooze-tomorrow")).click();

        assertThat(menu.isOpened()).isFalse();
        ConversationView c = conversations.get(Viewer.SYSTEM, conversationId);
        ZoneId zone = ZoneId.systemDefault();
        LocalDateTime wakes = LocalDateTime.ofInstant(c.snooze().until(), zone);
        assertThat(wakes.toLocalTime()).isEqualTo(LocalTime.of(9, 0));
        assertThat(wakes.toLocalDate()).isEqualTo(LocalDateTime.now(zone).toLocalDate().plusDays(1));
        assertThat($(Div.class).withId("snooze-banner").exists()).isTrue();
        assertThat($(Span.class).id("snooze-banner-text").getText()).startsWith("Snoozed until ");
        assertThat(count("queue-mine")).isEqualTo(mine - 1);
        assertThat(count("queue-snoozed")).isEqualTo(snoozed + 1);
        test($(Button.class).id("queue-snoozed")).click();
        assertThat(view.rows().rowAt(0).orElseThrow().snoozedUntil()).isNotNull();
        assertThat(view.rows().locate(conversationId, 500)).isPresent();

        test($(Button.class).id("wake-now")).click();

        assertThat(conversations.get(Viewer.SYSTEM, conversationId).snoozed()).isFalse();
        assertThat($(Div.class).withId("snooze-banner").exists()).as("no banner while awake").isFalse();
        assertThat(count("queue-mine")).isEqualTo(mine);
        assertThat(count("queue-snoozed")).isEqualTo(snoozed);
    }

    @Test
    void untilTheCustomerRepliesAndAPickedTime() {
        String id = unique();
        IngestResult in = ingest(Channel.EMAIL, "yan-" + id + "@example.com", "Yan " + id, "Later " + id, "y");
        navigate("inbox/" + in.conversationId(), InboxView.class);
        InboxView view = (InboxView) getCurrentView();

        view.key("z");
        test($(Button.class).id("snooze-reply")).click();
        assertThat(conversations.get(Viewer.SYSTEM, in.conversationId()).snooze()).isEqualTo(new Snooze(null, true));
        assertThat($(Span.class).id("snooze-banner-text").getText()).isEqualTo("Snoozed until the customer replies");

        LocalDateTime picked = LocalDateTime.now().plusDays(3).withHour(14).withMinute(30).withSecond(0).withNano(0);
        view.key("z");
        test($(DateTimePicker.class).id("snooze-custom")).setValue(picked);
        test($(Button.class).id("snooze-custom-apply")).click();
        assertThat(conversations.get(Viewer.SYSTEM, in.conversationId()).snooze())
                .isEqualTo(new Snooze(picked.atZone(ZoneId.systemDefault()).toInstant(), false));
    }

    @Test
    void aConversationThatWakesComesBackLiveOnAnOpenScreen() {
        String id = unique();
        IngestResult in = ingest(Channel.EMAIL, "xen-" + id + "@example.com", "Xen " + id, "Wake live " + id, "x");
        conversations.assign(Viewer.SYSTEM, in.conversationId(), agentId(AGENT));
        Instant until = Instant.parse("2036-06-01T09:00:00Z"); // beyond every clock but the wake round's below
        snoozes.snooze(access.viewerOf(agentId(AGENT)), in.conversationId(), until, false);
        navigate("inbox/" + in.conversationId(), InboxView.class);
        long mine = count("queue-mine");
        assertThat($(Div.class).withId("snooze-banner").exists()).isTrue();

        // the wake round (on Parley's scheduler in production) runs elsewhere: the screen follows by push
        snoozes.wakeDue(Viewer.SYSTEM, until, 1000);

        awaitPush("the wake", () -> count("queue-mine") == mine + 1);
        awaitPush("the banner to go", () -> !$(Div.class).withId("snooze-banner").exists());
    }

    @Test
    void thePresetsLieInTheDesksTimeZone() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        // Friday 2030-11-22 22:30 in Berlin (21:30 UTC)
        Instant now = LocalDateTime.parse("2030-11-22T22:30").atZone(berlin).toInstant();
        List<SnoozePresets.Preset> presets = SnoozePresets.of(now, berlin);
        assertThat(presets.get(0).until()).isEqualTo(now.plusSeconds(3600));
        assertThat(presets.get(1).until()).isEqualTo(LocalDateTime.parse("2030-11-23T09:00").atZone(berlin).toInstant());
        LocalDateTime monday = LocalDateTime.ofInstant(presets.get(2).until(), berlin);
        assertThat(monday).isEqualTo(LocalDateTime.parse("2030-11-25T09:00"));
        assertThat(monday.getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
    }

    private long count(String queueButton) {
        return Long.parseLong($(Button.class).id(queueButton).getElement().getAttribute("data-count"));
    }
}
