package org.parley.search;

import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.hibernate.search.engine.search.common.BooleanOperator;
import org.hibernate.search.engine.search.highlighter.dsl.HighlighterEncoder;
import org.hibernate.search.engine.search.predicate.dsl.PredicateFinalStep;
import org.hibernate.search.engine.search.predicate.dsl.SearchPredicateFactory;
import org.hibernate.search.engine.search.query.SearchResult;
import org.hibernate.search.mapper.orm.Search;
import org.parley.base.Channel;
import org.parley.base.InvalidInputException;
import org.parley.conversation.ConversationAccess.Viewer;
import org.parley.conversation.ConversationStatus;
import org.parley.sla.SlaClocks;
import org.parley.team.Agent;
import org.parley.team.Team;
import org.parley.team.TeamDirectory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.util.HtmlUtils;

/**
 * Finds messages by what an agent types ({@link SearchQuery}): ranked by relevance, newest first among equals,
 * the matched words marked. The viewer's visibility is part of the query, exactly as in the queues, so a hidden
 * conversation is never found, shown or counted.
 */
@Service
@Transactional(readOnly = true)
public class ConversationSearch {

    public static final int MAX_LIMIT = 100;
    static final int SNIPPET_LENGTH = 200;
    /** How deep pages go: beyond, narrow the query. */
    static final int MAX_OFFSET = 10_000;

    private final EntityManager em;
    private final TeamDirectory team;
    private final SlaClocks sla;

    ConversationSearch(EntityManager em, TeamDirectory team, SlaClocks sla) {
        this.em = em;
        this.team = team;
        this.sla = sla;
    }

    /** One found message. {@code snippet} is HTML: the matched words in {@code <mark>}, everything else escaped. */
    public record Hit(UUID conversationId, UUID messageId, UUID customerId, String customerName, Channel channel,
            String subject, String snippet, ConversationStatus status, Instant occurredAt) {
    }

    /**
     * @param total how many messages the viewer may see match
     * @param next the cursor of the following page, null on the last
     */
    public record Page(List<Hit> items, long total, String next) {
    }

