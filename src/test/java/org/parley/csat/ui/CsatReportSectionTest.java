package org.parley.csat.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.parley.csat.CsatReports;
import org.parley.report.ui.ReportsView;
import org.parley.team.Role;
import org.parley.ui.UiTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;

/** The reports screen shows the satisfaction tables with a CSV download each. */
@WithMockUser(username = UiTest.ADMIN, roles = "ADMIN")
class CsatReportSectionTest extends UiTest {

    @Autowired
    JdbcTemplate jdbc;

    private static byte[] bytes(UUID id) {
        return ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits())
                .array();
    }

    private void answered(UUID agent, int score) {
        LocalDateTime now = LocalDateTime.ofInstant(Instant.now().minusSeconds(60), ZoneOffset.UTC);
        jdbc.update("INSERT INTO csat_survey (id, conversation_id, agent_id, channel, resolved_at, due_at, sent_at,"
                + " answered_at, score) VALUES (?, ?, ?, 'EMAIL', ?, ?, ?, ?, ?)", bytes(UUID.randomUUID()),
                bytes(UUID.randomUUID()), bytes(agent), now, now, now, now, score);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theReportsScreenShowsSatisfactionPerAgent() {
        String who = unique();
        UUID agent = team.createAgent("csat-ui-" + who, "Sat Agent " + who, null, "password-123",
                Set.of(Role.AGENT)).getId();
        answered(agent, 5);
        answered(agent, 2);

        navigate(ReportsView.class);
        Grid<CsatReports.Row> byAgent = $(Grid.class).id("report-" + CsatReports.BY_AGENT);
        int row = -1;
        for (int i = 0; i < test(byAgent).size(); i++) {
            if (test(byAgent).getRow(i).key().equals(agent.toString())) {
                row = i;
            }
        }
        assertThat(row).as("a row for the agent").isNotNegative();
        assertThat(test(byAgent).getCellText(row, 0)).isEqualTo("Sat Agent " + who);
        assertThat(test(byAgent).getCellText(row, 1)).isEqualTo("2");
        assertThat(test(byAgent).getCellText(row, 2)).isEqualTo("3.50");
        assertThat(test(byAgent).getCellText(row, 3)).isEqualTo("50 %");
        assertThat($(Grid.class).id("report-" + CsatReports.BY_WEEK)).isNotNull();
        assertThat($(Anchor.class).id("report-" + CsatReports.BY_AGENT + "-csv").getHref()).isNotBlank();
    }
}
