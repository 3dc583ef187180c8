package org.parley.base.ui;

import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.server.menu.MenuConfiguration;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.PermitAll;

/**
 * The frame around every view: navigation built from the views' {@code @Menu} entries (so each
 * feature adds itself and only the views a user may open appear), the user, and logout.
 */
@Layout
@PermitAll
public class MainLayout extends AppLayout {

    public MainLayout(AuthenticationContext authentication, java.util.List<HeaderContribution> contributions) {
        setPrimarySection(Section.DRAWER);
        Span brand = new Span("Parley");
        brand.addClassName("brand");

        SideNav nav = new SideNav();
        MenuConfiguration.getMenuEntries().forEach(entry -> {
            SideNavItem item = new SideNavItem(entry.title(), entry.path());
            if (entry.icon() != null && !entry.icon().isBlank()) {
                item.setPrefixComponent(new Icon(entry.icon()));
            }
            nav.addItem(item);
        });
        addToDrawer(brand, nav);

        Span user = new Span(authentication.getPrincipalName().orElse(""));
        user.addClassName("current-user");
        Button logout = new Button("Log out", VaadinIcon.SIGN_OUT.create(), click -> authentication.logout());
        logout.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        HorizontalLayout bar = new HorizontalLayout(user, logout);
        contributions.stream().map(HeaderContribution::create).filter(java.util.Objects::nonNull)
                .forEach(bar::addComponentAsFirst);
        bar.setAlignItems(HorizontalLayout.Alignment.CENTER);
        bar.addClassName("top-bar");
        addToNavbar(new DrawerToggle(), bar);
    }
}
