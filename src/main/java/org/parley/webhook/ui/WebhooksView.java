package org.parley.webhook.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.util.ArrayList;
import org.parley.base.InvalidInputException;
import org.parley.base.ui.Ages;
import org.parley.base.ui.Notifications;
import org.parley.webhook.WebhookAdmin;

/**
 * Admins subscribe URLs to Parley's events, see each subscription's state and delivery log, send a delivery
 * again and remove a subscription — the same as {@code /api/v1/webhooks}.
 */
@Route("admin/webhooks")
@Menu(title = "Webhooks", order = 92, icon = "vaadin:connect")
@PageTitle("Webhooks · Parley")
@RolesAllowed("ADMIN")
public class WebhooksView extends VerticalLayout {

    private final transient WebhookAdmin webhooks;
    private final Grid<WebhookAdmin.Subscription> subscriptions = new Grid<>();
    private final Grid<WebhookAdmin.Delivery> deliveries = new Grid<>();
    private final H3 deliveriesTitle = new H3();
    private WebhookAdmin.Subscription selected;

    public WebhooksView(WebhookAdmin webhooks) {
        this.webhooks = webhooks;
        addClassName("webhooks-view");
        setSizeFull();
        Button add = new Button("New webhook", VaadinIcon.PLUS.create(), e -> openNew());
        add.setId("new-webhook");
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);

        subscriptions.setId("webhooks");
        subscriptions.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT, GridVariant.LUMO_COMPACT);
        subscriptions.addColumn(WebhookAdmin.Subscription::url).setHeader("URL").setFlexGrow(3);
        subscriptions.addColumn(s -> String.join(", ", s.events())).setHeader("Events").setFlexGrow(2);
        subscriptions.addColumn(WebhooksView::state).setHeader("State").setFlexGrow(2);
        subscriptions.addColumn(s -> Ages.dateTime(s.createdAt())).setHeader("Created").setAutoWidth(true)
                .setFlexGrow(0);
        subscriptions.addComponentColumn(s -> {
            Button delete = new Button(VaadinIcon.TRASH.create(), e -> confirmDelete(s));
            delete.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_ERROR);
            delete.setAriaLabel("Delete the webhook to " + s.url());
            delete.setTooltipText("Delete");
            return delete;
        }).setAutoWidth(true).setFlexGrow(0);
        subscriptions.setAllRowsVisible(true);
        subscriptions.asSingleSelect().addValueChangeListener(e -> showDeliveries(e.getValue()));

        deliveries.setId("webhook-deliveries");
        deliveries.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT, GridVariant.LUMO_COMPACT);
        deliveries.addColumn(WebhookAdmin.Delivery::event).setHeader("Event").setAutoWidth(true);
        deliveries.addColumn(WebhookAdmin.Delivery::status).setHeader("Status").setAutoWidth(true);
        deliveries.addColumn(WebhookAdmin.Delivery::attempts).setHeader("Attempts").setAutoWidth(true);
        deliveries.addColumn(d -> d.lastHttpStatus() == null ? "" : d.lastHttpStatus().toString())
                .setHeader("Last answer").setAutoWidth(true);
        deliveries.addColumn(d -> d.lastAnswer() == null ? "" : d.lastAnswer()).setHeader("Details").setFlexGrow(3);
        deliveries.addColumn(d -> Ages.dateTime(d.createdAt())).setHeader("Created").setAutoWidth(true);
        deliveries.addComponentColumn(d -> {
            Button again = new Button("Redeliver", e -> {
                webhooks.redeliver(selected.id(), d.deliveryId());
                Notifications.success("Delivery " + d.deliveryId() + " is sent again on the next round");
                showDeliveries(selected);
            });
            again.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_SMALL);
            return again;
        }).setAutoWidth(true).setFlexGrow(0);
        deliveries.setVisible(false);
        deliveriesTitle.setVisible(false);

        add(new H2("Webhooks"), new Paragraph("Parley POSTs each chosen event as signed JSON to the URL "
                + "(X-Parley-Signature: sha256=HMAC of \"<timestamp>.<body>\" with the webhook's secret), retries "
                + "on timeouts and 5xx, and disables a webhook whose deliveries failed for a day. Select a webhook "
                + "to see its deliveries."), add, subscriptions, deliveriesTitle, deliveries);
        refresh();
    }

    void refresh() {
        subscriptions.setItems(webhooks.list());
    }

    private static String state(WebhookAdmin.Subscription s) {
        if (!s.enabled()) {
            return "Disabled " + Ages.dateTime(s.disabledAt()) + (s.disabledReason() == null ? ""
                    : ": " + s.disabledReason());
        }
        return s.failingSince() == null ? "Active" : "Failing since " + Ages.dateTime(s.failingSince());
    }

    private void showDeliveries(WebhookAdmin.Subscription subscription) {
        selected = subscription;
        boolean show = subscription != null;
        deliveries.setVisible(show);
        deliveriesTitle.setVisible(show);
        if (show) {
            deliveriesTitle.setText("Deliveries to " + subscription.url());
            deliveries.setItems(webhooks.deliveries(subscription.id(), 100));
        }
    }

    private void confirmDelete(WebhookAdmin.Subscription s) {
        ConfirmDialog dialog = new ConfirmDialog("Delete the webhook?", s.url() + " receives nothing more; its "
                + "delivery log goes too.", "Delete", e -> {
                    webhooks.delete(s.id());
                    showDeliveries(null);
                    refresh();
                });
        dialog.setId("confirm-delete-webhook");
        dialog.setCancelable(true);
        dialog.setConfirmButtonTheme("error primary");
        dialog.open();
    }

    private void openNew() {
        Dialog dialog = new Dialog();
        dialog.setId("new-webhook-dialog");
        dialog.setHeaderTitle("New webhook");
        TextField url = new TextField("URL");
        url.setId("webhook-url");
        url.setPlaceholder("https://crm.example.com/parley-events");
        url.setWidthFull();
        CheckboxGroup<String> events = new CheckboxGroup<>("Events");
        events.setId("webhook-events");
        events.setItems(webhooks.eventNames());
        TextField description = new TextField("Description");
        description.setId("webhook-description");
        description.setMaxLength(500);
        description.setWidthFull();
        VerticalLayout form = new VerticalLayout(url, events, description);
        form.setPadding(false);
        dialog.add(form);
        Button create = new Button("Create", e -> {
            try {
                WebhookAdmin.Created created = webhooks.subscribe(url.getValue(), new ArrayList<>(events.getValue()),
                        description.getValue().isBlank() ? null : description.getValue());
                dialog.close();
                refresh();
                showSecret(created);
            } catch (InvalidInputException invalid) {
                url.setInvalid(true);
                url.setErrorMessage(invalid.getMessage());
            }
        });
        create.setId("create-webhook");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), create);
        dialog.open();
        url.focus();
    }

    private void showSecret(WebhookAdmin.Created created) {
        Dialog dialog = new Dialog();
        dialog.setId("webhook-secret-dialog");
        dialog.setHeaderTitle("Webhook created");
        TextField secret = new TextField("Signing secret — copy it now, it is not shown again");
        secret.setId("webhook-secret");
        secret.setValue(created.secret());
        secret.setReadOnly(true);
        secret.setWidthFull();
        dialog.add(secret);
        Button done = new Button("Done", e -> dialog.close());
        done.setId("webhook-secret-done");
        done.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(done);
        dialog.open();
    }
}
