package org.parley.channel.email.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.parley.base.InvalidInputException;
import org.parley.base.NotFoundException;
import org.parley.base.ui.Ages;
import org.parley.base.ui.Notifications;
import org.parley.channel.email.Mailbox;
import org.parley.channel.email.MailboxService;
import org.parley.channel.email.MailboxSettings;
import org.parley.channel.email.QuarantinedMail;

/**
 * Channels: connected mailboxes (add, edit, enable, disable, test the connection; declared ones shown
 * read-only) with their status, and the quarantine of mail that could not be imported. Social accounts
 * and phone webhooks have their own view, "Social & phone".
 */
@Route("admin/channels")
@Menu(title = "Channels", order = 80, icon = "vaadin:envelopes")
@PageTitle("Channels · Parley")
@RolesAllowed("ADMIN")
public class ChannelsView extends Div {

    /** What the mailbox list shows; never the password. */
    public record MailboxRow(UUID id, String name, String fromAddress, String imap, String smtp, boolean enabled,
            boolean declared, Instant lastPollAt, String lastError, int messagesToday) {

        static MailboxRow of(Mailbox m) {
            return new MailboxRow(m.getId(), m.getName(), m.getFromAddress(),
                    m.getUsername() + " @ " + m.getImapHost() + ":" + m.getImapPort() + (m.isImapTls() ? " (TLS)" : "")
                            + " / " + m.getFolder(),
                    m.getSmtpHost() + ":" + m.getSmtpPort() + (m.isSmtpTls() ? " (TLS)" : ""), m.isEnabled(),
                    m.isDeclared(), m.getLastPollAt(), m.getLastError(), m.messagesToday(LocalDate.now(ZoneOffset.UTC)));
        }
    }

    public record QuarantineRow(UUID id, String mailbox, String sender, String subject, String reason, int size,
            Instant receivedAt) {

        static QuarantineRow of(QuarantinedMail q) {
            return new QuarantineRow(q.getId(), q.getMailbox(), q.getSender(), q.getSubject(), q.getReason(),
                    q.getSizeBytes(), q.getReceivedAt());
        }
    }

    private final transient MailboxService service;
    private final Grid<MailboxRow> mailboxes = new Grid<>();
    private final Grid<QuarantineRow> quarantine = new Grid<>();
    private final Button edit = new Button("Edit", VaadinIcon.EDIT.create());
    private final Button toggle = new Button("Disable");
    private final Button test = new Button("Test connection", VaadinIcon.CONNECT.create());
    private final Button retry = new Button("Retry", VaadinIcon.REFRESH.create());
    private final Button discard = new Button("Discard", VaadinIcon.TRASH.create());
    private final Span status = new Span();

