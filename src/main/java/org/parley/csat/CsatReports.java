package org.parley.csat;

import java.io.IOException;
import java.io.OutputStream;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import org.parley.base.Channel;
import org.parley.base.InvalidInputException;
import org.parley.base.csv.CsvWriter;
import org.parley.conversation.ConversationAccess.Viewer;
import org.parley.team.Agent;
import org.parley.team.Role;
import org.parley.team.Team;
import org.parley.team.TeamDirectory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The satisfaction report: the answers given in a date range (by the day of the answer, in the viewer's zone),
 * per agent, team and channel (the conversation's when it was resolved) and per week. Average score, the share of
 * satisfied answers (4 or 5) and the number of answers. Supervisors and admins see every team; a team lead sees
 * the answers of the teams they lead, as in the other reports.
 */
@Service
@Transactional(readOnly = true)
public class CsatReports {

    public static final String BY_AGENT = "csat-agent";
    public static final String BY_TEAM = "csat-team";
    public static final String BY_CHANNEL = "csat-channel";
    public static final String BY_WEEK = "csat-week";
    public static final String TOTAL = "*";
    private static final String NONE = "-";

    private final JdbcTemplate jdbc;
    private final TeamDirectory team;

    CsatReports(JdbcTemplate jdbc, TeamDirectory team) {
        this.jdbc = jdbc;
        this.team = team;
    }

    /** One group's figures; average and satisfied are null without answers. */
    public record Row(String key, String label, long answers, Double average, Double satisfiedPercent) {
    }

    /** One table: the total first, then a row per group. */
    public record Table(String id, String title, String groupHeader, List<Row> rows) {

        public Row row(String key) {
            return rows.stream().filter(r -> r.key().equals(key)).findFirst().orElse(null);
        }
    }

    public record CsatReport(LocalDate from, LocalDate to, ZoneId zone, List<Table> tables) {

        public Table table(String id) {
            return tables.stream().filter(t -> t.id().equals(id)).findFirst()
                    .orElseThrow(() -> new InvalidInputException("no table " + id));
        }
    }

    private record Answer(UUID agentId, UUID teamId, Channel channel, int score, Instant at) {
    }

    /** The report for a viewer (supervisor, admin, or lead for their teams). */
    public CsatReport report(Viewer viewer, LocalDate from, LocalDate to, ZoneId zone) {
        if (from == null || to == null || to.isBefore(from)) {
            throw new InvalidInputException("the range needs a start and an end on or after it");
        }
        Set<UUID> teams = scope(viewer);
        Instant start = from.atStartOfDay(zone).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(zone).toInstant();
        List<Answer> answers = jdbc.query("SELECT agent_id, team_id, channel, score, answered_at FROM csat_survey"
                + " WHERE answered_at >= ? AND answered_at < ?", (rs, i) -> new Answer(
                        CsatSurveys.uuid(rs.getBytes(1)), CsatSurveys.uuid(rs.getBytes(2)),
                        Channel.valueOf(rs.getString(3)), rs.getInt(4), CsatSurveys.instant(rs, 5)),
                CsatSurveys.ts(start), CsatSurveys.ts(end)).stream()
                .filter(a -> teams == null || a.teamId() != null && teams.contains(a.teamId())).toList();
        Map<UUID, String> agentNames = team.agentNames(answers.stream().map(Answer::agentId)
                .filter(java.util.Objects::nonNull).distinct().toList());
        Map<UUID, Team> teamsById = team.teamsById();
        List<Table> tables = List.of(
                table(BY_AGENT, "Satisfaction by agent", "Agent", answers, a -> key(a.agentId()),
                        k -> k.equals(NONE) ? "(unassigned)" : agentNames.getOrDefault(UUID.fromString(k), k)),
                table(BY_TEAM, "Satisfaction by team", "Team", answers, a -> key(a.teamId()),
                        k -> k.equals(NONE) ? "(no team)" : teamsById.containsKey(UUID.fromString(k))
                                ? teamsById.get(UUID.fromString(k)).getName() : k),
                table(BY_CHANNEL, "Satisfaction by channel", "Channel", answers, a -> a.channel().name(),
                        k -> Channel.valueOf(k).label()),
                weeks(answers, from, to, zone));
        return new CsatReport(from, to, zone, tables);
    }

    private static String key(UUID id) {
        return id == null ? NONE : id.toString();
    }

    private static Table table(String id, String title, String header, List<Answer> answers,
            Function<Answer, String> keyOf, Function<String, String> label) {
        Map<String, List<Integer>> groups = new TreeMap<>();
        for (Answer a : answers) {
            groups.computeIfAbsent(keyOf.apply(a), k -> new ArrayList<>()).add(a.score());
        }
        List<Row> rows = new ArrayList<>();
        rows.add(row(TOTAL, "Total", answers.stream().map(Answer::score).toList()));
        groups.entrySet().stream().map(e -> row(e.getKey(), label.apply(e.getKey()), e.getValue()))
                .sorted(java.util.Comparator.comparing(Row::label)).forEach(rows::add);
        return new Table(id, title, header, List.copyOf(rows));
    }

    /** Every week of the range (the first one starts on the range's first day), also weeks without answers. */
    private static Table weeks(List<Answer> answers, LocalDate from, LocalDate to, ZoneId zone) {
        Map<LocalDate, List<Integer>> weeks = new LinkedHashMap<>();
        for (LocalDate w = from; !w.isAfter(to); w = w.with(TemporalAdjusters.next(DayOfWeek.MONDAY))) {
            weeks.put(w, new ArrayList<>());
        }
        for (Answer a : answers) {
            LocalDate monday = a.at().atZone(zone).toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            LocalDate key = monday.isBefore(from) ? from : monday;
            weeks.computeIfAbsent(key, k -> new ArrayList<>()).add(a.score());
        }
        List<Row> rows = new ArrayList<>();
        rows.add(row(TOTAL, "Total", answers.stream().map(Answer::score).toList()));
        weeks.forEach((week, scores) -> rows.add(row(week.toString(), "Week of " + week, scores)));
        return new Table(BY_WEEK, "Satisfaction trend by week", "Week", List.copyOf(rows));
    }

    private static Row row(String key, String label, List<Integer> scores) {
        if (scores.isEmpty()) {
            return new Row(key, label, 0, null, null);
        }
        double average = scores.stream().mapToInt(Integer::intValue).average().orElse(0);
        long satisfied = scores.stream().filter(s -> s >= 4).count();
        return new Row(key, label, scores.size(), Math.round(average * 100) / 100.0,
                Math.round(satisfied * 1000.0 / scores.size()) / 10.0);
    }

    /** One table of the report as CSV: group, answers, average score, % satisfied. */
    public void exportCsv(Viewer viewer, CsatReport report, String tableId, OutputStream out) throws IOException {
        scope(viewer);
        Table table = report.table(tableId);
        try (CsvWriter csv = CsvWriter.to(out, table.groupHeader(), "Answers", "Average score", "% satisfied (4-5)")) {
            for (Row r : table.rows()) {
                csv.row(r.label(), r.answers(), r.average() == null ? "" : r.average(),
                        r.satisfiedPercent() == null ? "" : r.satisfiedPercent());
            }
        }
    }

    /**
     * The teams whose answers the viewer's report covers, null for all: admins and supervisors (and Parley's own
     * work) see all, a lead the teams they lead; others may not see reports.
     */
    private Set<UUID> scope(Viewer viewer) {
        if (viewer.agentId() == null) {
            if (viewer.seesAll()) {
                return null;
            }
            throw new AccessDeniedException("reports are for supervisors, admins and team leads");
        }
        Agent agent = team.findAgent(viewer.agentId()).filter(Agent::isActive)
                .orElseThrow(() -> new AccessDeniedException("reports are for supervisors, admins and team leads"));
        if (agent.hasRole(Role.ADMIN) || agent.hasRole(Role.SUPERVISOR)) {
            return null;
        }
        if (agent.hasRole(Role.LEAD)) {
            Set<UUID> led = new HashSet<>();
            for (Team t : team.allTeams()) {
                if (t.getLeadIds().contains(agent.getId())) {
                    led.add(t.getId());
                }
            }
            return led;
        }
        throw new AccessDeniedException("reports are for supervisors, admins and team leads");
    }
}
