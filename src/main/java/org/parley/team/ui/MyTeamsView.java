package org.parley.team.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.parley.base.InvalidInputException;
import org.parley.base.ui.Notifications;
import org.parley.team.Agent;
import org.parley.team.CurrentAgent;
import org.parley.team.Team;
import org.parley.team.TeamDirectory;
import org.springframework.security.access.AccessDeniedException;

/**
 * Team leads manage the teams they lead: who works in them. Creating teams, choosing leads and opening a
 * team to all agents stay with admins (Users and teams).
 */
@Route("teams")
@PageTitle("My teams · Parley")
@Menu(title = "My teams", order = 85, icon = "vaadin:group")
@RolesAllowed("LEAD")
public class MyTeamsView extends VerticalLayout {

    private final transient TeamDirectory directory;
    private final UUID leadId;
    private final Grid<Team> teams = new Grid<>(Team.class, false);
    private Map<UUID, String> names = Map.of();
    private final Paragraph none = new Paragraph("You lead no team yet; an admin makes you a team's lead.");

    public MyTeamsView(TeamDirectory directory, CurrentAgent currentAgent) {
        this.directory = directory;
        this.leadId = currentAgent.require().getId();
        setSizeFull();
        teams.setId("my-teams");
        teams.addColumn(Team::getName).setHeader("Team").setKey("name").setAutoWidth(true);
        teams.addColumn(this::memberNames).setHeader("Members").setKey("members").setFlexGrow(3);
        teams.addColumn(TeamsView::visibility).setHeader("Conversations seen by").setKey("visibility");
        teams.addComponentColumn(t -> {
            Button edit = new Button("Members…", click -> editMembers(t));
            edit.setId("edit-members-" + t.getId());
            return edit;
        }).setHeader("").setKey("actions");
        teams.addItemDoubleClickListener(e -> editMembers(e.getItem()));
        add(new H2("My teams"), none, teams);
        refresh();
    }

    private void refresh() {
        List<Team> led = directory.teamsLedBy(leadId);
        names = directory.agentNames(led.stream().flatMap(t -> t.getMemberIds().stream()).collect(Collectors.toSet()));
        teams.setItems(led);
        none.setVisible(led.isEmpty());
        teams.setVisible(!led.isEmpty());
    }

    private String memberNames(Team team) {
        return team.getMemberIds().stream().map(names::get).filter(n -> n != null).sorted()
                .collect(Collectors.joining(", "));
    }

    void editMembers(Team team) {
        Dialog dialog = new Dialog();
        dialog.setId("team-members-dialog");
        dialog.setHeaderTitle("Members of " + team.getName());
        List<Agent> active = directory.activeAgents();
        Map<UUID, Agent> byId = active.stream().collect(Collectors.toMap(Agent::getId, Function.identity()));
        MultiSelectComboBox<Agent> members = new MultiSelectComboBox<>("Members", active);
        members.setId("my-team-members");
        members.setItemLabelGenerator(Agent::getDisplayName);
        members.setWidthFull();
        members.setValue(team.getMemberIds().stream().map(byId::get).filter(a -> a != null).collect(Collectors.toSet()));
        members.setHelperText("Leads stay members; an admin chooses who leads the team");
        Button save = new Button("Save", click -> {
            try {
                Set<UUID> ids = members.getValue().stream().map(Agent::getId).collect(Collectors.toSet());
                directory.setMembersAsLead(leadId, team.getId(), ids);
                dialog.close();
                refresh();
                Notifications.success("Members of " + team.getName() + " saved");
            } catch (InvalidInputException | AccessDeniedException e) {
                Notifications.error(e.getMessage());
            }
        });
        save.setId("save-my-team");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(members);
        dialog.getFooter().add(new Button("Cancel", click -> dialog.close()), save);
        dialog.open();
    }
}