    public ChannelsView(MailboxService service) {
        this.service = service;
        addClassName("channels-view");
        setSizeFull();

        Button add = new Button("Add mailbox", VaadinIcon.PLUS.create(), e -> openForm(null));
        add.setId("add-mailbox");
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        edit.setId("edit-mailbox");
        toggle.setId("toggle-mailbox");
        test.setId("test-mailbox");
        status.setId("mailbox-status");
        edit.addClickListener(e -> selected().ifPresent(r -> openForm(r.id())));
        toggle.addClickListener(e -> selected().ifPresent(r -> run(() -> {
            service.setEnabled(r.id(), !r.enabled());
            refresh();
        })));
        test.addClickListener(e -> selected().flatMap(r -> service.find(r.id()))
                .ifPresent(m -> status.setText(testConnection(m.getId(), m.settings()))));

        mailboxes.setId("mailbox-list");
        mailboxes.addColumn(MailboxRow::name).setHeader("Mailbox").setKey("name").setFlexGrow(2);
        mailboxes.addColumn(MailboxRow::fromAddress).setHeader("From").setKey("from").setFlexGrow(2);
        mailboxes.addColumn(MailboxRow::imap).setHeader("IMAP").setKey("imap").setFlexGrow(3);
        mailboxes.addColumn(MailboxRow::smtp).setHeader("SMTP").setKey("smtp").setFlexGrow(2);
        mailboxes.addColumn(r -> (r.enabled() ? "enabled" : "disabled") + (r.declared() ? " · declared" : ""))
                .setHeader("State").setKey("state");
        mailboxes.addColumn(r -> r.lastPollAt() == null ? "never" : Ages.age(r.lastPollAt()) + " ago")
                .setHeader("Last poll").setKey("lastPoll");
        mailboxes.addColumn(r -> r.lastError() == null ? "" : r.lastError()).setHeader("Last error")
                .setKey("lastError").setFlexGrow(3);
        mailboxes.addColumn(MailboxRow::messagesToday).setHeader("Today").setKey("today");
        mailboxes.addSelectionListener(e -> updateButtons());

        quarantine.setId("quarantine-list");
        quarantine.addColumn(r -> Ages.dateTime(r.receivedAt())).setHeader("Received").setKey("received");
        quarantine.addColumn(QuarantineRow::mailbox).setHeader("Mailbox").setKey("mailbox");
        quarantine.addColumn(r -> r.sender() == null ? "" : r.sender()).setHeader("Sender").setKey("sender");
        quarantine.addColumn(r -> r.subject() == null ? "" : r.subject()).setHeader("Subject").setKey("subject");
        quarantine.addColumn(QuarantineRow::reason).setHeader("Reason").setKey("reason").setFlexGrow(3);
        quarantine.addSelectionListener(e -> updateButtons());
        retry.setId("retry-quarantined");
        discard.setId("discard-quarantined");
        discard.addThemeVariants(ButtonVariant.LUMO_ERROR);
        retry.addClickListener(e -> quarantine.getSelectedItems().stream().findFirst().ifPresent(q -> run(() -> {
            Notifications.success("Imported again: " + service.retryQuarantined(q.id()));
            refresh();
        })));
        discard.addClickListener(e -> quarantine.getSelectedItems().stream().findFirst().ifPresent(q -> run(() -> {
            service.discardQuarantined(q.id());
            refresh();
        })));

        Div head = new Div(new H2("Channels"), add);
        head.addClassName("toolbar");
        Div mailboxActions = new Div(edit, toggle, test, status);
        mailboxActions.addClassName("toolbar");
        Div quarantineActions = new Div(retry, discard);
        quarantineActions.addClassName("toolbar");
        Anchor social = new Anchor("admin/channels/social", "Social & phone");
        social.setId("social-link");
        add(head, new H3("Email mailboxes"),
                new Paragraph("Mailboxes declared in parley.channels.email.mailboxes are read-only here."),
                mailboxActions, mailboxes,
                new H3("Quarantine"),
                new Paragraph("Mail that could not be imported is kept here whole: retry it after a fix, or discard it."),
                quarantineActions, quarantine,
                new H3("Social accounts and phone webhooks"),
                new Paragraph(new Span("Facebook, Instagram, X accounts and phone webhook tokens are configured under "),
                        social, new Span(".")));
        refresh();
    }

    private java.util.Optional<MailboxRow> selected() {
        return mailboxes.getSelectedItems().stream().findFirst();
    }

    private void updateButtons() {
        java.util.Optional<MailboxRow> row = selected();
        edit.setEnabled(row.isPresent() && !row.get().declared());
        toggle.setEnabled(row.isPresent() && !row.get().declared());
        toggle.setText(row.map(r -> r.enabled() ? "Disable" : "Enable").orElse("Disable"));
        test.setEnabled(row.isPresent());
        boolean held = !quarantine.getSelectedItems().isEmpty();
        retry.setEnabled(held);
        discard.setEnabled(held);
    }

    private void refresh() {
        UUID keep = selected().map(MailboxRow::id).orElse(null);
        var rows = service.list().stream().map(MailboxRow::of).toList();
        mailboxes.setItems(rows);
        rows.stream().filter(r -> r.id().equals(keep)).findFirst().ifPresent(mailboxes::select);
        quarantine.setItems(service.quarantine(500).stream().map(QuarantineRow::of).toList());
        updateButtons();
    }

