package org.parley.customer.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.renderer.LitRenderer;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.parley.base.Channel;
import org.parley.base.InvalidInputException;
import org.parley.base.ui.Ages;
import org.parley.base.ui.Notifications;
import org.parley.customer.CustomerDirectory;
import org.parley.customer.CustomerDirectory.IdentityInput;
import org.parley.customer.CustomerProfile;

/**
 * Find customers by name, email, phone or handle; open one's timeline, edit them, or merge two
 * records of the same person (the agent picks which one survives).
 */
@Route("customers")
@Menu(title = "Customers", order = 10, icon = "vaadin:users")
@PageTitle("Customers · Parley")
@PermitAll
public class CustomersView extends Div {

    static final int RESULTS = 100;

    private final transient CustomerDirectory customers;
    private final TextField search = new TextField();
    private final Grid<CustomerProfile> grid = new Grid<>();
    private final Button open = new Button("Open timeline", VaadinIcon.LINES_LIST.create());
    private final Button edit = new Button("Edit", VaadinIcon.EDIT.create());
    private final Button merge = new Button("Merge…", VaadinIcon.COMPRESS_SQUARE.create());
    private final Button mergeHistory = new Button("Merges", VaadinIcon.SPLIT.create());

    private final transient org.parley.customer.CustomerAttributeImport attributeImport;

    public CustomersView(CustomerDirectory customers, org.parley.customer.CustomerAttributeImport attributeImport) {
        this.customers = customers;
        this.attributeImport = attributeImport;
        addClassName("customers-view");
        setSizeFull();

        search.setId("customer-search");
        search.setPlaceholder("Search name, email, phone or handle");
        search.setPrefixComponent(VaadinIcon.SEARCH.create());
        search.setClearButtonVisible(true);
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.setValueChangeTimeout(300);
        search.addValueChangeListener(e -> refresh());
        search.addClassName("customer-search");

        Button create = new Button("New customer", VaadinIcon.PLUS.create(), e -> createDialog());
        create.setId("new-customer");
        open.setId("open-timeline");
        open.addClickListener(e -> single().ifPresent(c -> openTimeline(c.id())));
        edit.setId("edit-customer");
        edit.addClickListener(e -> single().ifPresent(c -> edit(c.id())));
        merge.setId("merge-customers");
        merge.addClickListener(e -> mergeSelected());
        mergeHistory.setId("merge-history-button");
        mergeHistory.setTooltipText("Customers merged into this one, and undoing a merge");
        mergeHistory.addClickListener(e -> single().ifPresent(c -> new MergeHistoryDialog(customers, c, this::refresh).open()));
        Button importAttributes = new Button("Import attributes", VaadinIcon.UPLOAD.create(),
                e -> new AttributeImportDialog(attributeImport, this::refresh).open());
        importAttributes.setId("import-attributes");
        importAttributes.setTooltipText("Attributes from a CRM's CSV export, by identity");
        Div toolbar = new Div(search, create, open, edit, merge, mergeHistory, importAttributes);
        toolbar.addClassName("toolbar");

        grid.setId("customer-list");
        grid.addClassName("customer-list");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setSelectionMode(Grid.SelectionMode.MULTI);
        grid.addColumn(CustomerProfile::displayName).setHeader("Name").setFlexGrow(2).setKey("name");
        grid.addColumn(c -> c.company() == null ? "" : c.company()).setHeader("Company").setKey("company");
        grid.addColumn(CustomersView::identitySummary).setHeader("Identities").setFlexGrow(3).setKey("identities");
        grid.addColumn(c -> Ages.age(c.lastSeenAt())).setHeader("Last seen").setKey("lastSeen").setFlexGrow(0)
                .setWidth("8em");
        grid.addColumn(LitRenderer.<CustomerProfile>of(
                        "<vaadin-button theme=\"tertiary small\" @click=\"${open}\">Timeline</vaadin-button>"
                                + "<vaadin-button theme=\"tertiary small\" @click=\"${edit}\">Edit</vaadin-button>")
                        .withFunction("open", c -> openTimeline(c.id()))
                        .withFunction("edit", c -> edit(c.id())))
                .setHeader("").setKey("actions").setFlexGrow(0).setWidth("12em");
        grid.addItemDoubleClickListener(e -> openTimeline(e.getItem().id()));
        grid.asMultiSelect().addValueChangeListener(e -> updateButtons());

        add(toolbar, grid);
        refresh();
    }

    static String identitySummary(CustomerProfile c) {
        String summary = c.identities().stream().limit(3)
                .map(i -> i.type().label() + ": " + (i.displayValue() == null ? i.value() : i.displayValue()))
                .collect(Collectors.joining(", "));
        return c.identities().size() > 3 ? summary + " +" + (c.identities().size() - 3) : summary;
    }

    void refresh() {
        List<CustomerProfile> found = customers.search(search.getValue(), RESULTS);
        Set<UUID> selected = grid.getSelectedItems().stream().map(CustomerProfile::id).collect(Collectors.toSet());
        grid.setItems(found);
        found.stream().filter(c -> selected.contains(c.id())).forEach(grid::select);
        updateButtons();
    }

    private void updateButtons() {
        int selected = grid.getSelectedItems().size();
        open.setEnabled(selected == 1);
        edit.setEnabled(selected == 1);
        merge.setEnabled(selected == 2);
        mergeHistory.setEnabled(selected == 1);
        merge.setText(selected == 2 ? "Merge 2 customers…" : "Merge… (select 2)");
    }

    private java.util.Optional<CustomerProfile> single() {
        return grid.getSelectedItems().size() == 1 ? grid.getSelectedItems().stream().findFirst()
                : java.util.Optional.empty();
    }

    private void openTimeline(UUID id) {
        // by route string: the customer module knows nothing of conversations
        getUI().ifPresent(ui -> ui.navigate("customers/" + id + "/timeline"));
    }

    private void edit(UUID id) {
        new CustomerEditDialog(customers, id, this::refresh).open();
    }

    private void mergeSelected() {
        List<CustomerProfile> two = new ArrayList<>(grid.getSelectedItems());
        if (two.size() != 2) {
            Notifications.error("Select exactly two customers to merge");
            return;
        }
        new MergeDialog(customers, two.get(0).id(), two.get(1).id(), survivor -> {
            grid.deselectAll();
            refresh();
            grid.getListDataView().getItems().filter(c -> c.id().equals(survivor.id())).findFirst()
                    .ifPresent(grid::select);
        }).open();
    }

    private void createDialog() {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("New customer");
        dialog.setId("new-customer-dialog");
        TextField name = new TextField("Name");
        name.setId("new-customer-name");
        Select<Channel> type = new Select<>();
        type.setLabel("Identity type");
        type.setItems(Channel.values());
        type.setItemLabelGenerator(Channel::label);
        type.setValue(Channel.EMAIL);
        TextField value = new TextField("Identity (optional)");
        value.setId("new-customer-identity");
        Button save = new Button("Create", e -> {
            try {
                List<IdentityInput> identities = value.getValue().isBlank() ? List.of()
                        : List.of(new IdentityInput(type.getValue(), value.getValue()));
                CustomerProfile created = customers.create(name.getValue(), identities);
                dialog.close();
                Notifications.success("Created " + created.displayName());
                search.setValue(created.displayName());
                refresh();
            } catch (InvalidInputException ex) {
                Notifications.error(ex.getMessage());
            }
        });
        save.setId("create-customer");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Div form = new Div(name, type, value);
        form.addClassName("dialog-form");
        dialog.add(form);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        dialog.open();
        name.focus();
    }
}
