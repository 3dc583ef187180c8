package org.parley.reply.ui;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.Shortcuts;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.parley.base.Channel;
import org.parley.reply.CannedResponseService;
import org.parley.reply.CannedResponseView;
import org.parley.reply.Variables;

/**
 * The canned response picker of the composer: a search field with fuzzy search over title,
 * shortcut and body, the results, and a preview with the variables filled in for this customer,
 * agent, team and conversation (missing values highlighted). Keyboard: type to search, arrow
 * up/down to move, Enter to take the highlighted response, Esc to close.
 */
public class CannedResponsePicker extends Dialog {

    static final int RESULTS = 20;

    private final transient CannedResponseService responses;
    private final UUID agentId;
    private final UUID conversationId;
    private final Channel channel;
    private final TextField search = new TextField();
    private final Div results = new Div();
    private final Div preview = new Div();
    private final Span warning = new Span();
    private final List<CannedResponseView> shown = new ArrayList<>();
    private int highlighted = -1;
    private Variables.Rendering rendering;
    private final BiConsumer<CannedResponseView, Variables.Rendering> picked;

    /**
     * @param picked called with the chosen response and its rendering (the dialog closes itself)
     */
    public CannedResponsePicker(CannedResponseService responses, UUID agentId, UUID conversationId, Channel channel,
            BiConsumer<CannedResponseView, Variables.Rendering> picked) {
        this.responses = responses;
        this.agentId = agentId;
        this.conversationId = conversationId;
        this.channel = channel;
        this.picked = picked;
        setId("canned-picker");
        addClassName("canned-picker");
        setHeaderTitle("Canned responses");
        setWidth("min(52rem, 95vw)");

        search.setId("canned-search");
        search.setPlaceholder("Search title, shortcut or text…");
        search.setWidthFull();
        search.setValueChangeMode(ValueChangeMode.EAGER);
        search.addValueChangeListener(e -> update(e.getValue()));
        Shortcuts.addShortcutListener(this, () -> move(1), Key.ARROW_DOWN).listenOn(search);
        Shortcuts.addShortcutListener(this, () -> move(-1), Key.ARROW_UP).listenOn(search);
        Shortcuts.addShortcutListener(this, this::pickHighlighted, Key.ENTER).listenOn(search);

        results.setId("canned-results");
        results.addClassName("canned-results");
        preview.setId("canned-preview");
        preview.addClassName("canned-preview");
        warning.setId("canned-warning");
        warning.addClassName("canned-warning");
        Div body = new Div(results, new Div(preview, warning));
        body.addClassName("canned-picker-body");
        add(search, body);
        addOpenedChangeListener(e -> {
            if (e.isOpened()) {
                search.focus();
            }
        });
        update("");
    }

    /** Searches (what typing in the search field does). */
    public void update(String query) {
        shown.clear();
        shown.addAll(responses.search(agentId, query, RESULTS));
        highlighted = shown.isEmpty() ? -1 : 0;
        renderResults();
    }

    /** Moves the highlight (arrow keys). */
    public void move(int step) {
        if (shown.isEmpty()) {
            return;
        }
        highlighted = Math.floorMod(highlighted + step, shown.size());
        renderResults();
    }

    /** Takes the highlighted response (Enter). */
    public void pickHighlighted() {
        if (highlighted < 0 || rendering == null) {
            return;
        }
        CannedResponseView chosen = shown.get(highlighted);
        Variables.Rendering chosenRendering = rendering;
        close();
        picked.accept(chosen, chosenRendering);
    }

    public List<CannedResponseView> results() {
        return List.copyOf(shown);
    }

    public CannedResponseView highlightedResponse() {
        return highlighted < 0 ? null : shown.get(highlighted);
    }

    public Variables.Rendering rendering() {
        return rendering;
    }

    TextField searchField() {
        return search;
    }

    private void renderResults() {
        results.removeAll();
        for (int i = 0; i < shown.size(); i++) {
            CannedResponseView r = shown.get(i);
            Div row = new Div();
            row.addClassName("canned-result");
            row.getElement().getClassList().set("highlighted", i == highlighted);
            row.getElement().setAttribute("data-shortcut", r.shortcut());
            Span title = new Span(r.title());
            title.addClassName("canned-title");
            Span shortcut = new Span("/" + r.shortcut());
            shortcut.addClassName("canned-shortcut");
            Span scope = new Span(r.scope().name().toLowerCase());
            scope.addClassName("canned-scope");
            row.add(title, shortcut, scope);
            int index = i;
            row.addClickListener(e -> {
                if (index == highlighted) {
                    pickHighlighted();
                } else {
                    highlighted = index;
                    renderResults();
                }
            });
            results.add(row);
        }
        if (shown.isEmpty()) {
            Div none = new Div("No canned response matches.");
            none.addClassName("canned-none");
            results.add(none);
        }
        renderPreview();
    }

    private void renderPreview() {
        if (highlighted < 0) {
            rendering = null;
            preview.getElement().setProperty("innerHTML", "");
            warning.setText("");
            return;
        }
        CannedResponseView r = shown.get(highlighted);
        rendering = responses.render(agentId, r.id(), conversationId, channel);
        // every value is HTML-escaped by Variables.render; only its own <mark>/<span>/<br> remain
        preview.getElement().setProperty("innerHTML", rendering.previewHtml());
        StringBuilder says = new StringBuilder();
        if (!rendering.complete()) {
            says.append("No value for ").append(String.join(", ", rendering.missing().stream()
                    .map(v -> "{{" + v + "}}").toList())).append(": fill it in before sending.");
        }
        if (!r.macro().isEmpty()) {
            says.append(says.isEmpty() ? "" : " ").append("When sent: ").append(r.macro().describe()).append('.');
        }
        warning.setText(says.toString());
        warning.getElement().getClassList().set("missing", !rendering.complete());
    }
}
