package org.parley.report;

import static org.parley.report.FactStore.bytes;
import static org.parley.report.FactStore.instant;
import static org.parley.report.FactStore.utc;
import static org.parley.report.FactStore.uuid;

import java.io.IOException;
import java.io.OutputStream;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import org.parley.base.csv.CsvWriter;
import org.parley.audit.AuditTrail;
import org.parley.base.Channel;
import org.parley.conversation.ConversationAccess.Viewer;
import org.parley.conversation.Priority;
import org.parley.report.ReportTable.Column;
import org.parley.report.ReportTable.Kind;
import org.parley.report.ReportTable.Row;
import org.parley.team.Agent;
import org.parley.team.Role;
import org.parley.team.Team;
import org.parley.team.TeamDirectory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Supervisor reports over the fact tables: one indexed range scan per table, grouped and measured in
 * memory (median and 90th percentile need the values, and no SQL dialect shared by MySQL and H2 has
 * percentiles). Supervisors and admins see every team; a team lead only the teams they lead — enforced here.
 */
@Service
public class Reports {

    public static final String RESPONSES = "responses";
    public static final String RESOLUTION = "resolution";
    public static final String SLA = "sla";
    public static final String VOLUME = "volume";
    static final String NONE = "none";

    private static final long[] WAIT_LIMITS = {300, 900, 1800, 3600, 7200, 14400, 28800, 86400};
    private static final String[] WAIT_LABELS = {"< 5 min", "5–15 min", "15–30 min", "30–60 min", "1–2 h", "2–4 h",
        "4–8 h", "8–24 h", "> 24 h"};
    private static final long[] AGE_LIMITS = {3600, 4 * 3600, 24 * 3600, 3 * 86400, 7 * 86400};

    private final JdbcTemplate jdbc;
    private final TeamDirectory team;
    private final AuditTrail audit;
    private final Clock clock;

    Reports(JdbcTemplate jdbc, TeamDirectory team, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.team = team;
        this.audit = audit;
        this.clock = clock;
    }

    /** Which teams a viewer's reports cover: all (null) or the teams they lead. */
    record Scope(Set<UUID> teams) {

        boolean all() {
            return teams == null;
        }

        String sql(String column, List<Object> args) {
            if (all()) {
                return "";
            }
            if (teams.isEmpty()) {
                return " AND 1 = 0";
            }
            StringBuilder in = new StringBuilder(" AND ").append(column).append(" IN (");
            int i = 0;
            for (UUID id : teams) {
                in.append(i++ == 0 ? "?" : ", ?");
                args.add(bytes(id));
            }
            return in.append(')').toString();
        }
    }

    /** Whether the viewer may see reports at all: supervisors, admins and team leads (and Parley's own work). */
    public boolean mayView(Viewer viewer) {
        if (viewer.agentId() == null) {
            return viewer.seesAll();
        }
        return team.findAgent(viewer.agentId()).filter(Agent::isActive)
                .map(a -> a.hasRole(Role.ADMIN) || a.hasRole(Role.SUPERVISOR) || a.hasRole(Role.LEAD)).orElse(false);
    }

    /**
     * Which teams the viewer's reports cover. The roles are read from the agent now (not from the viewer, which
     * may be older); a viewer without an agent covers all teams only if it sees everything (Parley's own work,
     * the bootstrap token).
     */
    Scope scope(Viewer who) {
        if (who.agentId() == null) {
            if (who.seesAll()) {
                return new Scope(null);
            }
            throw new AccessDeniedException("reports are for supervisors, admins and team leads");
        }
        UUID viewerId = who.agentId();
        Agent viewer = team.findAgent(viewerId).filter(Agent::isActive)
                .orElseThrow(() -> new AccessDeniedException("reports are for supervisors, admins and team leads"));
        if (viewer.hasRole(Role.ADMIN) || viewer.hasRole(Role.SUPERVISOR)) {
            return new Scope(null);
        }
        if (viewer.hasRole(Role.LEAD)) {
            Set<UUID> led = new HashSet<>();
            for (Team t : team.allTeams()) {
                if (t.getLeadIds().contains(viewerId)) {
                    led.add(t.getId());
                }
            }
            return new Scope(Set.copyOf(led));
        }
        throw new AccessDeniedException("reports are for supervisors, admins and team leads");
    }

