package org.parley.customer.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import org.parley.base.Channel;
import org.parley.base.InvalidInputException;
import org.parley.base.NotFoundException;
import org.parley.base.ui.ChannelIcons;
import org.parley.base.ui.Notifications;
import org.parley.customer.CustomerDirectory;
import org.parley.customer.CustomerProfile;

/**
 * Edits one customer: name, company and notes; identities (add, remove); CRM attributes (add,
 * change, remove). Every change is saved at once; a refusal shows its reason.
 */
class CustomerEditDialog extends Dialog {

    private final transient CustomerDirectory customers;
    private final UUID customerId;
    private final Runnable onChanged;
    private final TextField name = new TextField("Name");
    private final TextField company = new TextField("Company");
    private final TextArea notes = new TextArea("Notes");
    private final Div identities = new Div();
    private final Select<Channel> identityType = new Select<>();
    private final TextField identityValue = new TextField();
    private final Div attributes = new Div();
    private final TextField attributeKey = new TextField();
    private final TextField attributeValue = new TextField();

    CustomerEditDialog(CustomerDirectory customers, UUID customerId, Runnable onChanged) {
        this.customers = customers;
        this.customerId = customerId;
        this.onChanged = onChanged;
        setId("customer-edit-dialog");
        setHeaderTitle("Edit customer");
        setWidth("40rem");

        name.setId("edit-name");
        company.setId("edit-company");
        notes.setId("edit-notes");
        name.setWidthFull();
        company.setWidthFull();
        notes.setWidthFull();
        Button saveDetails = new Button("Save details", e -> saveDetails());
        saveDetails.setId("save-details");
        saveDetails.addThemeVariants(ButtonVariant.LUMO_PRIMARY);

        identities.addClassName("edit-list");
        identityType.setId("identity-type");
        identityType.setAriaLabel("Identity type");
        identityType.setItems(Channel.values());
        identityType.setItemLabelGenerator(Channel::label);
        identityType.setValue(Channel.EMAIL);
        identityValue.setId("identity-value");
        identityValue.setPlaceholder("email, +49 30 1234567, @handle…");
        Button addIdentity = new Button("Add", VaadinIcon.PLUS.create(), e -> addIdentity());
        addIdentity.setId("add-identity");
        Div identityForm = new Div(identityType, identityValue, addIdentity);
        identityForm.addClassName("inline-form");

        attributes.addClassName("edit-list");
        attributeKey.setId("attribute-key");
        attributeKey.setPlaceholder("name, e.g. plan");
        attributeValue.setId("attribute-value");
        attributeValue.setPlaceholder("value");
        Button setAttribute = new Button("Set", VaadinIcon.CHECK.create(), e -> setAttribute());
        setAttribute.setId("set-attribute");
        Div attributeForm = new Div(attributeKey, attributeValue, setAttribute);
        attributeForm.addClassName("inline-form");

        add(new Div(name, company, notes, saveDetails), new H4("Identities"), identities, identityForm,
                new H4("Attributes"), attributes, attributeForm);
        Button close = new Button("Close", e -> close());
        close.setId("close-customer-edit");
        getFooter().add(close);

        CustomerProfile customer = customers.get(customerId);
        name.setValue(customer.displayName());
        company.setValue(customer.company() == null ? "" : customer.company());
        notes.setValue(customer.notes() == null ? "" : customer.notes());
        showLists(customer);
    }

    private void saveDetails() {
        if (apply(() -> customers.update(customerId, name.getValue(), company.getValue(), notes.getValue()))) {
            name.setInvalid(false);
            Notifications.success("Saved");
        }
    }

    private void addIdentity() {
        if (apply(() -> customers.addIdentity(customerId, identityType.getValue(), identityValue.getValue()))) {
            identityValue.clear();
            identityValue.setInvalid(false);
        } else {
            identityValue.setInvalid(true);
        }
    }

    private void setAttribute() {
        if (apply(() -> customers.setAttribute(customerId, attributeKey.getValue(), attributeValue.getValue()))) {
            attributeKey.clear();
            attributeValue.clear();
            attributeKey.setInvalid(false);
        } else {
            attributeKey.setInvalid(true);
        }
    }

    /** Runs one change; on success shows the new state, on refusal the reason. */
    private boolean apply(Supplier<CustomerProfile> change) {
        try {
            showLists(change.get());
            onChanged.run();
            return true;
        } catch (InvalidInputException | NotFoundException e) {
            Notifications.error(e.getMessage());
            return false;
        }
    }

    private void showLists(CustomerProfile customer) {
        identities.removeAll();
        if (customer.identities().isEmpty()) {
            identities.add(new Span("No identities"));
        }
        customer.identities().forEach(i -> {
            Button remove = new Button(VaadinIcon.TRASH.create(),
                    e -> apply(() -> customers.removeIdentity(customerId, i.id())));
            remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_SMALL);
            remove.setAriaLabel("Remove " + i.displayValue());
            remove.addClassName("remove-identity");
            Div row = new Div(ChannelIcons.icon(i.type()), new Span(i.type().label()),
                    new Span(i.displayValue() == null ? i.value() : i.displayValue()), remove);
            row.addClassName("edit-row");
            identities.add(row);
        });
        attributes.removeAll();
        if (customer.attributes().isEmpty()) {
            attributes.add(new Span("No attributes"));
        }
        new TreeMap<>(customer.attributes()).forEach((key, value) -> {
            Button change = new Button(VaadinIcon.EDIT.create(), e -> {
                attributeKey.setValue(key);
                attributeValue.setValue(value);
                attributeValue.focus();
            });
            change.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
            change.setAriaLabel("Change " + key);
            Button remove = new Button(VaadinIcon.TRASH.create(),
                    e -> apply(() -> customers.setAttribute(customerId, key, null)));
            remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_SMALL);
            remove.setAriaLabel("Remove " + key);
            remove.addClassName("remove-attribute");
            Span k = new Span(key);
            k.addClassName("attribute-key");
            Div row = new Div(k, new Span(value), change, remove);
            row.addClassName("edit-row");
            attributes.add(row);
        });
    }
}
