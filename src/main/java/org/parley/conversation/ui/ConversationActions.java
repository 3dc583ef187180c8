package org.parley.conversation.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.select.Select;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.parley.base.InvalidInputException;
import org.parley.base.NotFoundException;
import org.parley.base.ui.Notifications;
import com.vaadin.flow.function.SerializableSupplier;
import org.parley.conversation.ConversationAccess.Viewer;
import org.parley.conversation.ConversationService;
import org.parley.conversation.ConversationStatus;
import org.parley.conversation.ConversationView;
import org.parley.conversation.Priority;
import org.parley.conversation.Snoozes;
import org.parley.team.TeamDirectory;

/**
 * What an agent does to the selected conversation, as one row of small menus in the conversation header:
 * status, priority, assignee, team, tags (as chips), "assign to me" and snooze ({@link SnoozeControl}).
 */
public class ConversationActions extends Div {

    /** An agent or team to choose; {@code id == null} stands for "Unassigned" / "No team". */
    record Option(UUID id, String name) {
    }

    static final Option UNASSIGNED = new Option(null, "Unassigned");
    static final Option NO_TEAM = new Option(null, "No team");

    private final transient ConversationService conversations;
    private final UUID agentId;
    private final SerializableSupplier<Viewer> viewer;
    private final List<Option> agents = new ArrayList<>();
    private final List<Option> teams = new ArrayList<>();
    private final Button assignToMe = new Button("Assign to me");
    private final ComboBox<Option> assignee = new ComboBox<>();
    private final ComboBox<Option> team = new ComboBox<>();
    private final Select<ConversationStatus> status = new Select<>();
    private final Select<Priority> priority = new Select<>();
    private final MultiSelectComboBox<String> tags = new MultiSelectComboBox<>();
    private final SnoozeControl snooze;
    private ConversationView conversation;
    private boolean updating;
    /** The tags the field offers now: set again only when the conversation's tags change. */
    private List<String> tagItems = List.of();
    private Consumer<ConversationView> changed = c -> {
    };

    public ConversationActions(ConversationService conversations, TeamDirectory directory, UUID agentId,
            SerializableSupplier<Viewer> viewer, Snoozes snoozes) {
        this.conversations = conversations;
        this.snooze = new SnoozeControl(snoozes, viewer, this::apply);
        this.agentId = agentId;
        this.viewer = viewer;
        setId("conversation-actions");
        addClassName("conversation-actions");

        agents.add(UNASSIGNED);
        directory.activeAgents().forEach(a -> agents.add(new Option(a.getId(), a.getDisplayName())));
        teams.add(NO_TEAM);
        directory.allTeams().forEach(t -> teams.add(new Option(t.getId(), t.getName())));

        assignToMe.setId("assign-me");
        assignToMe.setIcon(VaadinIcon.USER_CHECK.create());
        assignToMe.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        assignToMe.setTooltipText("Assign to me (a)");
        assignToMe.addClickListener(e -> assignToMe());

        assignee.setId("assignee");
        small(assignee, "Assignee");
        assignee.addThemeVariants(com.vaadin.flow.component.combobox.ComboBoxVariant.LUMO_SMALL);
        assignee.setPrefixComponent(VaadinIcon.USER.create());
        assignee.setItems(agents);
        assignee.setItemLabelGenerator(Option::name);
        assignee.addValueChangeListener(e -> {
            if (!updating && e.getValue() != null) {
                apply(() -> conversations.assign(viewer.get(), conversation.id(), e.getValue().id()));
            }
        });

        team.setId("team");
        small(team, "Team");
        team.addThemeVariants(com.vaadin.flow.component.combobox.ComboBoxVariant.LUMO_SMALL);
        team.setPrefixComponent(VaadinIcon.GROUP.create());
        team.setItems(teams);
        team.setItemLabelGenerator(Option::name);
        team.addValueChangeListener(e -> {
            if (!updating && e.getValue() != null) {
                apply(() -> conversations.moveToTeam(viewer.get(), conversation.id(), e.getValue().id()));
            }
        });

        status.setId("status");
        small(status, "Status");
        status.addThemeVariants(com.vaadin.flow.component.select.SelectVariant.LUMO_SMALL);
        status.setItems(ConversationStatus.values());
        status.setItemLabelGenerator(s -> TimelinePanel.label(s.name()));
        status.addValueChangeListener(e -> {
            if (!updating && e.getValue() != null) {
                apply(() -> conversations.setStatus(viewer.get(), conversation.id(), e.getValue()));
            }
        });

        priority.setId("priority");
        small(priority, "Priority");
        priority.addThemeVariants(com.vaadin.flow.component.select.SelectVariant.LUMO_SMALL);
        priority.setItems(Priority.values());
        priority.setItemLabelGenerator(p -> TimelinePanel.label(p.name()));
        priority.addValueChangeListener(e -> {
            if (!updating && e.getValue() != null) {
                apply(() -> conversations.setPriority(viewer.get(), conversation.id(), e.getValue()));
            }
        });

        tags.setId("tags");
        small(tags, "Tags");
        tags.addThemeVariants(com.vaadin.flow.component.combobox.MultiSelectComboBoxVariant.LUMO_SMALL);
        tags.setAllowCustomValue(true);
        tags.setPlaceholder("+ tag");
        tags.addCustomValueSetListener(e -> {
            String tag = e.getDetail() == null ? "" : e.getDetail().strip().toLowerCase(Locale.ROOT);
            if (!tag.isEmpty() && conversation != null) {
                Set<String> next = new LinkedHashSet<>(tags.getValue());
                next.add(tag);
                saveTags(next);
            }
        });
        tags.addValueChangeListener(e -> {
            if (!updating && conversation != null) {
                saveTags(e.getValue());
            }
        });

        add(status, priority, assignee, assignToMe, team, tags, snooze.button());
        setConversation(null);
    }