    /** Which teams a viewer's reports cover, in words. */
    public String scopeDescription(Viewer viewer) {
        Scope scope = scope(viewer);
        if (scope.all()) {
            return "All teams";
        }
        if (scope.teams().isEmpty()) {
            return "You lead no team yet: your reports are empty";
        }
        Map<UUID, Team> teams = team.teamsById();
        return "Your teams: " + String.join(", ", scope.teams().stream()
                .map(id -> teams.containsKey(id) ? teams.get(id).getName() : id.toString()).sorted().toList());
    }

    // ---- the report

    private final class Group {
        final String key;
        Instant time;
        long conversations;
        final Samples firstResponse = new Samples();
        final Samples firstResponseBusiness = new Samples();
        final Samples later = new Samples();
        final Samples laterBusiness = new Samples();
        long resolved;
        long reopened;
        final Samples resolution = new Samples();
        final Samples resolutionBusiness = new Samples();
        long underSla;
        long frBreached;
        long nrBreached;
        long resBreached;
        long warnings;
        long breaches;
        long secondLevel;
        long backlog;
        final long[] ages = new long[AGE_LIMITS.length + 1];

        Group(String key) {
            this.key = key;
        }
    }

    private final class Grouping {
        final ReportRequest request;
        final Map<String, Group> groups = new HashMap<>();
        final Group total = new Group(ReportTable.TOTAL);

        Grouping(ReportRequest request) {
            this.request = request;
        }

        /**
         * The group of a row, or null when a grouping by day or week puts it outside the range (the backlog has
         * conversations of any age: they count in the total only). A week that began before the range is keyed
         * by the range's first day.
         */
        Group of(Instant at, String channel, UUID teamId, UUID agentId, String priority) {
            String key = switch (request.groupBy()) {
                case AGENT -> agentId == null ? NONE : agentId.toString();
                case TEAM -> teamId == null ? NONE : teamId.toString();
                case CHANNEL -> channel;
                case PRIORITY -> priority;
                case DAY, WEEK -> {
                    LocalDate day = at.atZone(request.zone()).toLocalDate();
                    if (day.isBefore(request.from()) || day.isAfter(request.to())) {
                        yield null;
                    }
                    if (request.groupBy() == GroupBy.DAY) {
                        yield day.toString();
                    }
                    LocalDate monday = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                    yield (monday.isBefore(request.from()) ? request.from() : monday).toString();
                }
            };
            return key == null ? null : groups.computeIfAbsent(key, Group::new);
        }

        /** The row's group and the total (only the total when the row has no group in the range). */
        List<Group> with(Group group) {
            return group == null ? List.of(total) : List.of(group, total);
        }
    }

