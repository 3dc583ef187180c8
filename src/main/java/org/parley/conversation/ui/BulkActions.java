package org.parley.conversation.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.textfield.TextFieldVariant;
import com.vaadin.flow.function.SerializableSupplier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.parley.base.InvalidInputException;
import org.parley.base.NotFoundException;
import org.parley.base.ui.Notifications;
import org.parley.conversation.ConversationAccess.Viewer;
import org.parley.conversation.ConversationService;
import org.parley.conversation.ConversationStatus;
import org.parley.conversation.ConversationUpdate;
import org.parley.conversation.ConversationView;
import org.parley.conversation.InboxRow;
import org.parley.conversation.Priority;
import org.parley.conversation.VersionConflict;
import org.parley.team.TeamDirectory;
import org.springframework.dao.OptimisticLockingFailureException;

/**
 * Bulk actions on the conversation list: conversations are selected with their checkbox (shift-click selects the
 * range from the last one), or with {@code x} on the focused row; the bar above the list then assigns, moves to a
 * team, sets status or priority, adds or removes a tag on all of them. Each conversation is changed through
 * {@link ConversationService#update} with the version the list showed, so one that someone else changed meanwhile
 * is reported and left as it is, never overwritten; every change is audited like a single one.
 */
public class BulkActions extends Div {

    private final transient ConversationService conversations;
    private final SerializableSupplier<Viewer> viewer;
    private final QueueDataProvider rows;
    private final Map<UUID, InboxRow> selected = new LinkedHashMap<>();
    private UUID anchor;
    private final Span count = new Span();
    private final ComboBox<ConversationActions.Option> assignee = new ComboBox<>();
    private final ComboBox<ConversationActions.Option> team = new ComboBox<>();
    private final Select<ConversationStatus> status = new Select<>();
    private final Select<Priority> priority = new Select<>();
    private final TextField tag = new TextField();
    /** Snooze presets (1 h, tomorrow 9:00, next Monday 9:00) and "until the customer replies". */
    private final Select<SnoozeChoice> snooze = new Select<>();
    private final transient org.parley.conversation.Snoozes snoozes;

    /** A snooze for all selected: until a time, or until the customer replies ({@code until} null). */
    record SnoozeChoice(String label, java.time.Instant until) {
    }
    private transient Runnable changed = () -> {
    };
    private transient java.util.function.Consumer<InboxRow> redraw = r -> {
    };
    private boolean resetting;

