package org.parley.conversation.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import org.parley.base.ui.ChannelIcons;
import org.parley.conversation.ConversationView;
import org.parley.customer.CustomerProfile;

/**
 * The one compact header above the timeline: who (customer), what (subject) and where (channel) on the first line,
 * the conversation's status, priority, assignee, team and tags as small menus on the second (and under them
 * "Snoozed until …" while it is snoozed); buttons to show the
 * conversation list (where it is a drawer) and to collapse the customer panel.
 */
public class ConversationHeader extends Div {

    private final Button listToggle = new Button(VaadinIcon.LIST_UL.create());
    private final Div channel = new Div();
    private final Span customer = new Span();
    private final Span subject = new Span();
    private final Button panelToggle = new Button(VaadinIcon.USER_CARD.create());
    private final Button keysButton = new Button("?");

    public ConversationHeader(ConversationActions actions) {
        setId("conversation-header");
        addClassName("conversation-header");
        listToggle.setId("toggle-list");
        listToggle.addClassName("list-toggle");
        listToggle.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ICON);
        listToggle.setAriaLabel("Conversations");
        listToggle.setTooltipText("Conversations");
        channel.addClassName("header-channel");
        customer.setId("header-customer");
        customer.addClassName("header-customer");
        subject.setId("header-subject");
        subject.addClassName("header-subject");
        panelToggle.setId("toggle-customer-panel");
        panelToggle.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ICON);
        keysButton.setId("keyboard-help-button");
        keysButton.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        keysButton.setAriaLabel("Keyboard shortcuts");
        keysButton.setTooltipText("Keyboard shortcuts (?)");
        Div title = new Div(listToggle, channel, customer, subject, keysButton, panelToggle);
        title.addClassName("header-title");
        add(title, actions, actions.snoozeBanner());
        setPanelCollapsed(false);
    }

    private org.parley.base.Channel shownChannel;

    public void show(ConversationView conversation, CustomerProfile who) {
        if (conversation.channel() != shownChannel) {
            // a live refresh of the same conversation leaves the badge alone
            shownChannel = conversation.channel();
            channel.removeAll();
            channel.add(ChannelIcons.badge(conversation.channel()));
        }
        customer.setText(who.displayName());
        customer.getElement().setAttribute("title", who.displayName());
        String about = conversation.subject() == null || conversation.subject().isBlank() ? "(no subject)"
                : conversation.subject();
        subject.setText(about);
        subject.getElement().setAttribute("title", about);
    }

    /** Shows which way the customer panel toggle goes. */
    public void setPanelCollapsed(boolean collapsed) {
        panelToggle.setAriaLabel(collapsed ? "Show customer details" : "Hide customer details");
        panelToggle.setTooltipText(collapsed ? "Show customer details" : "Hide customer details");
        panelToggle.getElement().setAttribute("aria-pressed", Boolean.toString(!collapsed));
    }

    public Button listToggle() {
        return listToggle;
    }

    public Button panelToggle() {
        return panelToggle;
    }

    public Button keysButton() {
        return keysButton;
    }
}