    /** The report for a viewer (supervisor, admin, or lead for their teams). */
    public Report report(Viewer viewer, ReportRequest request) {
        Scope scope = scope(viewer);
        Grouping g = new Grouping(request);
        Instant start = request.start();
        Instant end = request.end();
        Instant now = clock.instant();
        long[] waits = new long[WAIT_LABELS.length];
        long[] byHour = new long[24];
        Map<LocalDate, long[]> trend = new TreeMap<>();

        List<Object> args = new ArrayList<>(List.of(utc(start), utc(end)));
        String where = scope.sql("team_id", args);
        jdbc.query("SELECT created_at, channel, team_id, assignee_id, priority, first_response_seconds,"
                + " first_response_business_seconds, sla_policy_id, first_response_breached, next_response_breached,"
                + " resolution_breached, sla_warnings, sla_breaches, sla_second_level FROM report_conversation"
                + " WHERE created_at >= ? AND created_at < ?" + where, (ResultSet rs) -> {
                    Instant created = instant(rs, 1);
                    Group group = g.of(created, rs.getString(2), uuid(rs.getBytes(3)), uuid(rs.getBytes(4)),
                            rs.getString(5));
                    long fr = rs.getLong(6);
                    boolean answered = !rs.wasNull();
                    long frBusiness = rs.getLong(7);
                    boolean underSla = rs.getBytes(8) != null;
                    boolean breachedAny = false;
                    if (answered) {
                        waits[bucket(fr, WAIT_LIMITS)]++;
                    }
                    for (Group x : g.with(group)) {
                        x.conversations++;
                        if (answered) {
                            x.firstResponse.add(fr);
                            x.firstResponseBusiness.add(frBusiness);
                        }
                        if (underSla) {
                            x.underSla++;
                            x.frBreached += rs.getBoolean(9) ? 1 : 0;
                            x.nrBreached += rs.getBoolean(10) ? 1 : 0;
                            x.resBreached += rs.getBoolean(11) ? 1 : 0;
                            x.warnings += rs.getInt(12);
                            x.breaches += rs.getInt(13);
                            x.secondLevel += rs.getInt(14);
                        }
                    }
                    byHour[created.atZone(request.zone()).getHour()]++;
                    if (underSla) {
                        breachedAny = rs.getBoolean(9) || rs.getBoolean(10) || rs.getBoolean(11);
                        long[] day = trend.computeIfAbsent(created.atZone(request.zone()).toLocalDate(), d -> new long[2]);
                        day[0]++;
                        day[1] += breachedAny ? 0 : 1;
                    }
                }, args.toArray());

        args = new ArrayList<>(List.of(utc(start), utc(end)));
        where = scope.sql("team_id", args);
        jdbc.query("SELECT replied_at, channel, team_id, agent_id, priority, first_response, wait_seconds,"
                + " wait_business_seconds FROM report_response WHERE replied_at >= ? AND replied_at < ?"
                // first responses are measured per conversation created in the range (above)
                + " AND first_response = FALSE" + where,
                (ResultSet rs) -> {
                    long wait = rs.getLong(7);
                    waits[bucket(wait, WAIT_LIMITS)]++;
                    Group group = g.of(instant(rs, 1), rs.getString(2), uuid(rs.getBytes(3)), uuid(rs.getBytes(4)),
                            rs.getString(5));
                    long business = rs.getLong(8);
                    for (Group x : g.with(group)) {
                        x.later.add(wait);
                        x.laterBusiness.add(business);
                    }
                }, args.toArray());

        args = new ArrayList<>(List.of(utc(start), utc(end)));
        where = scope.sql("team_id", args);
        jdbc.query("SELECT resolved_at, channel, team_id, assignee_id, priority, resolution_seconds,"
                + " resolution_business_seconds, reopen_count FROM report_conversation"
                + " WHERE resolved_at >= ? AND resolved_at < ?" + where, (ResultSet rs) -> {
                    Group group = g.of(instant(rs, 1), rs.getString(2), uuid(rs.getBytes(3)), uuid(rs.getBytes(4)),
                            rs.getString(5));
                    for (Group x : g.with(group)) {
                        x.resolved++;
                        x.resolution.add(rs.getLong(6));
                        x.resolutionBusiness.add(rs.getLong(7));
                        x.reopened += rs.getInt(8) > 0 ? 1 : 0;
                    }
                }, args.toArray());

        // the backlog is "now": every conversation still OPEN or PENDING, by age
        args = new ArrayList<>();
        where = scope.sql("team_id", args);
        jdbc.query("SELECT created_at, channel, team_id, assignee_id, priority FROM report_conversation"
                + " WHERE status IN ('OPEN', 'PENDING')" + where, (ResultSet rs) -> {
                    Instant created = instant(rs, 1);
                    Group group = g.of(created, rs.getString(2), uuid(rs.getBytes(3)), uuid(rs.getBytes(4)),
                            rs.getString(5));
                    int age = bucket(Math.max(0, Duration.between(created, now).toSeconds()), AGE_LIMITS);
                    for (Group x : g.with(group)) {
                        x.backlog++;
                        x.ages[age]++;
                    }
                }, args.toArray());

        List<Group> ordered = ordered(g);
        Map<String, String> labels = labels(request.groupBy(), g.groups.keySet());
        List<ReportTable> tables = List.of(
                table(RESPONSES, "Response times", ordered, labels, List.of(
                        new Column("conversations", "Conversations", Kind.COUNT),
                        new Column("firstResponses", "First responses", Kind.COUNT),
                        new Column("firstMedian", "First response median", Kind.SECONDS),
                        new Column("firstP90", "First response p90", Kind.SECONDS),
                        new Column("firstBusinessMedian", "First response median (business hours)", Kind.SECONDS),
                        new Column("firstBusinessP90", "First response p90 (business hours)", Kind.SECONDS),
                        new Column("laterReplies", "Later replies", Kind.COUNT),
                        new Column("laterMedian", "Later reply median", Kind.SECONDS),
                        new Column("laterP90", "Later reply p90", Kind.SECONDS),
                        new Column("laterBusinessMedian", "Later reply median (business hours)", Kind.SECONDS),
                        new Column("laterBusinessP90", "Later reply p90 (business hours)", Kind.SECONDS)),
                        x -> java.util.Arrays.asList(d(x.conversations), d(x.firstResponse.size()), x.firstResponse.percentile(50),
                                x.firstResponse.percentile(90), x.firstResponseBusiness.percentile(50),
                                x.firstResponseBusiness.percentile(90), d(x.later.size()), x.later.percentile(50),
                                x.later.percentile(90), x.laterBusiness.percentile(50), x.laterBusiness.percentile(90))),
                table(RESOLUTION, "Resolution", ordered, labels, List.of(
                        new Column("resolved", "Resolved", Kind.COUNT),
                        new Column("median", "Resolution median", Kind.SECONDS),
                        new Column("p90", "Resolution p90", Kind.SECONDS),
                        new Column("businessMedian", "Resolution median (business hours, pending excluded)", Kind.SECONDS),
                        new Column("businessP90", "Resolution p90 (business hours, pending excluded)", Kind.SECONDS),
                        new Column("reopened", "Reopened", Kind.COUNT),
                        new Column("reopenRate", "Reopen rate", Kind.PERCENT)),
                        x -> java.util.Arrays.asList(d(x.resolved), x.resolution.percentile(50), x.resolution.percentile(90),
                                x.resolutionBusiness.percentile(50), x.resolutionBusiness.percentile(90), d(x.reopened),
                                share(x.reopened, x.resolved))),
                table(SLA, "SLA compliance", ordered, labels, List.of(
                        new Column("underSla", "Under an SLA", Kind.COUNT),
                        new Column("firstResponseMet", "First response met", Kind.PERCENT),
                        new Column("nextResponseMet", "Next response met", Kind.PERCENT),
                        new Column("resolutionMet", "Resolution met", Kind.PERCENT),
                        new Column("warnings", "Warnings", Kind.COUNT),
                        new Column("breaches", "Breaches", Kind.COUNT),
                        new Column("secondLevel", "Second level", Kind.COUNT)),
                        x -> java.util.Arrays.asList(d(x.underSla), share(x.underSla - x.frBreached, x.underSla),
                                share(x.underSla - x.nrBreached, x.underSla), share(x.underSla - x.resBreached, x.underSla),
                                d(x.warnings), d(x.breaches), d(x.secondLevel))),
                table(VOLUME, "Volume and backlog", ordered, labels, List.of(
                        new Column("new", "New", Kind.COUNT),
                        new Column("resolved", "Resolved", Kind.COUNT),
                        new Column("backlog", "Backlog now", Kind.COUNT),
                        new Column("age1h", "Backlog < 1 h", Kind.COUNT),
                        new Column("age4h", "1–4 h", Kind.COUNT),
                        new Column("age24h", "4–24 h", Kind.COUNT),
                        new Column("age3d", "1–3 days", Kind.COUNT),
                        new Column("age7d", "3–7 days", Kind.COUNT),
                        new Column("older", "> 7 days", Kind.COUNT)),
                        x -> java.util.Arrays.asList(d(x.conversations), d(x.resolved), d(x.backlog), d(x.ages[0]), d(x.ages[1]),
                                d(x.ages[2]), d(x.ages[3]), d(x.ages[4]), d(x.ages[5]))));

        List<Report.Bucket> buckets = new ArrayList<>();
        for (int i = 0; i < WAIT_LABELS.length; i++) {
            buckets.add(new Report.Bucket(WAIT_LABELS[i], waits[i]));
        }
        List<Report.TrendPoint> points = new ArrayList<>();
        for (LocalDate day = request.from(); !day.isAfter(request.to()); day = day.plusDays(1)) {
            long[] t = trend.get(day);
            points.add(t == null ? new Report.TrendPoint(day, 0, null)
                    : new Report.TrendPoint(day, (int) t[0], share(t[1], t[0])));
        }
        return new Report(request, tables, buckets, points, byHour);
    }