    public BulkActions(ConversationService conversations, TeamDirectory directory, SerializableSupplier<Viewer> viewer,
            QueueDataProvider rows, org.parley.conversation.Snoozes snoozes) {
        this.conversations = conversations;
        this.snoozes = snoozes;
        this.viewer = viewer;
        this.rows = rows;
        setId("bulk-bar");
        addClassName("bulk-bar");
        count.setId("bulk-count");
        count.addClassName("bulk-count");

        List<ConversationActions.Option> agents = new ArrayList<>();
        agents.add(ConversationActions.UNASSIGNED);
        directory.activeAgents().forEach(a -> agents.add(new ConversationActions.Option(a.getId(), a.getDisplayName())));
        List<ConversationActions.Option> teams = new ArrayList<>();
        teams.add(ConversationActions.NO_TEAM);
        directory.allTeams().forEach(t -> teams.add(new ConversationActions.Option(t.getId(), t.getName())));

        assignee.setId("bulk-assignee");
        assignee.setPlaceholder("Assign…");
        assignee.setItems(agents);
        assignee.setItemLabelGenerator(ConversationActions.Option::name);
        assignee.addValueChangeListener(e -> {
            if (!resetting && e.getValue() != null) {
                UUID to = e.getValue().id();
                apply("assigned", c -> new ConversationUpdate(null, null, false, null, true, to, null));
            }
        });
        team.setId("bulk-team");
        team.setPlaceholder("Team…");
        team.setItems(teams);
        team.setItemLabelGenerator(ConversationActions.Option::name);
        team.addValueChangeListener(e -> {
            if (!resetting && e.getValue() != null) {
                UUID to = e.getValue().id();
                apply("moved", c -> new ConversationUpdate(null, null, true, to, false, null, null));
            }
        });
        status.setId("bulk-status");
        status.setPlaceholder("Status…");
        status.setItems(ConversationStatus.values());
        status.setItemLabelGenerator(s -> TimelinePanel.label(s.name()));
        status.addValueChangeListener(e -> {
            if (!resetting && e.getValue() != null) {
                ConversationStatus to = e.getValue();
                apply("updated", c -> new ConversationUpdate(to, null, false, null, false, null, null));
            }
        });
        priority.setId("bulk-priority");
        priority.setPlaceholder("Priority…");
        priority.setItems(Priority.values());
        priority.setItemLabelGenerator(p -> TimelinePanel.label(p.name()));
        priority.addValueChangeListener(e -> {
            if (!resetting && e.getValue() != null) {
                Priority to = e.getValue();
                apply("updated", c -> new ConversationUpdate(null, to, false, null, false, null, null));
            }
        });
        snooze.setId("bulk-snooze");
        snooze.setPlaceholder("Snooze…");
        snooze.setItemLabelGenerator(SnoozeChoice::label);
        snooze.addValueChangeListener(e -> {
            if (!resetting && e.getValue() != null) {
                SnoozeChoice choice = e.getValue();
                act("snoozed", row -> snoozes.snooze(viewer.get(), row.conversationId(), choice.until(),
                        choice.until() == null));
            }
        });
        tag.setId("bulk-tag");
        tag.setPlaceholder("tag");
        tag.addThemeVariants(TextFieldVariant.LUMO_SMALL);
        Button addTag = new Button("Add tag", e -> tagged(true));
        addTag.setId("bulk-add-tag");
        Button removeTag = new Button("Remove tag", e -> tagged(false));
        removeTag.setId("bulk-remove-tag");
        Button clear = new Button("Clear", e -> clear());
        clear.setId("bulk-clear");
        for (Button b : List.of(addTag, removeTag, clear)) {
            b.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        }
        for (com.vaadin.flow.component.Component field : List.of(assignee, team, status, priority, snooze, tag)) {
            field.addClassName("bulk-field");
        }
        add(count, status, priority, assignee, team, snooze, tag, addTag, removeTag, clear);
        refresh();
    }

    /** After a bulk change: the list and counts follow. */
    public void onChanged(Runnable listener) {
        this.changed = listener;
    }

    /** Redraws one row of the list (its checkbox). */
    public void onRedraw(java.util.function.Consumer<InboxRow> listener) {
        this.redraw = listener;
    }

    public boolean isSelected(UUID conversationId) {
        return selected.containsKey(conversationId);
    }

    /** The selected conversations, in the order they were selected. */
    public List<UUID> selection() {
        return List.copyOf(selected.keySet());
    }

    /**
     * Selects or unselects a row (its checkbox, or {@code x} on the focused row); with {@code range}, every row from
     * the last one toggled to this one is selected.
     */
    public void toggle(InboxRow row, boolean range) {
        if (row == null) {
            return;
        }
        if (range && anchor != null && !anchor.equals(row.conversationId())) {
            OptionalInt from = rows.locate(anchor, 500);
            OptionalInt to = rows.locate(row.conversationId(), 500);
            if (from.isPresent() && to.isPresent()) {
                int low = Math.min(from.getAsInt(), to.getAsInt());
                int high = Math.max(from.getAsInt(), to.getAsInt());
                for (int i = low; i <= high; i++) {
                    Optional<InboxRow> r = rows.rowAt(i);
                    r.ifPresent(found -> {
                        selected.putIfAbsent(found.conversationId(), found);
                        redraw.accept(found);
                    });
                }
                anchor = row.conversationId();
                refresh();
                return;
            }
        }
        if (selected.remove(row.conversationId()) == null) {
            selected.put(row.conversationId(), row);
        }
        anchor = row.conversationId();
        redraw.accept(row);
        refresh();
    }

