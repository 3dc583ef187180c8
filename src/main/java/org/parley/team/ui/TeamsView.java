package org.parley.team.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.parley.base.InvalidInputException;
import org.parley.team.Agent;
import org.parley.team.Role;
import org.parley.team.Team;
import org.parley.team.TeamDirectory;

/**
 * Admins manage who works in Parley: users with their roles, and teams with members, leads and whether
 * the team's conversations are open to all agents (else only members, plus assignees, supervisors and admins).
 */
@Route("admin/team")
@PageTitle("Users and teams · Parley")
@Menu(title = "Users and teams", order = 90, icon = "vaadin:users")
@RolesAllowed("ADMIN")
public class TeamsView extends VerticalLayout {

    private final TeamDirectory directory;
    private final Grid<Agent> agents = new Grid<>(Agent.class, false);
    private final Grid<Team> teams = new Grid<>(Team.class, false);

    public TeamsView(TeamDirectory directory) {
        this.directory = directory;
        setSizeFull();

        agents.setId("agents");
        agents.addColumn(Agent::getUsername).setHeader("Login").setAutoWidth(true);
        agents.addColumn(Agent::getDisplayName).setHeader("Name").setAutoWidth(true);
        agents.addColumn(Agent::getEmail).setHeader("Email").setAutoWidth(true);
        agents.addColumn(a -> a.getRoles().stream().map(Enum::name).sorted().collect(Collectors.joining(", ")))
                .setHeader("Roles");
        agents.addColumn(a -> a.isActive() ? "active" : "deactivated").setHeader("Status");
        agents.addItemDoubleClickListener(e -> editAgent(e.getItem()));
        agents.addComponentColumn(a -> new Button("Edit", click -> editAgent(a))).setHeader("");

        teams.setId("teams");
        teams.addColumn(Team::getName).setHeader("Team").setAutoWidth(true);
        teams.addColumn(Team::getDescription).setHeader("Description");
        teams.addColumn(t -> t.getMemberIds().size()).setHeader("Members");
        teams.addColumn(TeamsView::visibility).setHeader("Conversations seen by").setKey("visibility");
        teams.addComponentColumn(t -> new Button("Edit", click -> editTeam(t))).setHeader("");
        teams.addItemDoubleClickListener(e -> editTeam(e.getItem()));

        Button newAgent = new Button("New user", click -> createAgent());
        newAgent.setId("new-agent");
        newAgent.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button newTeam = new Button("New team", click -> editTeam(null));
        newTeam.setId("new-team");
        add(new HorizontalLayout(new H2("Users"), newAgent), agents, new HorizontalLayout(new H2("Teams"), newTeam),
                teams);
        refresh();
    }

    private void refresh() {
        agents.setItems(directory.allAgents());
        teams.setItems(directory.allTeams());
    }

    private void createAgent() {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("New user");
        TextField username = new TextField("Login");
        TextField name = new TextField("Name");
        EmailField email = new EmailField("Email");
        PasswordField password = new PasswordField("Initial password");
        password.setHelperText("At least 8 characters");
        CheckboxGroup<Role> roles = roles(EnumSet.of(Role.AGENT));
        username.setId("agent-username");
        name.setId("agent-name");
        password.setId("agent-password");
        dialog.add(new FormLayout(username, name, email, password, roles));
        dialog.getFooter().add(new Button("Cancel", c -> dialog.close()), primary("save-agent", "Create", () -> {
            directory.createAgent(username.getValue(), name.getValue(), email.getValue(), password.getValue(),
                    roles.getValue());
            dialog.close();
        }));
        dialog.open();
    }

    private void editAgent(Agent agent) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Edit " + agent.getUsername());
        TextField name = new TextField("Name", agent.getDisplayName(), "");
        EmailField email = new EmailField("Email");
        email.setValue(agent.getEmail() == null ? "" : agent.getEmail());
        CheckboxGroup<Role> roles = roles(agent.getRoles());
        Checkbox active = new Checkbox("Active (may log in)", agent.isActive());
        PasswordField password = new PasswordField("New password");
        password.setHelperText("Leave empty to keep the current password");
        active.setId("agent-active");
        dialog.add(new FormLayout(name, email, roles, active, password));
        dialog.getFooter().add(new Button("Cancel", c -> dialog.close()), primary("save-agent", "Save", () -> {
            directory.updateAgent(agent.getId(), name.getValue(), email.getValue(), roles.getValue(),
                    active.getValue());
            if (!password.isEmpty()) {
                directory.changePassword(agent.getId(), password.getValue());
            }
            dialog.close();
        }));
        dialog.open();
    }

    private void editTeam(Team existing) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(existing == null ? "New team" : "Edit " + existing.getName());
        List<Agent> all = directory.activeAgents();
        Map<UUID, Agent> byId = all.stream().collect(Collectors.toMap(Agent::getId, Function.identity()));
        TextField name = new TextField("Name");
        TextField description = new TextField("Description");
        MultiSelectComboBox<Agent> members = new MultiSelectComboBox<>("Members", all);
        members.setItemLabelGenerator(Agent::getDisplayName);
        MultiSelectComboBox<Agent> leads = new MultiSelectComboBox<>("Team leads", all);
        leads.setItemLabelGenerator(Agent::getDisplayName);
        Checkbox open = new Checkbox("Open to all agents");
        open.setTooltipText("Every agent sees this team's conversations, not only its members");
        open.setId("team-open");
        if (existing != null) {
            name.setValue(existing.getName());
            description.setValue(existing.getDescription() == null ? "" : existing.getDescription());
            members.setValue(existing.getMemberIds().stream().map(byId::get).filter(a -> a != null)
                    .collect(Collectors.toSet()));
            leads.setValue(existing.getLeadIds().stream().map(byId::get).filter(a -> a != null)
                    .collect(Collectors.toSet()));
            open.setValue(existing.isOpenToAllAgents());
        }
        name.setId("team-name");
        members.setId("team-members");
        leads.setId("team-leads");
        dialog.add(new FormLayout(name, description, members, leads, open));
        dialog.getFooter().add(new Button("Cancel", c -> dialog.close()), primary("save-team", "Save", () -> {
            Team team = existing == null ? directory.createTeam(name.getValue(), description.getValue())
                    : directory.updateTeam(existing.getId(), name.getValue(), description.getValue());
            Set<UUID> leadIds = ids(leads.getValue());
            Set<UUID> memberIds = new java.util.HashSet<>(ids(members.getValue()));
            memberIds.addAll(leadIds);
            directory.setMembers(team.getId(), memberIds, leadIds);
            directory.setOpenToAllAgents(team.getId(), open.getValue());
            dialog.close();
        }));
        dialog.open();
    }

    static String visibility(Team team) {
        return team.isOpenToAllAgents() ? "All agents" : "Members only";
    }

    private static Set<UUID> ids(Set<Agent> agents) {
        return agents.stream().map(Agent::getId).collect(Collectors.toSet());
    }

    private static CheckboxGroup<Role> roles(Set<Role> selected) {
        CheckboxGroup<Role> roles = new CheckboxGroup<>("Roles", Role.values());
        roles.setId("agent-roles");
        roles.setValue(selected.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(selected));
        return roles;
    }

    private Button primary(String id, String label, Runnable action) {
        Button button = new Button(label, click -> {
            try {
                action.run();
                refresh();
                Notification.show("Saved").addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            } catch (InvalidInputException e) {
                Notification.show(e.getMessage(), 5000, Notification.Position.MIDDLE)
                        .addThemeVariants(NotificationVariant.LUMO_ERROR);
            }
        });
        button.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        button.setId(id);
        return button;
    }
}
