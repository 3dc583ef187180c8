package org.parley.customer.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import org.parley.base.InvalidInputException;
import org.parley.base.NotFoundException;
import org.parley.base.ui.Ages;
import org.parley.base.ui.ChannelIcons;
import org.parley.base.ui.Notifications;
import org.parley.customer.CustomerDirectory;
import org.parley.customer.CustomerProfile;

/**
 * Two customer records side by side; the agent chooses which one survives. The other one's
 * identities, missing attributes and conversations move to the survivor.
 */
class MergeDialog extends Dialog {

    private final transient CustomerDirectory customers;
    private final RadioButtonGroup<UUID> survivor = new RadioButtonGroup<>();
    private final Button confirm = new Button("Merge");
    private final UUID first;
    private final UUID second;

    MergeDialog(CustomerDirectory customers, UUID first, UUID second, Consumer<CustomerProfile> merged) {
        this.customers = customers;
        this.first = first;
        this.second = second;
        setId("merge-dialog");
        setHeaderTitle("Merge two customers");
        setWidth("48rem");
        CustomerProfile a = customers.get(first);
        CustomerProfile b = customers.get(second);

        Div sides = new Div(side(a, "A"), side(b, "B"));
        sides.addClassName("merge-sides");

        survivor.setId("merge-survivor");
        survivor.setLabel("Which record survives?");
        survivor.setItems(List.of(a.id(), b.id()));
        boolean sameName = a.displayName().equals(b.displayName());
        survivor.setItemLabelGenerator(id -> "Keep " + (sameName ? (id.equals(a.id()) ? "A: " : "B: ") : "")
                + (id.equals(a.id()) ? a.displayName() : b.displayName()));
        survivor.addValueChangeListener(e -> confirm.setEnabled(e.getValue() != null));

        Paragraph explain = new Paragraph("The other record's identities, attributes it lacks and all its "
                + "conversations move to the survivor; its old id keeps pointing to the survivor.");
        explain.addClassName("muted");
        add(sides, survivor, explain);

        confirm.setId("confirm-merge");
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_ERROR);
        confirm.setEnabled(false);
        confirm.addClickListener(e -> {
            UUID keep = survivor.getValue();
            UUID absorb = keep.equals(first) ? second : first;
            try {
                CustomerProfile result = customers.merge(keep, absorb);
                close();
                Notifications.success("Merged into " + result.displayName() + ": " + result.identities().size()
                        + " identities");
                merged.accept(result);
            } catch (InvalidInputException | NotFoundException ex) {
                Notifications.error(ex.getMessage());
            }
        });
        Button cancel = new Button("Cancel", e -> close());
        getFooter().add(cancel, confirm);
    }

    private static Div side(CustomerProfile c, String letter) {
        Div side = new Div();
        side.addClassName("merge-side");
        side.add(new H4(letter + ": " + c.displayName()));
        if (c.company() != null) {
            side.add(new Div(c.company()));
        }
        side.add(new Div("Created " + Ages.date(c.createdAt()) + " · last seen " + Ages.age(c.lastSeenAt())));
        c.identities().forEach(i -> {
            Div row = new Div(ChannelIcons.icon(i.type()),
                    new Span(i.displayValue() == null ? i.value() : i.displayValue()));
            row.addClassName("identity");
            side.add(row);
        });
        new TreeMap<>(c.attributes()).forEach((k, v) -> {
            Div row = new Div(new Span(k + ": "), new Span(v));
            row.addClassName("attribute");
            side.add(row);
        });
        return side;
    }
}
