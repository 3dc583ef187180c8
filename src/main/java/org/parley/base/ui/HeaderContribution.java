package org.parley.base.ui;

import com.vaadin.flow.component.Component;

/**
 * A component another module adds to the top bar of {@link MainLayout} (e.g. the notification
 * bell), so that the layout needs to know no feature module. Spring beans of this type are asked once
 * per layout instance, in the current user's request.
 */
public interface HeaderContribution {

    /** A new component for one layout (one browser tab), or null to add nothing. */
    Component create();
}
