package org.parley.channel.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.function.Consumer;
import org.parley.base.Channel;
import org.parley.base.InvalidInputException;
import org.parley.base.ui.Notifications;
import org.parley.channel.phone.CallDirection;
import org.parley.channel.phone.CallOutcome;
import org.parley.channel.phone.PhoneCalls;
import org.parley.customer.CustomerProfile;

/**
 * Logs a phone call in the customer's timeline: direction, number (prefilled from the customer's phone
 * identity), start, duration, outcome and notes. An inbound call becomes the customer's message, an
 * outbound one the agent's record of the call; a missed call, voicemail or requested callback is tagged
 * for a callback.
 */
public class LogCallDialog extends Dialog {

    private final transient PhoneCalls calls;
    private final UUID agentId;
    private final ZoneId zone;
    private final UUID customerId;
    private final RadioButtonGroup<CallDirection> direction = new RadioButtonGroup<>("Direction");
    private final TextField number = new TextField("Number");
    private final DateTimePicker startedAt = new DateTimePicker("Started at");
    private final IntegerField minutes = new IntegerField("Duration (minutes)");
    private final Select<CallOutcome> outcome = new Select<>();
    private final TextArea notes = new TextArea("Notes");
    private final Span error = new Span();
    private final Button save = new Button("Log call");
    private Consumer<PhoneCalls.CallResult> saved = r -> {
    };

    public LogCallDialog(PhoneCalls calls, UUID agentId, CustomerProfile customer, ZoneId zone) {
        this.calls = calls;
        this.agentId = agentId;
        this.zone = zone;
        this.customerId = customer == null ? null : customer.id();
        setId("log-call-dialog");
        setHeaderTitle("Log a call" + (customer == null ? "" : " with " + customer.displayName()));

        direction.setId("call-direction");
        direction.setItems(CallDirection.values());
        direction.setItemLabelGenerator(d -> d == CallDirection.INBOUND ? "Customer called us" : "We called the customer");
        direction.setValue(CallDirection.INBOUND);
        number.setId("call-number");
        number.setRequired(true);
        number.setMaxLength(40);
        number.setPlaceholder("+49 151 2345678");
        if (customer != null) {
            customer.identityFor(Channel.PHONE).ifPresent(i -> number.setValue(i.value()));
        }
        startedAt.setId("call-started-at");
        startedAt.setValue(LocalDateTime.now(zone).truncatedTo(ChronoUnit.MINUTES));
        startedAt.setMax(LocalDateTime.now(zone).plusMinutes(5));
        minutes.setId("call-duration");
        minutes.setMin(0);
        minutes.setMax(24 * 60);
        minutes.setValue(0);
        minutes.setStepButtonsVisible(true);
        outcome.setId("call-outcome");
        outcome.setLabel("Outcome");
        outcome.setItems(CallOutcome.values());
        outcome.setItemLabelGenerator(CallOutcome::label);
        outcome.setValue(CallOutcome.ANSWERED);
        notes.setId("call-notes");
        notes.setMaxLength(10_000);
        notes.setWidthFull();
        error.setId("call-error");
        error.addClassName("form-error");

        FormLayout form = new FormLayout(direction, number, startedAt, minutes, outcome, notes, error);
        form.setColspan(notes, 2);
        form.setColspan(error, 2);
        add(form);

        save.setId("save-call");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(e -> save());
        Button cancel = new Button("Cancel", e -> close());
        cancel.setId("cancel-call");
        getFooter().add(cancel, save);
    }

    /** Called with the stored call after a successful save. */
    public void onSaved(Consumer<PhoneCalls.CallResult> listener) {
        this.saved = listener;
    }

    private void save() {
        error.setText("");
        number.setInvalid(false);
        if (minutes.isInvalid() || (minutes.getValue() != null && (minutes.getValue() < 0 || minutes.getValue() > 1440))) {
            error.setText("Duration must be between 0 and 1440 minutes");
            return;
        }
        if (startedAt.getValue() == null) {
            error.setText("Started at is required");
            return;
        }
        try {
            PhoneCalls.CallResult result = calls.logCall(new PhoneCalls.LoggedCall(customerId, direction.getValue(),
                    number.getValue(), startedAt.getValue().atZone(zone).toInstant(),
                    Duration.ofMinutes(minutes.getValue() == null ? 0 : minutes.getValue()), outcome.getValue(),
                    notes.getValue()), agentId);
            Notifications.success(result.callbackNeeded() ? "Call logged; the conversation is tagged for a callback"
                    : "Call logged");
            close();
            saved.accept(result);
        } catch (InvalidInputException e) {
            if (e.getMessage().startsWith("number")) {
                number.setInvalid(true);
                number.setErrorMessage(e.getMessage());
            }
            error.setText(e.getMessage());
        }
    }
}
