package org.parley.wallboard.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.parley.team.CurrentAgent;
import org.parley.wallboard.Tiles;
import org.parley.wallboard.Wallboard;
import org.parley.wallboard.WallboardScope;
import org.parley.wallboard.WallboardSnapshot;

/**
 * Big numbers per team and for the desk, for a screen on the wall: updated by push when conversations,
 * presence or escalations change, the oldest waiting time ticking every second.
 */
@Route("wallboard")
@Menu(title = "Wallboard", order = 25, icon = "vaadin:dashboard")
@PageTitle("Wallboard · Parley")
@RolesAllowed({"LEAD", "SUPERVISOR", "ADMIN"})
@StyleSheet("styles/wallboard.css")
public class WallboardView extends Div {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final transient Wallboard wallboard;
    private final transient Clock clock;
    private final WallboardScope scope;
    private final Span updated = new Span();
    private final Div totals = new Div();
    private final Div teams = new Div();
    /** The "oldest waiting" numbers on screen and the instants they count from, for the ticks. */
    private final Map<Span, Instant> ages = new HashMap<>();
    private final AtomicReference<WallboardSnapshot> latest = new AtomicReference<>();
    private final AtomicBoolean changedSinceShown = new AtomicBoolean();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private transient Wallboard.Subscription subscription;

    public WallboardView(Wallboard wallboard, CurrentAgent currentAgent, Clock clock) {
        this.wallboard = wallboard;
        this.clock = clock;
        this.scope = wallboard.scopeOf(currentAgent.require());
        addClassName("wallboard");
        setSizeFull();
        updated.setId("wallboard-updated");
        updated.addClassName("wallboard-updated");
        totals.setId("wallboard-totals");
        totals.addClassName("wallboard-totals");
        teams.setId("wallboard-teams");
        teams.addClassName("wallboard-teams");
        Div header = new Div(new H2(scope.all() ? "Wallboard · whole desk" : "Wallboard · my teams"), updated);
        header.addClassName("wallboard-header");
        add(header, totals, teams);
        show(wallboard.board(scope));
    }

    @Override
    protected void onAttach(AttachEvent event) {
        UI ui = event.getUI();
        subscription = wallboard.subscribe(scope, (board, changed) -> received(ui, board, changed));
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
    }

    /** On the wallboard's thread: keeps only the newest board and asks the UI for one turn at a time. */
    private void received(UI ui, WallboardSnapshot board, boolean changed) {
        latest.set(board);
        if (changed) {
            changedSinceShown.set(true);
        }
        if (!scheduled.compareAndSet(false, true)) {
            return;
        }
        try {
            ui.access(() -> {
                scheduled.set(false);
                WallboardSnapshot newest = latest.get();
                if (changedSinceShown.getAndSet(false)) {
                    show(newest);
                } else {
                    tick();
                }
            });
        } catch (UIDetachedException e) {
            scheduled.set(false);
            if (subscription != null) {
                subscription.close();
            }
        }
    }

    private void show(WallboardSnapshot board) {
        ages.clear();
        totals.removeAll();
        totals.add(card(board.totals(), "total"));
        teams.removeAll();
        board.teams().forEach(t -> teams.add(card(t, t.teamId() == null ? "none" : t.teamId().toString())));
        updated.setText("updated " + TIME.format(board.computedAt()));
        tick();
    }

    private void tick() {
        Instant now = clock.instant();
        ages.forEach((span, since) -> span.setText(waited(since, now)));
    }

    private Div card(Tiles t, String key) {
        H3 name = new H3(t.teamName());
        Div numbers = new Div(
                tile(key, "depth", "In queue", Long.toString(t.depth()), false),
                tile(key, "unassigned", "Unassigned", Long.toString(t.unassigned()), false),
                oldest(key, t.oldestWaitingSince()),
                tile(key, "online", "Online", Long.toString(t.agentsOnline()), false),
                tile(key, "away", "Away", Long.toString(t.agentsAway()), false),
                tile(key, "offline", "Offline", Long.toString(t.agentsOffline()), false),
                tile(key, "at-risk", "At risk", Long.toString(t.atRisk()), t.atRisk() > 0),
                tile(key, "breached", "Breached", Long.toString(t.breached()), t.breached() > 0));
        numbers.addClassName("wallboard-tiles");
        Div card = new Div(name, numbers);
        card.addClassName("wallboard-card");
        card.setId("wallboard-" + key);
        return card;
    }

    private Div oldest(String key, Instant since) {
        Div tile = tile(key, "oldest", "Oldest waiting", "–", false);
        if (since != null) {
            Span value = (Span) tile.getChildren().filter(c -> c.hasClassName("wallboard-value")).findFirst().orElseThrow();
            ages.put(value, since);
        }
        return tile;
    }

    private static Div tile(String key, String what, String label, String value, boolean alarm) {
        Span number = new Span(value);
        number.addClassName("wallboard-value");
        number.setId("wallboard-" + key + "-" + what);
        Span caption = new Span(label);
        caption.addClassName("wallboard-label");
        Div tile = new Div(number, caption);
        tile.addClassNames("wallboard-tile", "wallboard-" + what);
        if (alarm) {
            tile.addClassName("alarm");
        }
        return tile;
    }

    /** "0:42", "12:05", "3:07:15", "2 d 4 h": how long the oldest customer has waited. */
    static String waited(Instant since, Instant now) {
        Duration d = Duration.between(since, now);
        if (d.isNegative()) {
            d = Duration.ZERO;
        }
        long s = d.toSeconds();
        if (s >= 86_400) {
            return (s / 86_400) + " d " + (s % 86_400) / 3600 + " h";
        }
        if (s >= 3600) {
            return String.format("%d:%02d:%02d", s / 3600, (s % 3600) / 60, s % 60);
        }
        return String.format("%d:%02d", s / 60, s % 60);
    }
}
