package org.parley.routing.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import org.parley.base.ui.Notifications;
import org.parley.routing.Assignment;
import org.parley.routing.PresenceProperties;
import org.parley.routing.RoutingEnums.Presence;
import org.parley.team.Agent;
import org.parley.team.CurrentAgent;

/**
 * An agent's presence: it follows their session (online at sign-in, away when idle, offline at log-out), and
 * they can choose here (or in the top bar) to be away or offline. Only ONLINE agents below capacity get
 * conversations assigned.
 */
@Route("presence")
@Menu(title = "My presence", order = 85, icon = "vaadin:circle")
@PageTitle("My presence · Parley")
@PermitAll
public class PresenceView extends Div {

    final RadioButtonGroup<Presence> presence = new RadioButtonGroup<>("Presence");

    public PresenceView(Assignment assignment, CurrentAgent currentAgent, PresenceProperties properties) {
        Agent me = currentAgent.require();
        Assignment.AgentStatus status = assignment.status(me.getId());
        presence.setId("presence");
        presence.setItems(Presence.values());
        presence.setItemLabelGenerator(p -> switch (p) {
            case ONLINE -> "Online: assign me conversations";
            case AWAY -> "Away: keep my conversations, assign me nothing new";
            case OFFLINE -> "Offline";
        });
        presence.setValue(status.presence());
        Paragraph capacity = new Paragraph("Capacity: at most " + status.capacity()
                + " open conversations are assigned to you automatically.");
        capacity.setId("capacity");
        java.time.Duration idle = properties.awayAfter();
        Paragraph automatic = new Paragraph("Parley sets this for you: online when you sign in, "
                + (idle == null || idle.isZero() ? "" : "away after " + idle.toMinutes() + " minutes without activity"
                        + " (online again when you are back), ")
                + "offline when you log out. Choose Away or Offline to stay so until you change it or sign in again.");
        automatic.setId("presence-explained");
        presence.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) {
                assignment.setPresence(me.getId(), e.getValue());
                Notifications.success("You are " + e.getValue().name().toLowerCase());
            }
        });
        add(new H2("My presence"), automatic, presence, capacity);
    }
}