    /** The page of hits at {@code cursor} (null: the first). Refuses a malformed query or cursor. */
    public Page search(Viewer viewer, String query, String cursor, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException("limit must be between 1 and " + MAX_LIMIT);
        }
        SearchQuery parsed = SearchQuery.parse(query);
        int offset = offset(cursor);
        SearchResult<Hit> result = Search.session(em).search(SearchDocument.class)
                .select(f -> f.composite().from(
                        f.id(UUID.class), f.field("conversationId", UUID.class), f.field("customerId", UUID.class),
                        f.field("customerName", String.class), f.field("channel", Channel.class),
                        f.field("subject", String.class), f.field("body", String.class),
                        f.highlight("body"), f.highlight("subject"),
                        f.field("status", ConversationStatus.class), f.field("occurredAt", Instant.class))
                        .asArray(ConversationSearch::hit))
                .where((f, root) -> {
                    root.add(f.matchAll());
                    where(f, parsed, viewer, MESSAGE_TEXT).forEach(root::add);
                })
                .sort(f -> f.score().then().field("occurredAt").desc())
                .highlighter(f -> f.plain().tag("<mark>", "</mark>").encoder(HighlighterEncoder.HTML)
                        .fragmentSize(SNIPPET_LENGTH).numberOfFragments(1))
                .fetch(offset, limit);
        long total = result.total().hitCountLowerBound();
        String next = offset + limit < Math.min(total, MAX_OFFSET) ? encode(offset + limit) : null;
        return new Page(result.hits(), total, next);
    }

    /** How many messages the viewer may see match the query. */
    public long count(Viewer viewer, String query) {
        SearchQuery parsed = SearchQuery.parse(query);
        return Search.session(em).search(SearchDocument.class)
                .where((f, root) -> {
                    root.add(f.matchAll());
                    where(f, parsed, viewer, MESSAGE_TEXT).forEach(root::add);
                })
                .fetchTotalHitCount();
    }

    /** The full-text fields of a message document and their weights. */
    private static final java.util.Map<String, Float> MESSAGE_TEXT = java.util.Map.of("body", 1f, "subject", 2f,
            "customerName", 2f, "authorName", 1f, "identities", 1f, "tags", 1f);
    /** The full-text fields of a conversation row (saved views). */
    private static final java.util.Map<String, Float> CONVERSATION_TEXT = java.util.Map.of("body", 1f, "subject", 2f,
            "customerName", 2f, "identities", 1f, "tags", 1f);

    /** The sorts of a saved view. */
    public enum Sort {
        NEWEST_ACTIVITY("Newest activity"), OLDEST_WAITING("Oldest waiting"), PRIORITY("Priority"),
        SLA_DUE("SLA due first");

        private final String label;

        Sort(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** How many conversations a "SLA due first" view orders; beyond, it lists by newest activity. */
    static final int SLA_SORT_WINDOW = 2_000;

    /**
     * A page of the conversations (awake, visible to the viewer) that match the query, in the view's order; a
     * malformed query is refused.
     */
    public List<UUID> conversations(Viewer viewer, String query, Sort sort, int offset, int limit) {
        SearchQuery parsed = SearchQuery.parse(query);
        var search = Search.session(em).search(SearchConversation.class)
                .select(f -> f.id(UUID.class))
                .where((f, root) -> {
                    root.add(f.matchAll());
                    root.add(f.match().field("snoozed").matching(false));
                    where(f, parsed, viewer, CONVERSATION_TEXT).forEach(root::add);
                });
        if (sort == Sort.SLA_DUE) {
            List<UUID> window = search.sort(f -> f.field("occurredAt").desc()).fetchHits(SLA_SORT_WINDOW);
            java.util.Map<UUID, Instant> due = sla.nextDue(viewer, window);
            List<UUID> ordered = new ArrayList<>(window);
            ordered.sort(java.util.Comparator.comparing(due::get,
                    java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder())));
            return ordered.subList(Math.min(offset, ordered.size()), Math.min(offset + limit, ordered.size()));
        }
        return search.sort(f -> switch (sort) {
            case OLDEST_WAITING -> f.field("waitingSince").asc().missing().last().then().field("occurredAt").asc();
            case PRIORITY -> f.field("priorityRank").asc().then().field("occurredAt").desc();
            default -> f.field("occurredAt").desc();
        }).fetchHits(offset, limit);
    }

    /** How many conversations (awake, visible to the viewer) match the query. */
    public long countConversations(Viewer viewer, String query) {
        SearchQuery parsed = SearchQuery.parse(query);
        return Search.session(em).search(SearchConversation.class)
                .where((f, root) -> {
                    root.add(f.matchAll());
                    root.add(f.match().field("snoozed").matching(false));
                    where(f, parsed, viewer, CONVERSATION_TEXT).forEach(root::add);
                })
                .fetchTotalHitCount();
    }

    private List<PredicateFinalStep> where(SearchPredicateFactory f, SearchQuery query, Viewer viewer,
            java.util.Map<String, Float> textFields) {
        List<PredicateFinalStep> all = new ArrayList<>();
        if (!query.text().isBlank()) {
            var text = f.simpleQueryString();
            var fields = new java.util.TreeMap<>(textFields).entrySet().iterator();
            var first = fields.next();
            var step = text.field(first.getKey()).boost(first.getValue());
            while (fields.hasNext()) {
                var next = fields.next();
                step = step.field(next.getKey()).boost(next.getValue());
            }
            all.add(step.matching(query.text()).defaultOperator(BooleanOperator.AND));
        }
        anyOf(f, all, query.values("channel"), v -> f.match().field("channel").matching(SearchQuery.channel(v)));
        anyOf(f, all, query.values("status"), v -> f.match().field("status").matching(SearchQuery.status(v)));
        anyOf(f, all, query.values("priority"), v -> f.match().field("priority").matching(SearchQuery.priority(v)));
        anyOf(f, all, query.values("tag"), v -> f.match().field("tags").matching(token(v)));
        anyOf(f, all, query.values("from"), v -> f.match().field("identities").matching(token(v)));
        anyOf(f, all, query.values("team"), v -> v.equalsIgnoreCase("none") ? f.not(f.exists().field("teamId"))
                : f.match().field("teamId").matching(teamId(v)));
        anyOf(f, all, query.values("assignee"), v -> v.equalsIgnoreCase("none")
                ? f.not(f.exists().field("assigneeId")) : f.match().field("assigneeId").matching(agentId(v, viewer)));
        for (String v : query.values("after")) {
            all.add(f.range().field("occurredAt").atLeast(SearchQuery.instant("after", v)));
        }
        for (String v : query.values("before")) {
            all.add(f.range().field("occurredAt").lessThan(SearchQuery.instant("before", v)));
        }
        if (!query.values("has").isEmpty()) {
            all.add(f.match().field("hasAttachment").matching(true));
        }
        if (!query.values("sla").isEmpty()) {
            all.add(f.match().field("slaBreached").matching(true));
        }
        if (!viewer.seesAll()) {
            all.add(visible(f, viewer));
        }
        return all;
    }

    /** The rule of {@code ConversationAccess}: assigned to the viewer, of a visible team, or of no team. */
    private static PredicateFinalStep visible(SearchPredicateFactory f, Viewer viewer) {
        var or = f.or().add(f.not(f.exists().field("teamId")));
        if (viewer.agentId() != null) {
            or.add(f.match().field("assigneeId").matching(viewer.agentId()));
        }
        Set<UUID> teams = viewer.visibleTeamIds();
        if (!teams.isEmpty()) {
            or.add(f.terms().field("teamId").matchingAny(new ArrayList<>(teams)));
        }
        return or;
    }

    private static void anyOf(SearchPredicateFactory f, List<PredicateFinalStep> all, List<String> values,
            java.util.function.Function<String, PredicateFinalStep> one) {
        if (values.isEmpty()) {
            return;
        }
        var or = f.or();
        values.forEach(v -> or.add(one.apply(v)));
        all.add(or);
    }

    private UUID teamId(String name) {
        return team.allTeams().stream().filter(t -> t.getName().equalsIgnoreCase(name)).map(Team::getId).findFirst()
                .orElseThrow(() -> new InvalidInputException("there is no team '" + name + "' (team:none finds"
                        + " conversations without a team)"));
    }

    private UUID agentId(String who, Viewer viewer) {
        if (who.equalsIgnoreCase("me")) {
            if (viewer.agentId() == null) {
                throw new InvalidInputException("assignee:me needs a signed-in agent or an agent's token");
            }
            return viewer.agentId();
        }
        return team.findAgentByUsername(who).map(Agent::getId)
                .orElseThrow(() -> new InvalidInputException("there is no agent '" + who + "' (assignee:me,"
                        + " assignee:none or an agent's user name)"));
    }

    private static String token(String value) {
        return value.strip().toLowerCase(Locale.ROOT).replace(' ', '_');
    }

    private static Hit hit(Object[] row) {
        String body = (String) row[6];
        @SuppressWarnings("unchecked")
        List<String> bodyMarks = (List<String>) row[7];
        @SuppressWarnings("unchecked")
        List<String> subjectMarks = (List<String>) row[8];
        String snippet;
        if (!bodyMarks.isEmpty()) {
            snippet = bodyMarks.get(0);
        } else if (!subjectMarks.isEmpty()) {
            snippet = subjectMarks.get(0);
        } else {
            String start = body == null ? "" : body.strip();
            snippet = HtmlUtils.htmlEscape(start.length() > SNIPPET_LENGTH ? start.substring(0, SNIPPET_LENGTH) + "…"
                    : start);
        }
        return new Hit((UUID) row[1], (UUID) row[0], (UUID) row[2], (String) row[3], (Channel) row[4],
                (String) row[5], snippet.strip(), (ConversationStatus) row[9], (Instant) row[10]);
    }

    private static int offset(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return 0;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!decoded.startsWith("o:")) {
                throw new IllegalArgumentException();
            }
            int offset = Integer.parseInt(decoded.substring(2));
            if (offset < 0 || offset > MAX_OFFSET) {
                throw new IllegalArgumentException();
            }
            return offset;
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("the cursor is not one a search returned");
        }
    }

    private static String encode(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("o:" + offset).getBytes(StandardCharsets.UTF_8));
    }
}
