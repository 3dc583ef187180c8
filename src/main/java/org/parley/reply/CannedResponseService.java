package org.parley.reply;

import org.parley.conversation.ConversationAccess.Viewer;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.parley.base.csv.CsvWriter;
import org.parley.base.Channel;
import org.parley.base.InvalidInputException;
import org.parley.base.NotFoundException;
import org.parley.conversation.ConversationService;
import org.parley.conversation.ConversationStatus;
import org.parley.conversation.ConversationView;
import org.parley.conversation.Priority;
import org.parley.audit.AuditTrail;
import org.parley.customer.CustomerDirectory;
import org.parley.customer.CustomerProfile;
import org.parley.team.Agent;
import org.parley.team.Role;
import org.parley.team.Team;
import org.parley.team.TeamDirectory;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The canned response library. Scopes are enforced here, whatever screen or API calls: a PERSONAL
 * response is its owner's alone, a TEAM response is used by the team and managed by its LEADs (and
 * ADMINs), a GLOBAL response is used by everyone and managed by ADMINs.
 */
@Service
@Transactional(readOnly = true)
public class CannedResponseService {

    static final int MAX_BODY = 60_000;
    static final List<String> CSV_HEADER = List.of("title", "shortcut", "scope", "team", "folder", "tags", "body",
            "short_body", "macro_status", "macro_priority", "macro_tags", "macro_assign");

    private final CannedResponseRepository responses;
    private final CannedResponseUsageRepository usage;
    private final TeamDirectory team;
    private final CustomerDirectory customers;
    private final ConversationService conversations;
    private final org.parley.conversation.ConversationAccess access;
    private final AuditTrail audit;

    CannedResponseService(CannedResponseRepository responses, CannedResponseUsageRepository usage, TeamDirectory team,
            CustomerDirectory customers, ConversationService conversations,
            org.parley.conversation.ConversationAccess access, AuditTrail audit) {
        this.access = access;
        this.audit = audit;
        this.responses = responses;
        this.usage = usage;
        this.team = team;
        this.customers = customers;
        this.conversations = conversations;
    }

    /** Who is acting: roles, teams (member) and teams led. */
    private record Actor(UUID id, boolean admin, Set<UUID> teams, Set<UUID> leads) {

        boolean mayManage(CannedResponse r) {
            return switch (r.getScope()) {
                case PERSONAL -> id.equals(r.getOwnerAgentId());
                case TEAM -> admin || leads.contains(r.getTeamId());
                case GLOBAL -> admin;
            };
        }

        boolean maySee(CannedResponse r) {
            return switch (r.getScope()) {
                case PERSONAL -> id.equals(r.getOwnerAgentId());
                case TEAM -> admin || teams.contains(r.getTeamId()) || leads.contains(r.getTeamId());
                case GLOBAL -> true;
            };
        }
    }

    private Actor actor(UUID agentId) {
        if (agentId == null) {
            throw new InvalidInputException("agent is required");
        }
        Agent agent = team.findAgent(agentId).orElseThrow(() -> new InvalidInputException("unknown agent " + agentId));
        Set<UUID> teams = new HashSet<>();
        Set<UUID> leads = new HashSet<>();
        for (Team t : team.allTeams()) {
            if (t.getMemberIds().contains(agentId)) {
                teams.add(t.getId());
            }
            if (t.getLeadIds().contains(agentId)) {
                leads.add(t.getId());
            }
        }
        return new Actor(agentId, agent.hasRole(Role.ADMIN), teams, leads);
    }

    /** Every response the agent may use (and, for ADMINs, every team's), by title. */
    public List<CannedResponseView> visibleTo(UUID agentId) {
        Actor actor = actor(agentId);
        List<CannedResponse> found = actor.admin() ? responses.findAllWithTags()
                : responses.findVisible(agentId, union(actor.teams(), actor.leads()));
        return found.stream().filter(actor::maySee).map(CannedResponseView::of).toList();
    }