    private List<Group> ordered(Grouping g) {
        Comparator<Group> order = switch (g.request.groupBy()) {
            case PRIORITY -> Comparator.comparing(x -> Priority.valueOf(x.key).ordinal());
            default -> Comparator.comparing(x -> x.key);
        };
        List<Group> list = new ArrayList<>(g.groups.values());
        list.sort(order);
        if (g.request.groupBy() == GroupBy.AGENT || g.request.groupBy() == GroupBy.TEAM) {
            Map<String, String> labels = labels(g.request.groupBy(), g.groups.keySet());
            list.sort(Comparator.comparing((Group x) -> x.key.equals(NONE)).thenComparing(x -> labels.get(x.key)));
        }
        list.addFirst(g.total);
        return list;
    }

    private Map<String, String> labels(GroupBy groupBy, Set<String> keys) {
        Map<String, String> labels = new HashMap<>();
        labels.put(ReportTable.TOTAL, "All");
        switch (groupBy) {
            case AGENT -> {
                List<UUID> ids = keys.stream().filter(k -> !k.equals(NONE)).map(UUID::fromString).toList();
                Map<UUID, String> names = ids.isEmpty() ? Map.of() : team.agentNames(ids);
                keys.forEach(k -> labels.put(k, k.equals(NONE) ? "Unassigned"
                        : names.getOrDefault(UUID.fromString(k), "Unknown agent")));
            }
            case TEAM -> {
                Map<UUID, Team> teams = team.teamsById();
                keys.forEach(k -> labels.put(k, k.equals(NONE) ? "No team"
                        : teams.containsKey(UUID.fromString(k)) ? teams.get(UUID.fromString(k)).getName() : "Removed team"));
            }
            case CHANNEL -> keys.forEach(k -> labels.put(k, Channel.valueOf(k).label()));
            case PRIORITY -> keys.forEach(k -> labels.put(k, k.charAt(0) + k.substring(1).toLowerCase()));
            case DAY -> keys.forEach(k -> labels.put(k, k));
            case WEEK -> keys.forEach(k -> labels.put(k, LocalDate.parse(k).getDayOfWeek() == DayOfWeek.MONDAY
                    ? "Week of " + k : "Week from " + k));
        }
        return labels;
    }