    private String testConnection(UUID existing, MailboxSettings settings) {
        try {
            String ok = service.testConnection(existing, settings);
            Notifications.success(ok);
            return ok;
        } catch (MailboxService.ConnectionFailed e) {
            Notifications.error(e.getMessage());
            return e.getMessage();
        } catch (InvalidInputException e) {
            Notifications.error(e.getMessage());
            return e.getMessage();
        }
    }

    private void run(Runnable action) {
        try {
            action.run();
        } catch (InvalidInputException | NotFoundException e) {
            Notifications.error(e.getMessage());
        }
    }

    private void openForm(UUID id) {
        MailboxSettings current = id == null ? null : service.find(id).map(Mailbox::settings).orElse(null);
        Dialog dialog = new Dialog();
        dialog.setId("mailbox-dialog");
        dialog.setHeaderTitle(current == null ? "Add mailbox" : "Edit " + current.name());
        TextField name = field("mailbox-name", "Name", current == null ? "" : current.name());
        TextField imapHost = field("imap-host", "IMAP host", current == null ? "" : current.imapHost());
        IntegerField imapPort = number("imap-port", "IMAP port", current == null ? 993 : current.imapPort());
        Checkbox imapTls = new Checkbox("IMAP over TLS", current == null || current.imapTls());
        imapTls.setId("imap-tls");
        TextField username = field("mailbox-username", "Username", current == null ? "" : current.username());
        PasswordField password = new PasswordField("Password or app password");
        password.setId("mailbox-password");
        password.setRevealButtonVisible(false);
        if (current != null) {
            password.setPlaceholder("unchanged");
            password.setHelperText("Leave empty to keep the stored password");
        }
        TextField folder = field("mailbox-folder", "Folder", current == null ? "INBOX" : current.folder());
        TextField smtpHost = field("smtp-host", "SMTP host", current == null ? "" : current.smtpHost());
        IntegerField smtpPort = number("smtp-port", "SMTP port", current == null ? 587 : current.smtpPort());
        Checkbox smtpTls = new Checkbox("SMTP with TLS (STARTTLS, or implicit on 465)", current == null || current.smtpTls());
        smtpTls.setId("smtp-tls");
        EmailField from = new EmailField("From address");
        from.setId("from-address");
        from.setValue(current == null ? "" : current.fromAddress());
        IntegerField interval = number("poll-interval", "Poll interval (seconds)",
                current == null ? 60 : current.pollIntervalSeconds());
        Span result = new Span();
        result.setId("connection-result");

        FormLayout form = new FormLayout(name, from, imapHost, imapPort, imapTls, username, password, folder, smtpHost,
                smtpPort, smtpTls, interval);
        dialog.add(form, result);
        java.util.function.Supplier<MailboxSettings> settings = () -> new MailboxSettings(name.getValue(),
                imapHost.getValue(), value(imapPort), imapTls.getValue(), username.getValue(),
                password.getValue().isEmpty() ? null : password.getValue(), folder.getValue(), smtpHost.getValue(),
                value(smtpPort), smtpTls.getValue(), from.getValue(), value(interval));
        Button testButton = new Button("Test connection", e -> result.setText(testConnection(id, settings.get())));
        testButton.setId("test-connection");
        Button save = new Button("Save", e -> {
            try {
                if (id == null) {
                    service.create(settings.get());
                } else {
                    service.update(id, settings.get());
                }
                dialog.close();
                refresh();
            } catch (InvalidInputException ex) {
                result.setText(ex.getMessage());
                Notifications.error(ex.getMessage());
            }
        });
        save.setId("save-mailbox");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button cancel = new Button("Cancel", e -> dialog.close());
        dialog.getFooter().add(testButton, cancel, save);
        add(dialog);
        dialog.open();
    }

    private static TextField field(String id, String label, String value) {
        TextField field = new TextField(label);
        field.setId(id);
        field.setValue(value == null ? "" : value);
        return field;
    }

    private static IntegerField number(String id, String label, int value) {
        IntegerField field = new IntegerField(label);
        field.setId(id);
        field.setValue(value);
        return field;
    }

    private static int value(IntegerField field) {
        return field.getValue() == null ? 0 : field.getValue();
    }
}
