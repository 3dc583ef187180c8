package org.parley.routing.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.ClientCallable;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.menubar.MenuBar;
import com.vaadin.flow.component.menubar.MenuBarVariant;
import com.vaadin.flow.component.contextmenu.MenuItem;
import com.vaadin.flow.spring.annotation.SpringComponent;
import java.util.UUID;
import org.parley.base.ui.HeaderContribution;
import org.parley.routing.Assignment;
import org.parley.routing.RoutingEnums.Presence;
import org.parley.routing.SessionPresence;
import org.parley.team.CurrentAgent;

/**
 * The agent's presence in the top bar (a coloured dot and a word, a menu to change it), kept current by
 * push. It also reports the agent's activity in this tab (keys, clicks, scrolling; at most every 15 s), so
 * that {@link SessionPresence} can tell an idle agent from one at work.
 */
@SpringComponent
class PresenceMenu implements HeaderContribution {

    private final SessionPresence presence;
    private final Assignment assignment;
    private final CurrentAgent currentAgent;

    PresenceMenu(SessionPresence presence, Assignment assignment, CurrentAgent currentAgent) {
        this.presence = presence;
        this.assignment = assignment;
        this.currentAgent = currentAgent;
    }

    @Override
    public Component create() {
        return currentAgent.find().map(agent -> new Menu(agent.getId())).orElse(null);
    }

    static String label(Presence p) {
        return switch (p) {
            case ONLINE -> "Online";
            case AWAY -> "Away";
            case OFFLINE -> "Offline";
        };
    }

    static String color(Presence p) {
        return switch (p) {
            case ONLINE -> "var(--lumo-success-color)";
            case AWAY -> "var(--lumo-warning-color, #e8a400)";
            case OFFLINE -> "var(--lumo-contrast-40pct)";
        };
    }

    /** One tab's presence menu. */
    final class Menu extends MenuBar {

        private final UUID agentId;
        private final MenuItem root;
        private final Icon dot = VaadinIcon.CIRCLE.create();
        private final Span text = new Span();
        private AutoCloseable subscription;

        Menu(UUID agentId) {
            this.agentId = agentId;
            setId("presence-menu");
            addThemeVariants(MenuBarVariant.LUMO_TERTIARY_INLINE, MenuBarVariant.LUMO_SMALL);
            dot.setSize("var(--lumo-icon-size-s)");
            dot.getStyle().set("padding", "0 var(--lumo-space-xs) 0 0").set("width", "0.6em").set("height", "0.6em");
            root = addItem(new Span(dot, text));
            root.setAriaLabel("My presence");
            for (Presence p : Presence.values()) {
                MenuItem item = root.getSubMenu().addItem(switch (p) {
                    case ONLINE -> "Online: assign me conversations";
                    case AWAY -> "Away: assign me nothing new";
                    case OFFLINE -> "Offline";
                }, e -> {
                    assignment.setPresence(agentId, p);
                    show(p);
                });
                item.setId("presence-menu-" + p.name().toLowerCase());
            }
            show(assignment.status(agentId).presence());
        }

        Presence shown() {
            return Presence.valueOf(text.getElement().getAttribute("data-presence"));
        }

        void show(Presence p) {
            text.setText(label(p));
            text.getElement().setAttribute("data-presence", p.name());
            dot.setColor(color(p));
            root.getElement().setAttribute("title", "You are " + label(p).toLowerCase() + " (Parley sets this from your"
                    + " sign-in and activity; choose here to override)");
        }

        /** The browser reports activity in this tab. */
        @ClientCallable
        void active() {
            presence.active(agentId);
        }

        @Override
        protected void onAttach(AttachEvent event) {
            super.onAttach(event);
            UI ui = event.getUI();
            subscription = presence.onChange(change -> {
                if (change.agentId().equals(agentId)) {
                    ui.access(() -> show(change.presence()));
                }
            });
            // one listener per tab on the window, throttled; removed once this menu is gone
            getElement().executeJs("""
                    const menu = this;
                    let last = 0;
                    const kinds = ['keydown', 'pointerdown', 'wheel', 'touchstart', 'mousemove'];
                    const ping = () => {
                      if (!menu.isConnected) { kinds.forEach(k => window.removeEventListener(k, ping, true)); return; }
                      const now = Date.now();
                      if (now - last > 15000) { last = now; menu.$server.active(); }
                    };
                    kinds.forEach(k => window.addEventListener(k, ping, {capture: true, passive: true}));
                    ping();""");
        }

        @Override
        protected void onDetach(DetachEvent event) {
            if (subscription != null) {
                try {
                    subscription.close();
                } catch (Exception ignored) {
                    // removing a listener does not fail
                }
            }
            super.onDetach(event);
        }
    }
}