    public void clear() {
        List<InboxRow> were = new ArrayList<>(selected.values());
        selected.clear();
        anchor = null;
        were.forEach(redraw);
        refresh();
    }

    private void tagged(boolean add) {
        String t = tag.getValue() == null ? "" : tag.getValue().strip().toLowerCase(Locale.ROOT);
        if (t.isEmpty()) {
            Notifications.error("Type the tag to " + (add ? "add" : "remove") + " first");
            return;
        }
        apply(add ? "tagged" : "untagged", c -> {
            Set<String> next = new LinkedHashSet<>(c.tags());
            boolean differs = add ? next.add(t) : next.remove(t);
            return differs ? new ConversationUpdate(null, null, false, null, false, null, List.copyOf(next)) : null;
        });
        tag.clear();
    }

    /**
     * Applies one change to every selected conversation at the version the list showed; reports how many changed,
     * how many someone else changed meanwhile (left as they are) and how many failed.
     */
    void apply(String done, Function<ConversationView, ConversationUpdate> change) {
        act(done, change, null);
    }

    /** Runs an action (e.g. a snooze) on every selected conversation still at the version the list showed. */
    void act(String done, java.util.function.Consumer<InboxRow> action) {
        act(done, null, action);
    }

    private void act(String done, Function<ConversationView, ConversationUpdate> change,
            java.util.function.Consumer<InboxRow> action) {
        int changedCount = 0;
        int conflicts = 0;
        List<String> failures = new ArrayList<>();
        for (InboxRow row : List.copyOf(selected.values())) {
            try {
                ConversationView current = conversations.get(viewer.get(), row.conversationId());
                if (row.version() == null || current.version() == null
                        || current.version().longValue() != row.version()) {
                    conflicts++;
                    continue;
                }
                if (action != null) {
                    action.accept(row);
                    changedCount++;
                    continue;
                }
                ConversationUpdate update = change.apply(current);
                if (update == null || update.isEmpty()) {
                    continue;
                }
                conversations.update(viewer.get(), row.conversationId(), row.version(), update);
                changedCount++;
            } catch (VersionConflict | OptimisticLockingFailureException e) {
                conflicts++;
            } catch (InvalidInputException | NotFoundException e) {
                failures.add(e.getMessage());
            }
        }
        StringBuilder message = new StringBuilder(changedCount + " " + (changedCount == 1 ? "conversation " : "conversations ")
                + done);
        if (conflicts > 0) {
            message.append("; ").append(conflicts).append(" changed by someone else — not overwritten");
        }
        if (!failures.isEmpty()) {
            message.append("; ").append(failures.size()).append(" not changed: ").append(failures.getFirst());
        }
        if (conflicts > 0 || !failures.isEmpty()) {
            Notifications.error(message.toString()).setId("bulk-result");
        } else {
            Notifications.success(message.toString()).setId("bulk-result");
        }
        selected.clear();
        anchor = null;
        refresh();
        changed.run();
    }

    private void refresh() {
        resetting = true;
        try {
            assignee.clear();
            team.clear();
            status.clear();
            priority.clear();
            snooze.clear();
            java.time.ZoneId zone = java.time.ZoneId.systemDefault();
            List<SnoozeChoice> choices = new ArrayList<>();
            SnoozePresets.of(java.time.Instant.now(), zone).forEach(p -> choices.add(new SnoozeChoice(p.label(),
                    p.until())));
            choices.add(new SnoozeChoice("Until the customer replies", null));
            snooze.setItems(choices);
        } finally {
            resetting = false;
        }
        count.setText(selected.size() + " selected");
        setVisible(!selected.isEmpty());
    }
}