    /** A menu without a visible label: named for screen readers and in its tooltip. */
    private static void small(com.vaadin.flow.component.Component field, String name) {
        field.getElement().setAttribute("aria-label", name);
        field.getElement().setAttribute("title", name);
        field.addClassName("header-menu");
    }

    /** Key a: the conversation becomes the current agent's. */
    public void assignToMe() {
        if (conversation != null && !agentId.equals(conversation.assigneeId())) {
            apply(() -> conversations.assign(viewer.get(), conversation.id(), agentId));
        }
    }

    /** Key z: the snooze menu (presets, a picker, until the customer replies). */
    public com.vaadin.flow.component.dialog.Dialog openSnooze() {
        return snooze.open();
    }

    /** "Snoozed until …" with "Wake now", shown while the conversation is snoozed (the header places it). */
    Div snoozeBanner() {
        return snooze.banner();
    }

    /** Called with the conversation as it is after each change. */
    public void onChanged(Consumer<ConversationView> listener) {
        this.changed = listener;
    }

    public void setConversation(ConversationView c) {
        this.conversation = c;
        snooze.setConversation(c);
        updating = true;
        try {
            setEnabled(c != null);
            if (c == null) {
                assignee.clear();
                team.clear();
                status.clear();
                priority.clear();
                tags.setItems(List.of());
                tagItems = List.of();
                return;
            }
            assignee.setValue(find(agents, c.assigneeId(), UNASSIGNED));
            team.setValue(find(teams, c.teamId(), NO_TEAM));
            status.setValue(c.status());
            priority.setValue(c.priority());
            for (ConversationStatus s : ConversationStatus.values()) {
                status.getElement().getClassList().set("is-status-" + s.name().toLowerCase(Locale.ROOT), s == c.status());
            }
            for (Priority p : Priority.values()) {
                priority.getElement().getClassList().set("is-priority-" + p.name().toLowerCase(Locale.ROOT),
                        p == c.priority());
            }
            // on every push to a screen with the conversation open: new items only when the tags changed (new
            // items reset the field's data on the client)
            if (!c.tags().equals(tagItems)) {
                tagItems = List.copyOf(c.tags());
                tags.setItems(new ArrayList<>(tagItems));
            }
            if (!tags.getValue().equals(new LinkedHashSet<>(c.tags()))) {
                tags.setValue(new LinkedHashSet<>(c.tags()));
            }
            // nothing to offer once it is theirs
            assignToMe.setVisible(!agentId.equals(c.assigneeId()));
        } finally {
            updating = false;
        }
    }

    private void saveTags(Set<String> next) {
        apply(() -> conversations.setTags(viewer.get(), conversation.id(), next));
    }

    private void apply(Supplier<ConversationView> action) {
        if (conversation == null) {
            return;
        }
        try {
            ConversationView after = action.get();
            setConversation(after);
            changed.accept(after);
        } catch (InvalidInputException | NotFoundException e) {
            Notifications.error(e.getMessage());
            conversations.find(viewer.get(), conversation.id()).ifPresent(this::setConversation);
        }
    }

    private static Option find(List<Option> options, UUID id, Option fallback) {
        if (id == null) {
            return fallback;
        }
        return options.stream().filter(o -> Objects.equals(o.id(), id)).findFirst()
                // an inactive agent or a team created after this view opened
                .orElseGet(() -> {
                    Option unknown = new Option(id, "(other)");
                    options.add(unknown);
                    return unknown;
                });
    }
}
