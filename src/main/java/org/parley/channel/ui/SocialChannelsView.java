package org.parley.channel.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.parley.base.InvalidInputException;
import org.parley.base.NotFoundException;
import org.parley.base.ui.Ages;
import org.parley.base.ui.Notifications;
import org.parley.channel.social.SocialAccounts;
import org.parley.channel.social.SocialAccounts.Connected;
import org.parley.channel.social.SocialNetwork;
import org.parley.channel.social.meta.MetaProperties;
import org.parley.channel.social.whatsapp.WhatsAppProperties;
import org.parley.channel.social.x.XProperties;
import org.parley.security.ApiTokenService;
import org.parley.team.CurrentAgent;

/**
 * Social accounts (Meta pages and Instagram accounts, X accounts) and the phone webhook: which accounts
 * Parley answers for, their status, and API tokens for telephony providers. Accounts declared in
 * properties show read-only; accounts connected here can be disabled and removed. Tokens are never shown back.
 */
@Route("admin/channels/social")
@Menu(title = "Social & phone", order = 85, icon = "vaadin:share")
@PageTitle("Social & phone · Parley")
@RolesAllowed("ADMIN")
public class SocialChannelsView extends Div {

    private final transient SocialAccounts accounts;
    private final transient ApiTokenService tokens;
    private final transient CurrentAgent currentAgent;
    private final Grid<Connected> grid = new Grid<>();

    public SocialChannelsView(SocialAccounts accounts, ApiTokenService tokens, CurrentAgent currentAgent,
            MetaProperties meta, XProperties x, WhatsAppProperties whatsApp) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.currentAgent = currentAgent;
        addClassName("social-channels-view");
        setSizeFull();

        Button connect = new Button("Connect account", VaadinIcon.PLUS.create(), e -> connectDialog());
        connect.setId("connect-account");
        connect.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Div head = new Div(new H2("Social & phone"), connect);
        head.addClassName("toolbar");

        grid.setId("social-accounts");
        grid.setAllRowsVisible(true);
        grid.addColumn(c -> c.network().label()).setHeader("Network").setKey("network");
        grid.addColumn(Connected::accountId).setHeader("Account id").setKey("account");
        grid.addColumn(Connected::name).setHeader("Name").setKey("name").setFlexGrow(2);
        grid.addColumn(c -> c.declared() ? "declared in properties" : "connected here").setHeader("Source")
                .setKey("source");
        grid.addColumn(c -> !c.enabled() ? "disabled" : c.hasToken() ? "enabled" : "enabled, no token (receive only)")
                .setHeader("State").setKey("state");
        grid.addColumn(c -> {
            var s = accounts.status(c.network(), c.accountId());
            return s.lastEventAt() == null ? "none yet" : Ages.age(s.lastEventAt()) + " ago";
        }).setHeader("Last event").setKey("lastEvent");
        grid.addColumn(c -> {
            var s = accounts.status(c.network(), c.accountId());
            return s.lastError() == null ? "" : Ages.age(s.lastErrorAt()) + " ago: " + s.lastError();
        }).setHeader("Last error").setKey("lastError").setFlexGrow(2);
        grid.addColumn(c -> accounts.status(c.network(), c.accountId()).messagesToday()).setHeader("Messages today")
                .setKey("today");
        grid.addComponentColumn(this::actions).setHeader("").setKey("actions").setFlexGrow(0).setWidth("14em");

        Div webhooks = new Div(new H3("Webhooks"),
                line("Meta (Facebook Pages, Messenger, Instagram): callback URL https://<your host>/webhooks/meta — app secret "
                        + configured(meta.appSecret()) + ", verify token " + configured(meta.verifyToken()), "meta-webhook"),
                line("X (Account Activity / X Activity API): webhook URL https://<your host>/webhooks/x — consumer secret "
                        + configured(x.consumerSecret()), "x-webhook"),
                line("WhatsApp (Cloud API): callback URL https://<your host>/webhooks/whatsapp, field \"messages\" — app secret "
                        + configured(whatsApp.appSecret()) + ", verify token " + configured(whatsApp.verifyToken())
                        + ", numbers " + (whatsApp.numbers().isEmpty() ? "NONE (parley.channels.whatsapp.numbers)"
                                : whatsApp.numbers().stream().map(n -> n.phoneNumberId()
                                        + (n.hasToken() ? "" : " (no access token: receive only)"))
                                        .collect(java.util.stream.Collectors.joining(", ")))
                        + ". Free-form replies only within 24 hours of the customer's last WhatsApp message.",
                        "whatsapp-webhook"));
        webhooks.addClassName("webhook-settings");

        Button phoneToken = new Button("Create token for a telephony provider", VaadinIcon.KEY.create(),
                e -> phoneTokenDialog());
        phoneToken.setId("create-phone-token");
        Div phone = new Div(new H3("Phone"),
                line("Telephony providers post call events (callId, direction, from, to, status, startedAt, endedAt, "
                        + "recordingUrl, transcript) to POST /api/v1/channels/phone/events with "
                        + "\"Authorization: Bearer <API token>\". Missed calls and voicemail are tagged \"callback\".",
                        "phone-webhook"),
                phoneToken);
        phone.addClassName("phone-settings");