    /** The picker's fuzzy search over title, shortcut and body. */
    public List<CannedResponseView> search(UUID agentId, String query, int limit) {
        return FuzzySearch.search(visibleTo(agentId), query, limit);
    }

    public CannedResponseView get(UUID agentId, UUID responseId) {
        return CannedResponseView.of(visible(actor(agentId), responseId));
    }

    /** Whether the agent may edit or delete the response. */
    public boolean canManage(UUID agentId, UUID responseId) {
        Actor actor = actor(agentId);
        return responses.findById(responseId).map(actor::mayManage).orElse(false);
    }

    /** The teams the agent may create TEAM responses for (led teams; every team for an ADMIN). */
    public List<Team> manageableTeams(UUID agentId) {
        Actor actor = actor(agentId);
        return team.allTeams().stream().filter(t -> actor.admin() || actor.leads().contains(t.getId())).toList();
    }

    public boolean mayManageGlobal(UUID agentId) {
        return actor(agentId).admin();
    }

    @Transactional
    public CannedResponseView create(UUID agentId, CannedResponseInput in) {
        Actor actor = actor(agentId);
        CannedResponseInput clean = validate(in);
        UUID owner = clean.ownerAgentId() == null ? agentId : clean.ownerAgentId();
        CannedResponse r = new CannedResponse(clean.scope(), owner, clean.teamId(), Instant.now());
        if (!actor.mayManage(r)) {
            throw denied(clean.scope(), clean.teamId());
        }
        if (responses.existsByScopeKeyAndShortcut(r.getScopeKey(), clean.shortcut())) {
            throw new InvalidInputException("the shortcut '" + clean.shortcut() + "' is taken in this scope");
        }
        r.update(clean, Instant.now());
        CannedResponse saved = responses.save(r);
        audit.record("canned_response.created", "canned_response", saved.getId(), describe(saved));
        return CannedResponseView.of(saved);
    }

    /** Edits a response's texts, tags and macro (its scope stays: delete and create to move it). */
    @Transactional
    public CannedResponseView update(UUID agentId, UUID responseId, CannedResponseInput in) {
        Actor actor = actor(agentId);
        CannedResponse r = visible(actor, responseId);
        if (!actor.mayManage(r)) {
            throw denied(r.getScope(), r.getTeamId());
        }
        CannedResponseInput clean = validate(new CannedResponseInput(in.title(), in.shortcut(), in.body(),
                in.shortBody(), in.folder(), in.tags(), r.getScope(), r.getTeamId(), r.getOwnerAgentId(), in.macro()));
        if (!clean.shortcut().equals(r.getShortcut())
                && responses.existsByScopeKeyAndShortcut(r.getScopeKey(), clean.shortcut())) {
            throw new InvalidInputException("the shortcut '" + clean.shortcut() + "' is taken in this scope");
        }
        r.update(clean, Instant.now());
        audit.record("canned_response.updated", "canned_response", r.getId(), describe(r));
        return CannedResponseView.of(r);
    }

    @Transactional
    public void delete(UUID agentId, UUID responseId) {
        Actor actor = actor(agentId);
        CannedResponse r = visible(actor, responseId);
        if (!actor.mayManage(r)) {
            throw denied(r.getScope(), r.getTeamId());
        }
        responses.delete(r);
        audit.record("canned_response.deleted", "canned_response", r.getId(), describe(r));
    }

    private static String describe(CannedResponse r) {
        return r.getScope() + " /" + r.getShortcut() + " \"" + r.getTitle() + "\"";
    }

    /** The variable values for an agent writing in a conversation (the conversation may be null). */
    public Map<String, String> valuesFor(UUID agentId, UUID conversationId) {
        Agent agent = team.findAgent(agentId).orElseThrow(() -> new InvalidInputException("unknown agent " + agentId));
        CustomerProfile customer = null;
        String teamName = null;
        if (conversationId != null) {
            ConversationView c = conversations.get(access.viewerOf(agentId), conversationId);
            customer = customers.get(c.customerId());
            if (c.teamId() != null) {
                teamName = team.findTeam(c.teamId()).map(Team::getName).orElse(null);
            }
        }
        return Variables.values(customer == null ? null : customer.displayName(),
                customer == null ? null : customer.firstName(), customer == null ? null : customer.attributes(),
                agent.getDisplayName(), agent.getFirstName(), teamName,
                conversationId == null ? null : conversationId.toString());
    }

