package org.parley.sidebar.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.parley.base.InvalidInputException;
import org.parley.base.ui.Notifications;
import org.parley.sidebar.SidebarApps;

/** Admins add external apps to the customer panel (a frame per app, its URL filled in per customer). */
@Route("admin/sidebar-apps")
@Menu(title = "Sidebar apps", order = 91, icon = "vaadin:browser")
@PageTitle("Sidebar apps · Parley")
@RolesAllowed("ADMIN")
public class SidebarAppsView extends VerticalLayout {

    private final transient SidebarApps apps;
    private final Grid<SidebarApps.App> list = new Grid<>();

    public SidebarAppsView(SidebarApps apps) {
        this.apps = apps;
        addClassName("sidebar-apps-view");
        TextField name = new TextField("Name");
        name.setId("app-name");
        name.setMaxLength(60);
        TextField url = new TextField("URL template");
        url.setId("app-url");
        url.setPlaceholder("https://crm.example.com/contacts?email={customer.email}");
        url.setWidth("32rem");
        url.setHelperText("Variables: " + String.join(" ", SidebarApps.VARIABLES.stream().map(v -> "{" + v + "}")
                .toList()) + " — filled in URL-encoded; https only, variables not in the host");
        IntegerField height = new IntegerField("Height (px)");
        height.setId("app-height");
        height.setValue(400);
        height.setMin(100);
        height.setMax(2000);
        Button add = new Button("Add app", VaadinIcon.PLUS.create(), e -> {
            try {
                apps.add(name.getValue(), url.getValue(), height.getValue() == null ? 0 : height.getValue());
                Notifications.success("“" + name.getValue().strip() + "” is in every customer panel");
                name.clear();
                url.clear();
                url.setInvalid(false);
                refresh();
            } catch (InvalidInputException invalid) {
                url.setInvalid(true);
                url.setErrorMessage(invalid.getMessage());
            }
        });
        add.setId("add-app");
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout form = new HorizontalLayout(name, url, height, add);
        form.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        form.setWrap(true);

        list.setId("sidebar-apps");
        list.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT, GridVariant.LUMO_COMPACT);
        list.addColumn(SidebarApps.App::name).setHeader("Name").setAutoWidth(true);
        list.addColumn(SidebarApps.App::urlTemplate).setHeader("URL template").setFlexGrow(3);
        list.addColumn(SidebarApps.App::height).setHeader("Height").setAutoWidth(true);
        list.addComponentColumn(app -> {
            Button remove = new Button(VaadinIcon.TRASH.create(), e -> confirmRemove(app));
            remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_ERROR);
            remove.setAriaLabel("Remove " + app.name());
            return remove;
        }).setAutoWidth(true).setFlexGrow(0);
        list.setAllRowsVisible(true);
        add(new H2("Sidebar apps"), new Paragraph("An app shows in every agent's customer panel as a frame, given the "
                + "customer and the open conversation in its URL — a CRM record, an order history, a billing page. "
                + "The app's site must allow being framed by Parley."), form, list);
        refresh();
    }

    void refresh() {
        list.setItems(apps.list());
    }

    private void confirmRemove(SidebarApps.App app) {
        ConfirmDialog dialog = new ConfirmDialog("Remove “" + app.name() + "”?", "It leaves every customer panel.",
                "Remove", e -> {
                    apps.remove(app.id());
                    refresh();
                });
        dialog.setId("confirm-remove-app");
        dialog.setCancelable(true);
        dialog.setConfirmButtonTheme("error primary");
        dialog.open();
    }
}
