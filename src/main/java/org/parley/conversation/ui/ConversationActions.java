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
import org.parley.team.TeamDirectory;

/** What an agent does to the selected conversation: assignee, team, status, priority, tags. */
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
    private final ComboBox<Option> assignee = new ComboBox<>("Assignee");
    private final ComboBox<Option> team = new ComboBox<>("Team");
    private final Select<ConversationStatus> status = new Select<>();
    private final Select<Priority> priority = new Select<>();
    private final MultiSelectComboBox<String> tags = new MultiSelectComboBox<>("Tags");
    private ConversationView conversation;
    private boolean updating;
    private Consumer<ConversationView> changed = c -> {
    };

    public ConversationActions(ConversationService conversations, TeamDirectory directory, UUID agentId,
            SerializableSupplier<Viewer> viewer) {
        this.conversations = conversations;
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
        assignToMe.addThemeVariants(ButtonVariant.LUMO_SMALL);
        assignToMe.addClickListener(e -> apply(() -> conversations.assign(viewer.get(), conversation.id(), agentId)));

        assignee.setId("assignee");
        assignee.setItems(agents);
        assignee.setItemLabelGenerator(Option::name);
        assignee.addValueChangeListener(e -> {
            if (!updating && e.getValue() != null) {
                apply(() -> conversations.assign(viewer.get(), conversation.id(), e.getValue().id()));
            }
        });

        team.setId("team");
        team.setItems(teams);
        team.setItemLabelGenerator(Option::name);
        team.addValueChangeListener(e -> {
            if (!updating && e.getValue() != null) {
                apply(() -> conversations.moveToTeam(viewer.get(), conversation.id(), e.getValue().id()));
            }
        });

        status.setId("status");
        status.setLabel("Status");
        status.setItems(ConversationStatus.values());
        status.setItemLabelGenerator(s -> TimelinePanel.label(s.name()));
        status.addValueChangeListener(e -> {
            if (!updating && e.getValue() != null) {
                apply(() -> conversations.setStatus(viewer.get(), conversation.id(), e.getValue()));
            }
        });

        priority.setId("priority");
        priority.setLabel("Priority");
        priority.setItems(Priority.values());
        priority.setItemLabelGenerator(p -> TimelinePanel.label(p.name()));
        priority.addValueChangeListener(e -> {
            if (!updating && e.getValue() != null) {
                apply(() -> conversations.setPriority(viewer.get(), conversation.id(), e.getValue()));
            }
        });

        tags.setId("tags");
        tags.setAllowCustomValue(true);
        tags.setPlaceholder("Add tag…");
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

        add(assignToMe, assignee, team, status, priority, tags);
        setConversation(null);
    }

    /** Called with the conversation as it is after each change. */
    public void onChanged(Consumer<ConversationView> listener) {
        this.changed = listener;
    }

    public void setConversation(ConversationView c) {
        this.conversation = c;
        updating = true;
        try {
            setEnabled(c != null);
            if (c == null) {
                assignee.clear();
                team.clear();
                status.clear();
                priority.clear();
                tags.setItems(List.of());
                return;
            }
            assignee.setValue(find(agents, c.assigneeId(), UNASSIGNED));
            team.setValue(find(teams, c.teamId(), NO_TEAM));
            status.setValue(c.status());
            priority.setValue(c.priority());
            tags.setItems(new ArrayList<>(c.tags()));
            tags.setValue(new LinkedHashSet<>(c.tags()));
            assignToMe.setEnabled(!agentId.equals(c.assigneeId()));
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