    /** A response filled in for an agent, conversation and channel (its short variant where the channel needs it). */
    public Variables.Rendering render(UUID agentId, UUID responseId, UUID conversationId, Channel channel) {
        CannedResponseView r = get(agentId, responseId);
        return Variables.render(r.bodyFor(channel == null ? 0 : channel.maxLength()), valuesFor(agentId, conversationId));
    }

    /**
     * The agent used the response in the conversation (it was sent): counts the use and applies the
     * response's macro through the conversation service.
     */
    @Transactional
    public CannedResponseView use(UUID agentId, UUID responseId, UUID conversationId) {
        Actor actor = actor(agentId);
        CannedResponse r = visible(actor, responseId);
        Instant now = Instant.now();
        r.used(agentId, now);
        CannedResponseUsage u = usage.findById(new CannedResponseUsage.Key(responseId, agentId))
                .orElseGet(() -> new CannedResponseUsage(responseId, agentId));
        u.used(now);
        usage.save(u);
        CannedResponseView view = CannedResponseView.of(r);
        if (conversationId != null) {
            applyMacro(view.macro(), agentId, conversationId);
        }
        return view;
    }

    private void applyMacro(Macro macro, UUID agentId, UUID conversationId) {
        if (macro.isEmpty()) {
            return;
        }
        // a macro acts as the agent who used it: the same visibility, audit and live events as their own clicks
        Viewer viewer = access.viewerOf(agentId);
        ConversationView c = conversations.get(viewer, conversationId);
        if (macro.status() != null && macro.status() != c.status()) {
            conversations.setStatus(viewer, conversationId, macro.status());
        }
        if (macro.priority() != null && macro.priority() != c.priority()) {
            conversations.setPriority(viewer, conversationId, macro.priority());
        }
        if (!macro.addTags().isEmpty()) {
            Set<String> tags = new TreeSet<>(c.tags());
            if (tags.addAll(macro.addTags())) {
                conversations.setTags(viewer, conversationId, tags);
            }
        }
        if (macro.assign() == Macro.Assign.SELF && !agentId.equals(c.assigneeId())) {
            conversations.assign(viewer, conversationId, agentId);
        } else if (macro.assign() == Macro.Assign.NOBODY && c.assigneeId() != null) {
            conversations.assign(viewer, conversationId, null);
        }
    }

    /** Usage per agent, most recent first. */
    public record Usage(UUID agentId, String agentName, long timesUsed, Instant lastUsedAt) {
    }

    public List<Usage> usage(UUID agentId, UUID responseId) {
        visible(actor(agentId), responseId);
        List<CannedResponseUsage> rows = usage.findByResponse(responseId);
        Map<UUID, String> names = team.agentNames(rows.stream().map(u -> u.getId().agentId()).toList());
        return rows.stream().map(u -> new Usage(u.getId().agentId(), names.get(u.getId().agentId()), u.getTimesUsed(),
                u.getLastUsedAt())).toList();
    }

