package org.parley.privacy.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import jakarta.annotation.security.RolesAllowed;
import java.io.OutputStream;
import java.util.List;
import java.util.stream.Collectors;
import org.parley.base.InvalidInputException;
import org.parley.base.ui.Notifications;
import org.parley.customer.CustomerDirectory;
import org.parley.customer.CustomerProfile;
import org.parley.privacy.CustomerDataExport;
import org.parley.privacy.RetentionProperties;
import org.parley.privacy.RetentionRun;

/**
 * Data-subject requests for admins: find a customer, download everything held about them, or erase them
 * (after typing their name to confirm). Shows the retention policy and can run it now.
 */
@Route("admin/privacy")
@Menu(title = "Data requests", order = 96, icon = "vaadin:user-card")
@PageTitle("Data requests · Parley")
@RolesAllowed("ADMIN")
public class DataRequestsView extends VerticalLayout {

    private final transient CustomerDirectory customers;
    private final transient CustomerDataExport export;
    private final transient RetentionRun retention;
    private final TextField search = new TextField();
    private final Grid<CustomerProfile> grid = new Grid<>();
    private final Anchor download = new Anchor();
    private final Button exportButton = new Button("Export data (ZIP)", VaadinIcon.DOWNLOAD.create());
    private final Button eraseButton = new Button("Erase…", VaadinIcon.TRASH.create());
    /** The customer the buttons act on; the download reads it outside the UI lock. */
    private volatile CustomerProfile selected;

    public DataRequestsView(CustomerDirectory customers, CustomerDataExport export, RetentionRun retention) {
        this.customers = customers;
        this.export = export;
        this.retention = retention;
        addClassName("data-requests-view");
        setSizeFull();

        search.setId("privacy-search");
        search.setPlaceholder("Find the customer: name, email, phone or handle");
        search.setPrefixComponent(VaadinIcon.SEARCH.create());
        search.setClearButtonVisible(true);
        search.setWidth("28em");
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.addValueChangeListener(e -> refresh());

        grid.setId("privacy-customers");
        grid.addColumn(CustomerProfile::displayName).setHeader("Customer").setAutoWidth(true);
        grid.addColumn(c -> c.identities().stream().map(i -> i.type().label() + " " + i.displayValue())
                .collect(Collectors.joining(", "))).setHeader("Identities").setFlexGrow(1);
        grid.asSingleSelect().addValueChangeListener(e -> select(e.getValue()));
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        grid.setHeight("24em");

        add(new H2("Data requests"),
                new Paragraph("Answer a customer's request to see their data (export) or to be forgotten (erase)."
                        + " Both are recorded in the audit trail."),
                search, actions(), grid, retentionSection());
    }

    private HorizontalLayout actions() {
        DownloadHandler zip = event -> {
            CustomerProfile customer = selected;
            if (customer == null) {
                event.getResponse().setStatus(404);
                return;
            }
            event.setFileName(export.fileName(customer.id()));
            event.setContentType("application/zip");
            try (OutputStream out = event.getOutputStream()) {
                export.writeZip(customer.id(), out);
            }
        };
        download.setHref(zip);
        exportButton.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        download.add(exportButton);
        download.setId("privacy-export");
        eraseButton.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        eraseButton.setId("privacy-erase");
        eraseButton.addClickListener(click -> {
            if (selected != null) {
                confirmErase(selected);
            }
        });
        select(null);
        return new HorizontalLayout(download, eraseButton);
    }

    private void select(CustomerProfile customer) {
        selected = customer;
        download.setEnabled(customer != null);
        exportButton.setEnabled(customer != null);
        eraseButton.setEnabled(customer != null);
    }

    private void confirmErase(CustomerProfile customer) {
        Dialog dialog = new Dialog();
        dialog.setId("erase-dialog");
        dialog.setHeaderTitle("Erase " + customer.displayName() + "?");
        TextField confirm = new TextField("Type the customer's name to confirm");
        confirm.setId("erase-confirm-name");
        confirm.setWidthFull();
        TextField reason = new TextField("Reason (for the audit trail)");
        reason.setId("erase-reason");
        reason.setWidthFull();
        Button eraseButton = new Button("Erase for good", click -> {
            if (!confirm.getValue().strip().equals(customer.displayName())) {
                confirm.setInvalid(true);
                confirm.setErrorMessage("That is not the customer's name");
                return;
            }
            try {
                customers.erase(customer.id(), reason.getValue());
                Notifications.success(customer.displayName() + " was erased");
                dialog.close();
                refresh();
            } catch (InvalidInputException e) {
                Notifications.error(e.getMessage());
            }
        });
        eraseButton.setId("erase-confirm");
        eraseButton.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_ERROR);
        dialog.add(new Paragraph("Name, company, notes, CRM attributes and identities are removed, and every message"
                + " from or to this customer is replaced by \"[erased]\". This cannot be undone."), confirm, reason);
        dialog.getFooter().add(new Button("Cancel", click -> dialog.close()), eraseButton);
        dialog.open();
    }

    private VerticalLayout retentionSection() {
        RetentionProperties policy = retention.policy();
        Paragraph status = new Paragraph(policy.enabled()
                ? "Resolved conversations without activity for " + policy.resolvedConversationsDays() + " days are "
                        + (policy.mode() == org.parley.conversation.ConversationRetention.Mode.DELETE ? "deleted" : "anonymised")
                        + " on the schedule \"" + policy.cron() + "\"."
                : "Off: resolved conversations are kept. Set parley.retention.resolved-conversations-days to turn it on.");
        status.setId("retention-status");
        Button runNow = new Button("Run retention now", click -> {
            long handled = retention.runNow();
            Notifications.success(handled + " conversations handled");
        });
        runNow.setId("retention-run");
        runNow.setEnabled(policy.enabled());
        VerticalLayout section = new VerticalLayout(new H3("Retention"), status, runNow);
        section.setPadding(false);
        return section;
    }

    private void refresh() {
        String text = search.getValue();
        List<CustomerProfile> found = text == null || text.isBlank() ? List.of() : customers.search(text, 50);
        grid.setItems(found);
        select(null);
    }
}
