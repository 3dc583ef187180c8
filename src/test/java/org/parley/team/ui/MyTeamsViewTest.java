package org.parley.team.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.grid.Grid;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.parley.audit.AuditTrail;
import org.parley.team.Agent;
import org.parley.team.Role;
import org.parley.team.Team;
import org.parley.team.TeamDirectory;
import org.parley.ui.UiTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.test.context.support.WithMockUser;

/** A team lead manages the members of the teams they lead, and only those. */
@WithMockUser(username = MyTeamsViewTest.LEAD, roles = "LEAD")
class MyTeamsViewTest extends UiTest {

    static final String LEAD = "ui-lead";

    @Autowired
    TeamDirectory directory;
    @Autowired
    AuditTrail audit;

    @Test
    void aLeadChangesTheMembersOfTheirTeamButNotOfAnother() {
        String id = unique();
        Agent lead = directory.findAgentByUsername(LEAD)
                .orElseGet(() -> directory.createAgent(LEAD, "Lee Lead", null, "a-long-passphrase", EnumSet.of(Role.LEAD)));
        Agent newcomer = directory.createAgent("new" + id, "Nia Newcomer " + id, null, "a-long-passphrase",
                EnumSet.of(Role.AGENT));
        Team mine = directory.createTeam("Led " + id, null);
        directory.setMembers(mine.getId(), Set.of(lead.getId()), Set.of(lead.getId()));
        Team other = directory.createTeam("Other " + id, null);

        navigate(MyTeamsView.class);
        @SuppressWarnings("unchecked")
        Grid<Team> teams = $(Grid.class).id("my-teams");
        assertThat(test(teams).size()).as("only the teams this lead leads").isGreaterThanOrEqualTo(1);
        assertThat(java.util.stream.IntStream.range(0, test(teams).size()).mapToObj(i -> test(teams).getRow(i).getName()))
                .contains("Led " + id).doesNotContain("Other " + id);
        int row = java.util.stream.IntStream.range(0, test(teams).size())
                .filter(i -> test(teams).getRow(i).getId().equals(mine.getId())).findFirst().orElseThrow();

        test((Button) test(teams).getCellComponent(row, "actions")).click();
        @SuppressWarnings("unchecked")
        MultiSelectComboBox<Agent> members = $(MultiSelectComboBox.class).id("my-team-members");
        Set<Agent> chosen = new java.util.HashSet<>(members.getValue());
        chosen.add(newcomer);
        members.setValue(chosen);
        test($(Button.class).id("save-my-team")).click();

        Team saved = directory.findTeam(mine.getId()).orElseThrow();
        assertThat(saved.getMemberIds()).containsExactlyInAnyOrder(lead.getId(), newcomer.getId());
        assertThat(saved.getLeadIds()).containsExactly(lead.getId());
        assertThat(test(teams).getCellText(row, 1)).contains("Nia Newcomer " + id);
        assertThat(audit.forSubject(mine.getId())).extracting(e -> e.getAction()).contains("team.members");

        assertThatThrownBy(() -> directory.setMembersAsLead(lead.getId(), other.getId(), Set.of(newcomer.getId())))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(directory.findTeam(other.getId()).orElseThrow().getMemberIds()).isEmpty();
    }
}