    /** The responses the agent may manage, as CSV (header row first; teams by name). */
    public String exportCsv(UUID agentId) {
        Actor actor = actor(agentId);
        Map<UUID, String> teamNames = team.allTeams().stream().collect(Collectors.toMap(Team::getId, Team::getName));
        List<CannedResponse> all = actor.admin() ? responses.findAllWithTags()
                : responses.findVisible(agentId, union(actor.teams(), actor.leads()));
        StringWriter out = new StringWriter();
        try (CsvWriter csv = CsvWriter.to(out, CSV_HEADER.toArray(String[]::new))) {
            for (CannedResponse r : all) {
                if (!actor.mayManage(r)) {
                    continue;
                }
                CannedResponseView v = CannedResponseView.of(r);
                csv.row(v.title(), v.shortcut(), v.scope().name(),
                        v.teamId() == null ? "" : teamNames.getOrDefault(v.teamId(), ""), nz(v.folder()),
                        String.join(" ", v.tags()), v.body(), nz(v.shortBody()),
                        v.macro().status() == null ? "" : v.macro().status().name(),
                        v.macro().priority() == null ? "" : v.macro().priority().name(),
                        String.join(" ", v.macro().addTags()),
                        v.macro().assign() == null ? "" : v.macro().assign().name());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    public record ImportResult(int created, int updated) {
    }

    /**
     * Imports CSV as written by {@link #exportCsv}: a response whose scope already has the shortcut is
     * updated, others are created. All rows or none: the first bad row stops the import with its line number.
     */
    @Transactional
    public ImportResult importCsv(UUID agentId, Reader reader) {
        Map<String, Team> teamsByName = team.allTeams().stream()
                .collect(Collectors.toMap(t -> t.getName().toLowerCase(Locale.ROOT), Function.identity()));
        int created = 0;
        int updated = 0;
        Set<String> seen = new HashSet<>();
        try {
            Iterable<CSVRecord> records = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                    .setIgnoreEmptyLines(true).get().parse(reader);
            for (CSVRecord row : records) {
                long line = row.getRecordNumber() + 1;
                try {
                    ResponseScope scope = parseEnum(ResponseScope.class, get(row, "scope"), "scope");
                    if (scope == null) {
                        scope = ResponseScope.PERSONAL;
                    }
                    UUID teamId = null;
                    if (scope == ResponseScope.TEAM) {
                        String teamName = get(row, "team");
                        Team t = teamName == null ? null : teamsByName.get(teamName.toLowerCase(Locale.ROOT));
                        if (t == null) {
                            throw new InvalidInputException("unknown team '" + nz(teamName) + "'");
                        }
                        teamId = t.getId();
                    }
                    Macro macro = new Macro(parseEnum(ConversationStatus.class, get(row, "macro_status"), "macro_status"),
                            parseEnum(Priority.class, get(row, "macro_priority"), "macro_priority"),
                            words(get(row, "macro_tags")),
                            parseEnum(Macro.Assign.class, get(row, "macro_assign"), "macro_assign"));
                    CannedResponseInput in = new CannedResponseInput(get(row, "title"), get(row, "shortcut"),
                            get(row, "body"), get(row, "short_body"), get(row, "folder"), words(get(row, "tags")),
                            scope, teamId, agentId, macro);
                    CannedResponseInput clean = validate(in);
                    String key = CannedResponse.scopeKey(scope, agentId, teamId);
                    if (!seen.add(key + "/" + clean.shortcut())) {
                        throw new InvalidInputException("the shortcut '" + clean.shortcut()
                                + "' appears twice in this scope");
                    }
                    Optional<CannedResponse> existing = responses.findByScopeKeyAndShortcut(key, clean.shortcut());
                    if (existing.isPresent()) {
                        update(agentId, existing.get().getId(), clean);
                        updated++;
                    } else {
                        create(agentId, clean);
                        created++;
                    }
                } catch (InvalidInputException | AccessDeniedException | NotFoundException e) {
                    throw new InvalidInputException("line " + line + ": " + e.getMessage());
                }
            }
        } catch (IOException | IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
            throw new InvalidInputException("not a readable CSV file: " + e.getMessage());
        }
        audit.record("canned_response.imported", "canned_response", null, created + " created, " + updated + " updated");
        return new ImportResult(created, updated);
    }

    private CannedResponse visible(Actor actor, UUID responseId) {
        CannedResponse r = responses.findWithTags(responseId)
                .orElseThrow(() -> new NotFoundException("canned response " + responseId));
        if (!actor.maySee(r)) {
            throw new NotFoundException("canned response " + responseId);
        }
        return r;
    }

    private static AccessDeniedException denied(ResponseScope scope, UUID teamId) {
        return new AccessDeniedException(switch (scope) {
            case PERSONAL -> "a personal response belongs to its owner alone";
            case TEAM -> "only a lead of the team (or an admin) manages its responses";
            case GLOBAL -> "only an admin manages global responses";
        });
    }

    private static CannedResponseInput validate(CannedResponseInput in) {
        String title = required(in.title(), "title", 200);
        String shortcut = required(in.shortcut(), "shortcut", 60).toLowerCase(Locale.ROOT);
        if (shortcut.startsWith("/")) {
            shortcut = shortcut.substring(1);
        }
        if (!shortcut.matches("[\\p{L}\\p{N}_.-]+")) {
            throw new InvalidInputException("the shortcut may only hold letters, digits, '_', '.' and '-'");
        }
        String body = required(in.body(), "body", MAX_BODY);
        String shortBody = optional(in.shortBody(), "short variant", 2000);
        String folder = optional(in.folder(), "folder", 100);
        for (String text : new String[] {body, shortBody}) {
            List<String> unknown = Variables.unknownIn(text);
            if (!unknown.isEmpty()) {
                throw new InvalidInputException("unknown variable {{" + unknown.getFirst() + "}}: use one of "
                        + String.join(", ", Variables.KNOWN));
            }
        }
        if (in.scope() == null) {
            throw new InvalidInputException("scope is required (PERSONAL, TEAM or GLOBAL)");
        }
        if (in.scope() == ResponseScope.TEAM && in.teamId() == null) {
            throw new InvalidInputException("a team response needs a team");
        }
        List<String> tags = cleanTags(in.tags(), "tag");
        Macro m = in.macro();
        Macro macro = new Macro(m.status(), m.priority(), cleanTags(m.addTags(), "macro tag"), m.assign());
        if (String.join(",", macro.addTags()).length() > 500) {
            throw new InvalidInputException("the macro's tags are longer than 500 characters");
        }
        return new CannedResponseInput(title, shortcut, body, shortBody, folder, tags, in.scope(), in.teamId(),
                in.ownerAgentId(), macro);
    }

    private static List<String> cleanTags(Collection<String> raw, String what) {
        Set<String> tags = new TreeSet<>();
        for (String tag : raw) {
            String t = tag == null ? "" : tag.strip().toLowerCase(Locale.ROOT);
            if (t.isEmpty()) {
                continue;
            }
            if (t.length() > 60 || !t.matches("[\\p{L}\\p{N}_.-]+")) {
                throw new InvalidInputException(what + " '" + tag + "' must be 1-60 letters, digits, '_', '.' or '-'");
            }
            tags.add(t);
        }
        return List.copyOf(tags);
    }

    private static String required(String value, String field, int max) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException("the " + field + " is required");
        }
        return optional(value, field, max);
    }

    private static String optional(String value, String field, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (v.length() > max) {
            throw new InvalidInputException("the " + field + " is longer than " + max + " characters");
        }
        return v;
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field + " must be one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    private static String get(CSVRecord row, String column) {
        if (!row.isMapped(column)) {
            if (column.equals("title") || column.equals("shortcut") || column.equals("body")) {
                throw new InvalidInputException("the CSV has no '" + column + "' column");
            }
            return null;
        }
        // a cell Parley's export quoted against spreadsheet formulas comes back as it was
        String v = row.isSet(column) ? CsvWriter.restore(row.get(column)) : null;
        return v == null || v.isBlank() ? null : v;
    }

    private static List<String> words(String text) {
        return text == null ? List.of() : List.of(text.strip().split("[\\s,;]+"));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static Set<UUID> union(Set<UUID> a, Set<UUID> b) {
        Set<UUID> all = new HashSet<>(a);
        all.addAll(b);
        if (all.isEmpty()) {
            all.add(new UUID(0, 0)); // an empty IN list is not valid SQL everywhere
        }
        return all;
    }
}