        add(head, grid, webhooks, phone);
        refresh();
    }

    void refresh() {
        grid.setItems(accounts.list());
    }

    private static Paragraph line(String text, String id) {
        Paragraph p = new Paragraph(text);
        p.setId(id);
        return p;
    }

    private static String configured(String value) {
        return value == null || value.isBlank() ? "NOT SET" : "set";
    }

    private Div actions(Connected c) {
        Div box = new Div();
        if (c.declared()) {
            Span readOnly = new Span("read-only");
            readOnly.addClassName("muted");
            box.add(readOnly);
            return box;
        }
        Button toggle = new Button(c.enabled() ? "Disable" : "Enable", e -> {
            try {
                accounts.setEnabled(c.id(), !c.enabled());
            } catch (NotFoundException ex) {
                Notifications.error(ex.getMessage());
            }
            refresh();
        });
        toggle.setId("toggle-" + c.accountId());
        toggle.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        Button remove = new Button("Remove", e -> confirmRemove(c));
        remove.setId("remove-" + c.accountId());
        remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
        box.add(toggle, remove);
        return box;
    }

    private void connectDialog() {
        Dialog dialog = new Dialog();
        dialog.setId("connect-account-dialog");
        dialog.setHeaderTitle("Connect a social account");
        Select<SocialNetwork> network = new Select<>();
        network.setId("account-network");
        network.setLabel("Network");
        // WhatsApp numbers are declared in properties (parley.channels.whatsapp.numbers)
        network.setItems(java.util.Arrays.stream(SocialNetwork.values()).filter(n -> n != SocialNetwork.WHATSAPP).toList());
        network.setItemLabelGenerator(SocialNetwork::label);
        network.setValue(SocialNetwork.META);
        TextField accountId = new TextField("Page / Instagram account id or X user id");
        accountId.setId("account-id");
        accountId.setRequired(true);
        accountId.setMaxLength(100);
        TextField name = new TextField("Name");
        name.setId("account-name");
        name.setMaxLength(200);
        PasswordField token = new PasswordField("Access token");
        token.setId("account-token");
        token.setRequired(true);
        token.setHelperText("Page access token (Meta) or user access token (X); stored encrypted, never shown again");
        Span error = new Span();
        error.setId("account-error");
        error.addClassName("form-error");
        Button save = new Button("Connect", e -> {
            try {
                accounts.connect(network.getValue(), accountId.getValue(), name.getValue(), token.getValue());
                dialog.close();
                Notifications.success("Connected " + accountId.getValue().strip());
                refresh();
            } catch (InvalidInputException ex) {
                error.setText(ex.getMessage());
            }
        });
        save.setId("save-account");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(new FormLayout(network, accountId, name, token, error));
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        dialog.open();
    }

    private void confirmRemove(Connected c) {
        ConfirmDialog confirm = new ConfirmDialog();
        confirm.setId("remove-account-dialog");
        confirm.setHeader("Remove " + c.name() + "?");
        confirm.setText("Parley stops taking events for " + c.accountId() + " and forgets its access token. "
                + "Its conversations stay.");
        confirm.setCancelable(true);
        confirm.setConfirmText("Remove");
        confirm.setConfirmButtonTheme("error primary");
        confirm.addConfirmListener(e -> {
            try {
                accounts.remove(c.id());
            } catch (NotFoundException ex) {
                Notifications.error(ex.getMessage());
            }
            refresh();
        });
        confirm.open();
    }

    private void phoneTokenDialog() {
        Dialog dialog = new Dialog();
        dialog.setId("phone-token-dialog");
        dialog.setHeaderTitle("API token for a telephony provider");
        TextField name = new TextField("Name");
        name.setId("phone-token-name");
        name.setValue("Telephony provider");
        name.setWidthFull();
        Paragraph info = new Paragraph("The token acts as you; revoke it under API tokens.");
        Button create = new Button("Create", e -> {
            try {
                String token = tokens.create(name.getValue(), currentAgent.require().getId()).token();
                dialog.removeAll();
                TextField value = new TextField("Copy it now: it is not shown again");
                value.setId("phone-token");
                value.setValue(token);
                value.setReadOnly(true);
                value.setWidthFull();
                dialog.add(value, new Paragraph("curl -X POST https://<your host>/api/v1/channels/phone/events "
                        + "-H 'Authorization: Bearer " + token + "' -H 'Content-Type: application/json' "
                        + "-d '{\"callId\":\"CA1\",\"direction\":\"INBOUND\",\"from\":\"+15551230000\","
                        + "\"to\":\"+15559870000\",\"status\":\"MISSED\"}'"));
                dialog.getFooter().removeAll();
                Button done = new Button("Done", d -> dialog.close());
                done.setId("phone-token-done");
                dialog.getFooter().add(done);
            } catch (InvalidInputException ex) {
                name.setInvalid(true);
                name.setErrorMessage(ex.getMessage());
            }
        });
        create.setId("create-phone-token-confirm");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(name, info);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), create);
        dialog.open();
    }
}
