package org.parley.conversation.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.function.SerializableSupplier;
import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneId;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.parley.base.ui.Ages;
import org.parley.conversation.ConversationAccess.Viewer;
import org.parley.conversation.ConversationView;
import org.parley.conversation.Snooze;
import org.parley.conversation.Snoozes;

/**
 * Snooze in the conversation view: the "Snooze" button (and key {@code z}) opens a menu of presets — 1 hour,
 * tomorrow 9:00, next Monday 9:00 (desk time zone), until the customer replies — and a date-time picker for any
 * other time; a snoozed conversation shows the banner "Snoozed until …" with "Wake now".
 */
class SnoozeControl implements Serializable {

    private final transient Snoozes snoozes;
    private final SerializableSupplier<Viewer> viewer;
    private final Consumer<Supplier<ConversationView>> apply;
    private final ZoneId zone = ZoneId.systemDefault();
    /** Icon only: the header row stays one line where it can (the label is its tooltip and aria-label). */
    private final Button button = new Button(VaadinIcon.CLOCK.create());
    private final Div banner = new Div();
    private final Span bannerText = new Span();
    private final Button wakeNow = new Button("Wake now");
    private ConversationView conversation;
    private Dialog menu;

    /**
     * @param apply runs a change of the conversation and shows its outcome (as the other actions do)
     */
    SnoozeControl(Snoozes snoozes, SerializableSupplier<Viewer> viewer, Consumer<Supplier<ConversationView>> apply) {
        this.snoozes = snoozes;
        this.viewer = viewer;
        this.apply = apply;
        button.setId("snooze");
        button.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        button.setTooltipText("Snooze (z)");
        button.setAriaLabel("Snooze (z)");
        button.addClickListener(e -> open());
        banner.setId("snooze-banner");
        banner.addClassName("snooze-banner");
        bannerText.setId("snooze-banner-text");
        wakeNow.setId("wake-now");
        wakeNow.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        wakeNow.addClickListener(e -> wake());
        banner.add(VaadinIcon.CLOCK.create(), bannerText, wakeNow);
        banner.setVisible(false);
    }

    Button button() {
        return button;
    }

    Div banner() {
        return banner;
    }

    void setConversation(ConversationView c) {
        this.conversation = c;
        boolean active = c != null && c.status().isActive();
        button.setVisible(active);
        button.setText(c != null && c.snoozed() ? "Snoozed" : "Snooze");
        banner.setVisible(c != null && c.snoozed());
        if (c != null && c.snoozed()) {
            bannerText.setText(text(c.snooze()));
        }
    }

    /** "Snoozed until Dec 4, 2026, 9:00 AM", "… or the customer replies", "until the customer replies". */
    static String text(Snooze s) {
        if (s.until() == null) {
            return "Snoozed until the customer replies";
        }
        return "Snoozed until " + Ages.dateTime(s.until()) + (s.untilReply() ? " or the customer replies" : "");
    }

    /** Key z and the button: the menu of presets and the picker (only for an open or pending conversation). */
    Dialog open() {
        if (conversation == null || !conversation.status().isActive()) {
            return null;
        }
        if (menu != null && menu.isOpened()) {
            return menu;
        }
        Dialog dialog = new Dialog();
        dialog.setId("snooze-menu");
        dialog.setHeaderTitle("Snooze until…");
        Div presets = new Div();
        presets.addClassName("snooze-presets");
        for (SnoozePresets.Preset p : SnoozePresets.of(Instant.now(), zone)) {
            Button b = new Button(p.label() + " · " + Ages.dateTime(p.until()), e -> snooze(dialog, p.until(), false));
            b.setId(p.id());
            b.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            presets.add(b);
        }
        Button untilReply = new Button("Until the customer replies", VaadinIcon.REPLY.create(),
                e -> snooze(dialog, null, true));
        untilReply.setId("snooze-reply");
        untilReply.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        presets.add(untilReply);
        DateTimePicker custom = new DateTimePicker("Pick a date and time");
        custom.setId("snooze-custom");
        custom.setStep(java.time.Duration.ofMinutes(15));
        custom.setMin(java.time.LocalDateTime.now(zone));
        Button pick = new Button("Snooze", e -> {
            if (custom.getValue() == null) {
                custom.setInvalid(true);
                custom.setErrorMessage("Pick a date and time");
                return;
            }
            snooze(dialog, custom.getValue().atZone(zone).toInstant(), false);
        });
        pick.setId("snooze-custom-apply");
        pick.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Div customRow = new Div(custom, pick);
        customRow.addClassName("snooze-custom");
        Div hint = new Div("A customer's reply always wakes it. Times are " + zone.getId() + ".");
        hint.addClassName("snooze-hint");
        Button cancel = new Button("Cancel", e -> dialog.close());
        cancel.setId("snooze-cancel");
        dialog.add(presets, customRow, hint);
        dialog.getFooter().add(cancel);
        dialog.open();
        menu = dialog;
        return dialog;
    }

    private void snooze(Dialog dialog, Instant until, boolean untilReply) {
        ConversationView c = conversation;
        dialog.close();
        if (c != null) {
            apply.accept(() -> snoozes.snooze(viewer.get(), c.id(), until, untilReply));
        }
    }

    private void wake() {
        ConversationView c = conversation;
        if (c != null) {
            apply.accept(() -> snoozes.wake(viewer.get(), c.id()));
        }
    }
}
