package org.parley.sla.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.parley.base.InvalidInputException;
import org.parley.conversation.Priority;
import org.parley.sla.PolicySpec;

/**
 * An SLA policy's targets as a form: a line per priority (most urgent first) with first response, next
 * response and resolution, typed as {@code 30m}, {@code 4h}, {@code 1h 30m} or {@code 2d} (business time of
 * the calendar); blank is not watched, a line left blank has no clock. Ids:
 * {@code target-<priority>-first|next|resolution}.
 */
class TargetsForm extends Div {

    /** The fields of one priority: first response, next response, resolution. */
    record Line(TextField first, TextField next, TextField resolution) {
    }

    private final Map<Priority, Line> lines = new EnumMap<>(Priority.class);
    private final List<Runnable> listeners = new ArrayList<>();
    private boolean quiet;

    TargetsForm() {
        addClassName("targets-form");
        setId("policy-targets-form");
        Div head = new Div(new Span("Priority"), new Span("First response"), new Span("Next response"),
                new Span("Resolution"));
        head.addClassName("targets-head");
        add(head);
        List<Priority> order = new ArrayList<>(List.of(Priority.values()));
        java.util.Collections.reverse(order);
        for (Priority p : order) {
            Line line = new Line(field(p, "first"), field(p, "next"), field(p, "resolution"));
            lines.put(p, line);
            Span name = new Span(SlaText.priority(p.name()));
            name.addClassName("targets-priority");
            Div row = new Div(name, line.first(), line.next(), line.resolution());
            row.addClassName("targets-line");
            add(row);
        }
    }

    private TextField field(Priority p, String which) {
        TextField f = new TextField();
        f.setId("target-" + p.name().toLowerCase(Locale.ROOT) + "-" + which);
        f.setAriaLabel(SlaText.priority(p.name()) + " " + which);
        f.setPlaceholder("–");
        f.setValueChangeMode(ValueChangeMode.ON_CHANGE);
        f.setWidth("7em");
        f.addValueChangeListener(e -> {
            try {
                Integer minutes = SlaText.parseDuration(e.getValue(), "targets");
                f.setInvalid(false);
                if (e.isFromClient() && minutes != null) {
                    quiet = true;
                    f.setValue(SlaText.durationInput(minutes)); // shown the way it is understood
                    quiet = false;
                }
            } catch (InvalidInputException ex) {
                f.setInvalid(true);
                f.setErrorMessage("e.g. 30m, 4h, 2d");
            }
            if (!quiet) {
                listeners.forEach(Runnable::run);
            }
        });
        return f;
    }

    /** The targets as the policy spec has them; refuses a field it cannot read, naming it. */
    List<PolicySpec.Target> value() {
        List<PolicySpec.Target> targets = new ArrayList<>();
        for (Map.Entry<Priority, Line> e : lines.entrySet()) {
            String name = SlaText.priority(e.getKey().name());
            Integer first = SlaText.parseDuration(e.getValue().first().getValue(), name + " first response");
            Integer next = SlaText.parseDuration(e.getValue().next().getValue(), name + " next response");
            Integer resolution = SlaText.parseDuration(e.getValue().resolution().getValue(), name + " resolution");
            if (first != null || next != null || resolution != null) {
                targets.add(new PolicySpec.Target(e.getKey().name(), first, next, resolution));
            }
        }
        java.util.Collections.reverse(targets);
        return targets;
    }

    /** Shows these targets; tells no listener. */
    void setValue(List<PolicySpec.Target> targets) {
        quiet = true;
        try {
            lines.values().forEach(l -> {
                l.first().clear();
                l.next().clear();
                l.resolution().clear();
            });
            for (PolicySpec.Target t : targets) {
                Line line = lines.get(Priority.valueOf(t.priority().strip().toUpperCase(Locale.ROOT)));
                line.first().setValue(SlaText.durationInput(t.firstResponseMinutes()));
                line.next().setValue(SlaText.durationInput(t.nextResponseMinutes()));
                line.resolution().setValue(SlaText.durationInput(t.resolutionMinutes()));
            }
        } finally {
            quiet = false;
        }
    }

    Line line(Priority p) {
        return lines.get(p);
    }

    void addChangeListener(Runnable listener) {
        listeners.add(listener);
    }

    void setReadOnly(boolean readOnly) {
        lines.values().forEach(l -> {
            l.first().setReadOnly(readOnly);
            l.next().setReadOnly(readOnly);
            l.resolution().setReadOnly(readOnly);
        });
    }
}
