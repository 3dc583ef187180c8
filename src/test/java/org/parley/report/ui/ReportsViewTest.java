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
import org.parley.support.Viewers;
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
                Viewers.of(agentId(ADMIN)), new org.parley.report.ReportRequest(java.time.LocalDate.now().minusDays(1),
                        java.time.LocalDate.now().plusDays(1), null, GroupBy.DAY), Reports.RESPONSES,
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
        assertThat(view.drillDialog().isOpened()).isTrue();
        Grid<ReportsView.DrillLine> drill = $(Grid.class).id("reports-drill");
        assertThat(test(drill).size()).isEqualTo(1);
        assertThat(test(drill).getRow(0).row().conversationId()).isEqualTo(id);
        assertThat(test(drill).getRow(0).subject()).isEqualTo("Refund " + who);
        assertThat(test(drill).getRow(0).customer()).isEqualTo("Rep " + who);
        assertThat(test(drill).getCellText(0, drill.getColumns().indexOf(drill.getColumnByKey("channel"))))
                .isEqualTo("Email");
        assertThat(test(drill).getCellText(0, drill.getColumns().indexOf(drill.getColumnByKey("firstResponse"))))
                .isEqualTo("30 min");
        assertThat($(com.vaadin.flow.component.html.H3.class).id("reports-drill-title").getText())
                .isEqualTo("Conversations behind Response times · Rep Agent " + who);
        Anchor open = (Anchor) test(drill).getCellComponent(0, drill.getColumns().size() - 1);
        assertThat(open.getHref()).isEqualTo("inbox/" + id);
        test($(com.vaadin.flow.component.button.Button.class).id("reports-drill-close")).click();
        assertThat(view.drillDialog().isOpened()).isFalse();

        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        reports.exportCsv(Viewers.of(agentId(ADMIN)), view.currentReport(), Reports.RESPONSES, csv);
        assertThat(csv.toString(StandardCharsets.UTF_8)).contains("Rep Agent " + who + ",1,1,1800,1800");
        assertThat($(Anchor.class).id("report-responses-csv").getHref()).isNotBlank();
        assertThat(audit.forSubject(Reports.RESPONSES)).isNotEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void byDayAndWeekOnlyDatesInsideTheRangeAreListed_anOldOpenConversationCountsInTheTotalBacklog() {
        String who = unique();
        java.time.ZoneId zone = java.time.ZoneId.systemDefault();
        java.time.LocalDate today = java.time.LocalDate.now(zone);
        // still open, written 40 days ago: part of today's backlog, but its day is not in a 7-day range
        IngestResult old = ingest(Channel.EMAIL, "old." + who + "@example.com", "Old " + who, "Old " + who, "Hi",
                Instant.now().minus(Duration.ofDays(40)));
        await().atMost(Duration.ofSeconds(15)).until(() -> reports.drillDown(Viewers.of(agentId(ADMIN)), new org.parley.report.ReportRequest(
                today.minusDays(41), today, zone, GroupBy.DAY), Reports.VOLUME, ReportTable.TOTAL, null,
                500).stream().anyMatch(r -> old.conversationId().equals(r.conversationId())));
        ingest(Channel.EMAIL, "new." + who + "@example.com", "New " + who, "New " + who, "Hi", Instant.now());

        for (GroupBy grouping : new GroupBy[] {GroupBy.DAY, GroupBy.WEEK}) {
            var report = reports.report(Viewers.of(agentId(ADMIN)), new org.parley.report.ReportRequest(today.minusDays(6), today, zone, grouping));
            for (ReportTable table : report.tables()) {
                assertThat(table.rows()).extracting(ReportTable.Row::key).filteredOn(k -> !k.equals(ReportTable.TOTAL))
                        .as(table.id() + " by " + grouping).allSatisfy(k -> assertThat(java.time.LocalDate.parse(k))
                                .isBetween(today.minusDays(6), today));
            }
            ReportTable volume = report.table(Reports.VOLUME);
            double totalBacklog = volume.rows().getFirst().value(volume.column("backlog"));
            double groupedBacklog = volume.rows().stream().skip(1).mapToDouble(r -> r.value(volume.column("backlog")))
                    .sum();
            assertThat(totalBacklog).as("the 40-day-old conversation is in the total backlog")
                    .isGreaterThan(groupedBacklog);
        }
        // a week that began before the range is keyed by the range's first day, and drills down within the range
        java.time.LocalDate wednesday = today.with(java.time.temporal.TemporalAdjusters.previousOrSame(
                java.time.DayOfWeek.WEDNESDAY));
        var weekly = reports.report(Viewers.of(agentId(ADMIN)), new org.parley.report.ReportRequest(wednesday, wednesday.plusDays(6), zone,
                GroupBy.WEEK));
        assertThat(weekly.table(Reports.VOLUME).rows()).extracting(ReportTable.Row::label)
                .allSatisfy(label -> assertThat(label).isIn("All", "Week from " + wednesday, "Week of "
                        + wednesday.plusDays(5)));

        navigate(ReportsView.class);
        $(com.vaadin.flow.component.datepicker.DatePicker.class).id("reports-from").setValue(today.minusDays(6));
        Grid<ReportTable.Row> volumeGrid = $(Grid.class).id("report-volume");
        for (int i = 1; i < test(volumeGrid).size(); i++) {
            assertThat(java.time.LocalDate.parse(test(volumeGrid).getRow(i).key())).isAfterOrEqualTo(today.minusDays(6));
        }
    }
}
