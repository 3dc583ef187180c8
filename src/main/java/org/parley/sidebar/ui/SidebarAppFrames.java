package org.parley.sidebar.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.IFrame;
import java.util.List;
import java.util.UUID;
import org.parley.conversation.CustomerPanelExtension;
import org.parley.customer.CustomerProfile;
import org.parley.sidebar.SidebarApps;


/** The sidebar apps in the customer panel: one collapsible frame each, given the customer and the conversation. */
@org.springframework.stereotype.Component
class SidebarAppFrames implements CustomerPanelExtension {

    private final SidebarApps apps;

    SidebarAppFrames(SidebarApps apps) {
        this.apps = apps;
    }

    @Override
    public Component create(CustomerProfile customer, UUID conversationId, Runnable changed) {
        Div all = new Div();
        all.addClassName("sidebar-apps");
        List<SidebarApps.App> list = apps.list();
        for (SidebarApps.App app : list) {
            IFrame frame = new IFrame(SidebarApps.url(app.urlTemplate(), customer, conversationId));
            frame.setHeight(app.height() + "px");
            frame.setWidthFull();
            frame.setSandbox(IFrame.SandboxType.ALLOW_SCRIPTS, IFrame.SandboxType.ALLOW_FORMS,
                    IFrame.SandboxType.ALLOW_POPUPS, IFrame.SandboxType.ALLOW_SAME_ORIGIN);
            frame.getElement().setAttribute("referrerpolicy", "no-referrer");
            frame.getElement().setAttribute("title", app.name());
            frame.addClassName("sidebar-app-frame");
            Details details = new Details(app.name(), frame);
            details.setOpened(list.size() == 1);
            details.addClassName("sidebar-app");
            details.getElement().setAttribute("data-app", app.id().toString());
            all.add(details);
        }
        return all;
    }
}
