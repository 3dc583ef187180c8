package org.parley.security.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.spring.annotation.SpringComponent;
import com.vaadin.flow.spring.security.AuthenticationContext;
import org.parley.base.ui.HeaderContribution;
import org.parley.security.SignedInSessions;

/** "Sign out everywhere" in the top bar: ends every session of the current user, this one included. */
@SpringComponent
class SignOutEverywhere implements HeaderContribution {

    private final SignedInSessions sessions;
    private final AuthenticationContext authentication;

    SignOutEverywhere(SignedInSessions sessions, AuthenticationContext authentication) {
        this.sessions = sessions;
        this.authentication = authentication;
    }

    @Override
    public Component create() {
        String username = authentication.getPrincipalName().orElse(null);
        if (username == null) {
            return null;
        }
        Button button = new Button(VaadinIcon.EXIT_O.create());
        button.setId("sign-out-everywhere");
        button.setTooltipText("Sign out everywhere");
        button.setAriaLabel("Sign out everywhere");
        button.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ICON);
        button.addClickListener(click -> {
            ConfirmDialog confirm = new ConfirmDialog("Sign out everywhere?",
                    "Ends your sessions in every browser and device you are signed in on, this one included.",
                    "Sign out everywhere", yes -> {
                        sessions.signOutEverywhere(username);
                        authentication.logout();
                    });
            confirm.setId("sign-out-everywhere-dialog");
            confirm.setCancelable(true);
            confirm.open();
        });
        return button;
    }
}
