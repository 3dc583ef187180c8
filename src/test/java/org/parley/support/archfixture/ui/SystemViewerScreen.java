package org.parley.support.archfixture.ui;

import org.parley.conversation.ConversationAccess.Viewer;

/** A deliberate violation for ServiceAccessArchitectureTest: a screen that acts as Parley instead of its user. */
public class SystemViewerScreen {

    public Viewer viewer() {
        return Viewer.SYSTEM;
    }
}
