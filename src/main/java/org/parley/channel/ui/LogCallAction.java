package org.parley.channel.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.icon.VaadinIcon;
import java.time.ZoneId;
import java.util.UUID;
import org.parley.channel.phone.PhoneCalls;
import org.parley.conversation.CustomerPanelExtension;
import org.parley.customer.CustomerProfile;
import org.parley.team.CurrentAgent;

/** "Log a call" in the customer panel of the inbox and the customer timeline. */
@org.springframework.stereotype.Component
class LogCallAction implements CustomerPanelExtension {

    private final PhoneCalls calls;
    private final CurrentAgent currentAgent;

    LogCallAction(PhoneCalls calls, CurrentAgent currentAgent) {
        this.calls = calls;
        this.currentAgent = currentAgent;
    }

    @Override
    public Component create(CustomerProfile customer, UUID conversationId, Runnable changed) {
        Button button = new Button("Log a call", VaadinIcon.PHONE.create());
        button.setId("log-call");
        button.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_SMALL);
        button.addClickListener(e -> {
            LogCallDialog dialog = new LogCallDialog(calls, currentAgent.require().getId(), customer,
                    ZoneId.systemDefault());
            dialog.onSaved(result -> changed.run());
            dialog.open();
        });
        return button;
    }
}
