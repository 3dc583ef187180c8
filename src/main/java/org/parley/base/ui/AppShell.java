package org.parley.base.ui;

import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.server.PWA;
import com.vaadin.flow.theme.lumo.Lumo;

/** Application-wide page settings: Lumo, Parley's stylesheet, server push over WebSocket. */
@Push
@StyleSheet(Lumo.STYLESHEET)
@StyleSheet("styles/parley.css")
@PWA(name = "Parley", shortName = "Parley")
public class AppShell implements AppShellConfigurator {
}