    private static ReportTable table(String id, String title, List<Group> groups, Map<String, String> labels,
            List<Column> columns, Function<Group, List<Double>> values) {
        List<Row> rows = new ArrayList<>();
        for (Group x : groups) {
            rows.add(new Row(x.key, labels.getOrDefault(x.key, x.key), values.apply(x)));
        }
        return new ReportTable(id, title, columns, rows);
    }

    private static int bucket(long value, long[] limits) {
        for (int i = 0; i < limits.length; i++) {
            if (value < limits[i]) {
                return i;
            }
        }
        return limits.length;
    }

    private static Double d(long value) {
        return (double) value;
    }

    private static Double share(long part, long whole) {
        return whole == 0 ? null : 100.0 * part / whole;
    }

    // ---- drill-down

    /** Where a drill-down continues: after this conversation in (created, id) order. */
    public record DrillCursor(Instant createdAt, UUID conversationId) {
    }

    /**
     * The conversations behind a row of a table: those created in the range (resolved in the range for the
     * resolution table; only those under an SLA for the SLA table) in the row's group, oldest first, keyset-paged.
     */
    public List<DrillRow> drillDown(Viewer viewer, ReportRequest request, String tableId, String groupKey,
            DrillCursor after, int limit) {
        Scope scope = scope(viewer);
        String time = RESOLUTION.equals(tableId) ? "resolved_at" : "created_at";
        Instant start = request.start();
        Instant end = request.end();
        List<Object> args = new ArrayList<>();
        StringBuilder where = new StringBuilder();
        if (!ReportTable.TOTAL.equals(groupKey)) {
            switch (request.groupBy()) {
                case AGENT -> idFilter(where, args, "assignee_id", groupKey);
                case TEAM -> idFilter(where, args, "team_id", groupKey);
                case CHANNEL -> {
                    where.append(" AND channel = ?");
                    args.add(Channel.valueOf(groupKey).name());
                }
                case PRIORITY -> {
                    where.append(" AND priority = ?");
                    args.add(Priority.valueOf(groupKey).name());
                }
                case DAY, WEEK -> {
                    LocalDate first = LocalDate.parse(groupKey);
                    // a week's key is its Monday, or the range's first day when the week began before the range
                    LocalDate next = request.groupBy() == GroupBy.DAY ? first.plusDays(1)
                            : first.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).plusDays(7);
                    Instant from = first.atStartOfDay(request.zone()).toInstant();
                    Instant to = next.atStartOfDay(request.zone()).toInstant();
                    start = from.isAfter(start) ? from : start;
                    end = to.isBefore(end) ? to : end;
                }
            }
        }
        if (SLA.equals(tableId)) {
            where.append(" AND sla_policy_id IS NOT NULL");
        }
        List<Object> all = new ArrayList<>(List.of(utc(start), utc(end)));
        all.addAll(args);
        String scoped = scope.sql("team_id", all);
        String keyset = "";
        if (after != null) {
            keyset = " AND (created_at > ? OR (created_at = ? AND conversation_id > ?))";
            all.add(utc(after.createdAt()));
            all.add(utc(after.createdAt()));
            all.add(bytes(after.conversationId()));
        }
        return jdbc.query("SELECT conversation_id, created_at, channel, priority, status, team_id, assignee_id,"
                + " first_response_seconds, resolved_at, resolution_seconds, reopen_count, sla_breaches"
                + " FROM report_conversation WHERE " + time + " >= ? AND " + time + " < ?" + where + scoped + keyset
                + " ORDER BY created_at, conversation_id LIMIT " + Math.max(1, Math.min(limit, 500)),
                (rs, i) -> new DrillRow(uuid(rs.getBytes(1)), instant(rs, 2), rs.getString(3), rs.getString(4),
                        rs.getString(5), uuid(rs.getBytes(6)), uuid(rs.getBytes(7)), nullableLong(rs, 8),
                        instant(rs, 9), nullableLong(rs, 10), rs.getInt(11), rs.getInt(12)), all.toArray());
    }

    private static void idFilter(StringBuilder where, List<Object> args, String column, String key) {
        if (NONE.equals(key)) {
            where.append(" AND ").append(column).append(" IS NULL");
        } else {
            where.append(" AND ").append(column).append(" = ?");
            args.add(bytes(UUID.fromString(key)));
        }
    }

    private static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    // ---- CSV

    /**
     * Writes one table of a report as CSV (UTF-8; durations in seconds, shares in percent) and records the
     * export in the audit trail. Only a viewer who may see reports exports one (the report itself was made for a
     * viewer's scope by {@link #report}).
     */
    @Transactional
    public void exportCsv(Viewer viewer, Report report, String tableId, OutputStream out) throws IOException {
        scope(viewer); // refuses who may not see reports
        ReportTable table = report.table(tableId);
        List<String> header = new ArrayList<>();
        header.add(report.request().groupBy().name().toLowerCase());
        for (Column c : table.columns()) {
            header.add(c.key() + switch (c.kind()) {
                case SECONDS -> "Seconds";
                case PERCENT -> "Percent";
                case COUNT -> "";
            });
        }
        try (CsvWriter csv = CsvWriter.to(out, header.toArray(String[]::new))) {
            for (Row row : table.rows()) {
                List<Object> record = new ArrayList<>();
                record.add(row.label());
                for (int i = 0; i < table.columns().size(); i++) {
                    Double v = row.value(i);
                    record.add(v == null ? "" : table.columns().get(i).kind() == Kind.PERCENT
                            ? String.format(java.util.Locale.ROOT, "%.1f", v) : Long.toString(Math.round(v)));
                }
                csv.row(record);
            }
            csv.flush();
        }
        ReportRequest r = report.request();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("table", tableId);
        details.put("from", r.from());
        details.put("to", r.to());
        details.put("groupBy", r.groupBy());
        details.put("rows", table.rows().size());
        audit.record("report.exported", "report", tableId, details.toString());
    }
}
