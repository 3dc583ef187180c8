package org.parley.customer.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.UUID;
import org.parley.base.InvalidInputException;
import org.parley.base.NotFoundException;
import org.parley.base.ui.Notifications;
import org.parley.customer.CustomerDirectory;
import org.parley.customer.CustomerDirectory.MergeRecord;
import org.parley.customer.CustomerProfile;

/**
 * The customers merged into one, and the way back: undoing a merge makes the absorbed customer a customer of
 * its own again, with its identities, attributes and the conversations the merge moved.
 */
class MergeHistoryDialog extends Dialog {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
            .withZone(ZoneId.systemDefault());

    private final transient CustomerDirectory customers;
    private final UUID customerId;
    private final Runnable changed;
    private final Grid<MergeRecord> grid = new Grid<>();
    private final Paragraph empty = new Paragraph("No customer was merged into this one.");

    MergeHistoryDialog(CustomerDirectory customers, CustomerProfile customer, Runnable changed) {
        this.customers = customers;
        this.customerId = customer.id();
        this.changed = changed;
        setId("merge-history-dialog");
        setHeaderTitle("Merged into " + customer.displayName());
        setWidth("52em");

        grid.setId("merge-history");
        grid.setAllRowsVisible(true);
        grid.addColumn(MergeRecord::absorbedName).setHeader("Customer").setKey("absorbed").setFlexGrow(2);
        grid.addColumn(m -> WHEN.format(m.mergedAt()) + (m.mergedBy() == null ? "" : " by " + m.mergedBy()))
                .setHeader("Merged").setKey("merged").setFlexGrow(2);
        grid.addColumn(m -> m.undone() ? "undone " + WHEN.format(m.unmergedAt())
                + (m.unmergedBy() == null ? "" : " by " + m.unmergedBy()) : "")
                .setHeader("Undone").setKey("undone").setFlexGrow(2);
        grid.addComponentColumn(this::undoButton).setHeader("").setKey("actions").setFlexGrow(0).setWidth("9em");

        add(empty, grid);
        getFooter().add(new Button("Close", e -> close()));
        refresh();
    }

    private Button undoButton(MergeRecord merge) {
        Button undo = new Button("Undo merge", e -> confirm(merge));
        undo.setId("undo-merge-" + merge.id());
        undo.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
        undo.setVisible(!merge.undone());
        return undo;
    }

    private void confirm(MergeRecord merge) {
        ConfirmDialog confirm = new ConfirmDialog("Undo this merge?", merge.absorbedName()
                + " becomes a customer of their own again, with the identities, attributes and conversations the"
                + " merge moved. Conversations that started after the merge stay here.", "Undo merge", yes -> undo(merge));
        confirm.setId("confirm-unmerge");
        confirm.setCancelable(true);
        confirm.setConfirmButtonTheme("error primary");
        confirm.open();
    }

    void undo(MergeRecord merge) {
        try {
            CustomerProfile restored = customers.unmerge(merge.id());
            Notifications.success(restored.displayName() + " is a customer of their own again");
            refresh();
            changed.run();
        } catch (InvalidInputException | NotFoundException e) {
            Notifications.error(e.getMessage());
        }
    }

    private void refresh() {
        List<MergeRecord> merges = customers.mergesInto(customerId);
        grid.setItems(merges);
        grid.setVisible(!merges.isEmpty());
        empty.setVisible(merges.isEmpty());
    }
}
