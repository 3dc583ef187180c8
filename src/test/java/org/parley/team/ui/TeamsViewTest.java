package org.parley.team.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.parley.team.Agent;
import org.parley.team.Role;
import org.parley.team.Team;
import org.parley.ui.UiTest;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

@WithMockUser(username = UiTest.ADMIN, roles = "ADMIN")
class TeamsViewTest extends UiTest {

    @Autowired
    PasswordEncoder passwords;

    @Test
    void anAdminCreatesAUserWithRolesAndATeamWithALead() {
        String login = "new" + unique();
        navigate(TeamsView.class);

        test($(Button.class).id("new-agent")).click();
        test($(TextField.class).id("agent-username")).setValue(login);
        test($(TextField.class).id("agent-name")).setValue("Nina New");
        test($(PasswordField.class).id("agent-password")).setValue("a-good-password");
        @SuppressWarnings("unchecked")
        CheckboxGroup<Role> roles = $(CheckboxGroup.class).id("agent-roles");
        roles.setValue(EnumSet.of(Role.AGENT, Role.LEAD));
        test($(Button.class).id("save-agent")).click();

        Agent created = team.findAgentByUsername(login).orElseThrow();
        assertThat(created.getRoles()).containsExactlyInAnyOrder(Role.AGENT, Role.LEAD);
        assertThat(passwords.matches("a-good-password", created.getPasswordHash())).isTrue();
        @SuppressWarnings("unchecked")
        Grid<Agent> agents = $(Grid.class).id("agents");
        assertThat(test(agents).size()).isEqualTo(team.allAgents().size());

        test($(Button.class).id("new-team")).click();
        String teamName = "Returns " + unique();
        test($(TextField.class).id("team-name")).setValue(teamName);
        @SuppressWarnings("unchecked")
        MultiSelectComboBox<Agent> members = $(MultiSelectComboBox.class).id("team-members");
        @SuppressWarnings("unchecked")
        MultiSelectComboBox<Agent> leads = $(MultiSelectComboBox.class).id("team-leads");
        members.setValue(Set.of(agentByName(members, "Otto Other")));
        leads.setValue(Set.of(agentByName(leads, "Nina New")));
        test($(Button.class).id("save-team")).click();

        Team saved = team.allTeams().stream().filter(t -> t.getName().equals(teamName)).findFirst().orElseThrow();
        assertThat(saved.getMemberIds()).containsExactlyInAnyOrder(created.getId(), agentId(OTHER_AGENT));
        assertThat(saved.getLeadIds()).containsExactly(created.getId());
        assertThat(team.teamsOf(created.getId())).extracting(Team::getName).contains(teamName);
    }

    @Test
    void invalidInputIsShownAndNothingIsSaved() {
        navigate(TeamsView.class);
        int before = team.allAgents().size();
        test($(Button.class).id("new-agent")).click();
        test($(TextField.class).id("agent-username")).setValue("x y");
        test($(TextField.class).id("agent-name")).setValue("Bad Login");
        test($(PasswordField.class).id("agent-password")).setValue("short");
        test($(Button.class).id("save-agent")).click();

        assertThat(test($(Notification.class).last()).getText()).contains("username");
        assertThat(team.allAgents()).hasSize(before);
    }

    @Test
    void deactivatingAUserIsSaved() {
        Agent agent = team.createAgent("leaver" + unique(), "Lee Leaver", null, "a-good-password",
                EnumSet.of(Role.AGENT));
        navigate(TeamsView.class);
        @SuppressWarnings("unchecked")
        Grid<Agent> agents = $(Grid.class).id("agents");
        var grid = test(agents);
        for (int i = 0; i < grid.size(); i++) {
            if (grid.getRow(i).getId().equals(agent.getId())) {
                grid.doubleClickRow(i);
            }
        }
        test($(Checkbox.class).id("agent-active")).click();
        test($(Button.class).id("save-agent")).click();

        assertThat(team.findAgent(agent.getId()).orElseThrow().isActive()).isFalse();
    }

    @Test
    void anAdminOpensATeamToAllAgents_andClosesItAgain() {
        Team support = team.createTeam("Open " + unique(), null);
        navigate(TeamsView.class);
        editTeam(support);
        Checkbox open = $(Checkbox.class).id("team-open");
        assertThat(open.getValue()).isFalse();
        test(open).click();
        test($(Button.class).id("save-team")).click();

        assertThat(team.findTeam(support.getId()).orElseThrow().isOpenToAllAgents()).isTrue();
        assertThat(team.openTeamIds()).contains(support.getId());
        @SuppressWarnings("unchecked")
        Grid<Team> teams = $(Grid.class).id("teams");
        assertThat(test(teams).getCellText(rowOf(teams, support), 3)).isEqualTo("All agents");

        editTeam(support);
        assertThat($(Checkbox.class).id("team-open").getValue()).isTrue();
        test($(Checkbox.class).id("team-open")).click();
        test($(Button.class).id("save-team")).click();
        assertThat(team.findTeam(support.getId()).orElseThrow().isOpenToAllAgents()).isFalse();
        assertThat(test(teams).getCellText(rowOf(teams, support), 3)).isEqualTo("Members only");
    }

    private void editTeam(Team which) {
        @SuppressWarnings("unchecked")
        Grid<Team> teams = $(Grid.class).id("teams");
        test(teams).doubleClickRow(rowOf(teams, which));
    }

    private int rowOf(Grid<Team> teams, Team which) {
        var grid = test(teams);
        for (int i = 0; i < grid.size(); i++) {
            if (grid.getRow(i).getId().equals(which.getId())) {
                return i;
            }
        }
        throw new AssertionError("team not listed: " + which.getName());
    }

    private static Agent agentByName(MultiSelectComboBox<Agent> box, String name) {
        return box.getListDataView().getItems().filter(a -> a.getDisplayName().equals(name)).findFirst()
                .orElseThrow();
    }
}
