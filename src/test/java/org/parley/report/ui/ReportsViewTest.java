package org.parley.report.ui;

import org.parley.conversation.ConversationAccess.Viewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.vaadin.flow.component.Svg;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.parley.audit.AuditTrail;
import org.parley.base.Channel;
import org.parley.channel.IngestResult;
import org.parley.conversation.ConversationService;
import org.parley.report.DrillRow;
import org.parley.report.GroupBy;
import org.parley.report.ReportTable;
import org.parley.report.Reports;
import org.parley.team.Role;
import org.parley.ui.UiTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

@WithMockUser(username = UiTest.ADMIN, roles = "ADMIN")
class ReportsViewTest extends UiTest {

    @Autowired
    ConversationService conversations;
    @Autowired
    Reports reports;
    @Autowired
    AuditTrail audit;

    @Test
    @SuppressWarnings("unchecked")
    void showsTablesAndChartsDrillsDownToTheConversationsAndExportsCsv() throws Exception {
        String who = unique();
        Instant asked = Instant.now().minus(Duration.ofHours(3));
        IngestResult in = ingest(Channel.EMAIL, "rep." + who + "@example.com", "Rep " + who, "Refund " + who, "Hi",
                asked);
        UUID id = in.conversationId();
        UUID agent = team.createAgent("rep-" + who, "Rep Agent " + who, null, "password-123", Set.of(Role.AGENT))
                .getId();
        conversations.assign(Viewer.SYSTEM, id, agent);
        conversations.replyAt(Viewer.SYSTEM, id, agent, null, "Hello", false, asked.plus(Duration.ofMinutes(30)));
        await().atMost(Duration.ofSeconds(15)).until(() -> reports.drillDown(
                new org.parley.report.ReportRequest(java.time.LocalDate.now().minusDays(1),
                        java.time.LocalDate.now().plusDays(1), null, GroupBy.DAY), agentId(ADMIN), Reports.RESPONSES,
                ReportTable.TOTAL, null, 500).stream().anyMatch(r -> id.equals(r.conversationId())
                && r.firstResponseSeconds() != null));

        ReportsView view = navigate(ReportsView.class);
        $(com.vaadin.flow.component.select.Select.class).id("reports-group").setValue(GroupBy.AGENT);

        assertThat($(Svg.class).all()).hasSize(3);
        Grid<ReportTable.Row> responses = $(Grid.class).id("report-responses");
        int row = -1;
        for (int i = 0; i < test(responses).size(); i++) {
            if (test(responses).getRow(i).key().equals(agent.toString())) {
                row = i;
            }
        }
        assertThat(row).as("a row for the agent").isNotNegative();
        assertThat(test(responses).getRow(row).label()).isEqualTo("Rep Agent " + who);
        assertThat(test(responses).getCellText(row, 3)).isEqualTo("30 min"); // first response median

        test(responses).clickRow(row);
        Grid<DrillRow> drill = $(Grid.class).id("reports-drill");
        assertThat(drill.isVisible()).isTrue();
        assertThat(test(drill).size()).isEqualTo(1);
        assertThat(test(drill).getRow(0).conversationId()).isEqualTo(id);
        Anchor open = (Anchor) test(drill).getCellComponent(0, drill.getColumns().size() - 1);
        assertThat(open.getHref()).isEqualTo("inbox/" + id);

        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        reports.exportCsv(view.currentReport(), Reports.RESPONSES, csv);
        assertThat(csv.toString(StandardCharsets.UTF_8)).contains("Rep Agent " + who + ",1,1,1800,1800");
        assertThat($(Anchor.class).id("report-responses-csv").getHref()).isNotBlank();
        assertThat(audit.forSubject(Reports.RESPONSES)).isNotEmpty();
    }
}
