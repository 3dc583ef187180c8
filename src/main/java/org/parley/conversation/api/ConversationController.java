package org.parley.conversation.api;

import org.parley.conversation.ConversationAccess.Viewer;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.annotation.JsonAnyGetter;
import org.parley.conversation.ConversationAccess;
import org.parley.conversation.ConversationDetailsContributor;
import java.util.UUID;
import org.parley.conversation.ConversationMerges;
import org.parley.conversation.ConversationService;
import org.parley.conversation.ConversationView;
import org.parley.conversation.MessageView;
import org.parley.team.Agent;
import org.parley.team.Team;
import org.parley.team.TeamDirectory;
import java.net.URI;
import org.parley.base.InvalidInputException;
import org.parley.conversation.ConversationStatus;
import org.parley.conversation.ConversationUpdate;
import org.parley.conversation.InboxQueries;
import org.parley.conversation.InboxRow;
import org.parley.conversation.MessageAttachments;
import org.parley.conversation.MessageWithAttachments;
import org.springframework.http.ContentDisposition;
import org.springframework.http.MediaType;
import org.parley.conversation.PageCursor;
import org.parley.conversation.Priority;
import org.parley.conversation.Queue;
import org.parley.conversation.Snoozes;
import org.parley.conversation.VersionConflict;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Conversations and customer timelines over HTTP: read one, change it (status, priority, team, assignee, tags,
 * with optimistic concurrency), add an internal note, page through a queue.
 */
@RestController
class ConversationController {

    private final ConversationService conversations;
    private final TeamDirectory team;
    private final List<ConversationDetailsContributor> contributors;
    private final ConversationAccess access;
    private final InboxQueries inbox;
    private final MessageAttachments attachments;
    private final Snoozes snoozes;
    private final ConversationMerges merges;

    ConversationController(ConversationService conversations, TeamDirectory team,
            List<ConversationDetailsContributor> contributors, ConversationAccess access, InboxQueries inbox,
            MessageAttachments attachments, Snoozes snoozes, ConversationMerges merges) {
        this.snoozes = snoozes;
        this.merges = merges;
        this.inbox = inbox;
        this.attachments = attachments;
        this.access = access;
        this.conversations = conversations;
        this.team = team;
        this.contributors = contributors;
    }

    @GetMapping("/api/v1/conversations/{id}")
    ConversationJson get(@PathVariable UUID id, Authentication authentication) {
        // a conversation the caller may not see answers 404, like one that does not exist
        Viewer viewer = access.viewerOf(authentication);
        return json(viewer, conversations.get(viewer, id));
    }

    /**
     * Every message of the customer's conversations the caller may see, across channels, oldest first. A
     * customer whose conversations are all hidden from the caller has an empty timeline, like one who never
     * wrote: a 404 there would tell that hidden conversations exist. An unknown customer is a 404.
     */
    @GetMapping("/api/v1/customers/{customerId}/timeline")
    List<MessageWithAttachments> timeline(@PathVariable UUID customerId, Authentication authentication) {
        Viewer viewer = access.viewerOf(authentication);
        return attachments.listed(conversations.timeline(viewer, conversations.survivingCustomer(viewer, customerId)));
    }

    /**
     * A file that came with a message, under the same visibility rule as its conversation (404 otherwise). Always
     * offered as a download, never rendered in the browser (an HTML or SVG file could carry script).
     */
    @GetMapping("/api/v1/attachments/{id}")
    ResponseEntity<byte[]> attachment(@PathVariable UUID id, Authentication authentication) {
        MessageAttachments.Download file = attachments.download(access.viewerOf(authentication), id);
        MediaType type;
        try {
            type = MediaType.parseMediaType(file.attachment().contentType());
        } catch (org.springframework.http.InvalidMediaTypeException e) {
            type = MediaType.APPLICATION_OCTET_STREAM;
        }
        return ResponseEntity.ok().contentType(type).contentLength(file.content().length)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(file.attachment().fileName(), java.nio.charset.StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "sandbox; default-src 'none'")
                .body(file.content());
    }

    /**
     * Changes status, priority, team, assignee and tags (the whole list) at once, as the UI does, if the
     * conversation is still at the {@code version} of the body or the {@code If-Match} header: else {@code 409}
     * with the current state. A field left out stays; {@code "teamId": null} and {@code "assigneeId": null} clear.
     */
    @PatchMapping(path = "/api/v1/conversations/{id}", consumes = "application/json")
    ConversationJson update(@PathVariable UUID id, @RequestBody(required = false) JsonNode body,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, Authentication authentication) {
        Viewer viewer = access.viewerOf(authentication);
        if (body == null || !body.isObject()) {
            throw new InvalidInputException("a JSON object with any of status, priority, teamId, assigneeId, tags"
                    + " and the version you read is required");
        }
        List<String> unknown = body.propertyNames().stream().filter(n -> !PATCHABLE.contains(n)).toList();
        if (!unknown.isEmpty()) {
            throw new InvalidInputException("unknown field(s) " + unknown + "; known: " + PATCHABLE);
        }
        long version = version(body, ifMatch);
        ConversationUpdate update = new ConversationUpdate(
                body.hasNonNull("status") ? ConversationStatus.valueOf(name(body, "status",
                        java.util.Arrays.stream(ConversationStatus.values()).map(Enum::name).toList())) : null,
                body.hasNonNull("priority") ? Priority.valueOf(name(body, "priority",
                        java.util.Arrays.stream(Priority.values()).map(Enum::name).toList())) : null,
                body.has("teamId"), uuid(body, "teamId"), body.has("assigneeId"), uuid(body, "assigneeId"),
                tags(body));
        if (update.isEmpty()) {
            throw new InvalidInputException("nothing to change: give any of status, priority, teamId, assigneeId, tags");
        }
        ConversationView changed = conversations.update(viewer, id, version, update);
        // read back as the caller sees it now; moved to a team the caller does not see, the change is still
        // theirs to know about: its fields, without the messages (a GET answers 404 from now on)
        return conversations.find(viewer, id).map(c -> json(viewer, c)).orElseGet(() -> new ConversationJson(changed,
                null, null, List.of()));
    }

    /**
     * Merges two conversations of one customer: {@code {"from": "<other id>"}}, optionally with {@code "version"} (of
     * the conversation in the path) and {@code "fromVersion"} (of the other) as read, else {@code 409}. The earlier
     * created conversation survives whichever id is in the path; the answer is the survivor, with {@code "merge":
     * {"mergeId", "absorbedId", "movedMessages"}}. Different customers or an already merged one: 400; a conversation
     * the caller does not see: 404.
     */
    @PostMapping(path = "/api/v1/conversations/{id}/merge", consumes = "application/json")
    ConversationJson merge(@PathVariable UUID id, @RequestBody(required = false) JsonNode body,
            Authentication authentication) {
        Viewer viewer = access.viewerOf(authentication);
        if (body == null || !body.isObject() || !body.hasNonNull("from")) {
            throw new InvalidInputException("a JSON object with from (the other conversation's id) is required");
        }
        List<String> unknown = body.propertyNames().stream().filter(n -> !MERGE_FIELDS.contains(n)).toList();
        if (!unknown.isEmpty()) {
            throw new InvalidInputException("unknown field(s) " + unknown + "; known: " + MERGE_FIELDS);
        }
        ConversationMerges.MergeResult result = merges.merge(viewer, id, uuid(body, "from"),
                optionalVersion(body, "version"), optionalVersion(body, "fromVersion"));
        ConversationJson json = json(viewer, result.survivor());
        Map<String, Object> merge = new LinkedHashMap<>();
        merge.put("mergeId", result.mergeId());
        merge.put("absorbedId", result.absorbed().id());
        merge.put("movedMessages", result.movedMessages());
        json.extra.put("merge", merge);
        return json;
    }

    /**
     * Undoes the merge that made conversation {@code id} (the absorbed one, whose {@code mergedInto} is set) a
     * pointer: its messages go back, it has its former state again; the answer is that conversation. Not merged:
     * 400; hidden: 404.
     */
    @PostMapping("/api/v1/conversations/{id}/unmerge")
    ConversationJson unmerge(@PathVariable UUID id, Authentication authentication) {
        Viewer viewer = access.viewerOf(authentication);
        ConversationMerges.MergeResult result = merges.unmerge(viewer, id);
        return json(viewer, result.absorbed());
    }

    private static final List<String> MERGE_FIELDS = List.of("from", "version", "fromVersion");

    private static Long optionalVersion(JsonNode body, String field) {
        if (!body.hasNonNull(field)) {
            return null;
        }
        if (!body.get(field).isIntegralNumber()) {
            throw new InvalidInputException(field + " must be the number the conversation had when you read it");
        }
        return body.get(field).asLong();
    }

    /** 409 with the state the caller has to start again from. */
    @ExceptionHandler(VersionConflict.class)
    ResponseEntity<Map<String, Object>> conflict(VersionConflict e, Authentication authentication) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", e.getMessage());
        body.put("details", List.of());
        body.put("current", json(access.viewerOf(authentication), e.current()));
        return ResponseEntity.status(HttpStatus.CONFLICT).body(body);
    }

    /**
     * Snoozes the conversation until {@code until} (an ISO-8601 instant in the future) and/or until the customer
     * replies ({@code untilReply}); it leaves the queues (but "snoozed") and wakes by itself. {@code 200} with the
     * conversation as {@code GET} shows it; {@code 400} with the reason for a time in the past, a malformed time, or
     * neither given.
     */
    @PostMapping(path = "/api/v1/conversations/{id}/snooze", consumes = "application/json")
    ConversationJson snooze(@PathVariable UUID id, @RequestBody(required = false) JsonNode body,
            Authentication authentication) {
        Viewer viewer = access.viewerOf(authentication);
        if (body == null || !body.isObject()) {
            throw new InvalidInputException("a JSON object {\"until\": ISO-8601 instant or null, \"untilReply\": true"
                    + " or false} is required");
        }
        List<String> unknown = body.propertyNames().stream().filter(n -> !SNOOZE_FIELDS.contains(n)).toList();
        if (!unknown.isEmpty()) {
            throw new InvalidInputException("unknown field(s) " + unknown + "; known: " + SNOOZE_FIELDS);
        }
        Instant until = instant(body, "until");
        JsonNode reply = body.get("untilReply");
        if (reply != null && !reply.isNull() && !reply.isBoolean()) {
            throw new InvalidInputException("untilReply must be true or false");
        }
        boolean untilReply = reply != null && reply.isBoolean() && reply.asBoolean();
        return json(viewer, snoozes.snooze(viewer, id, until, untilReply));
    }

    /** Wakes the conversation now: back in its queues ({@code 200} with the conversation, also when it slept not). */
    @DeleteMapping("/api/v1/conversations/{id}/snooze")
    ConversationJson wake(@PathVariable UUID id, Authentication authentication) {
        Viewer viewer = access.viewerOf(authentication);
        return json(viewer, snoozes.wake(viewer, id));
    }

    private static Instant instant(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        String text = value.isString() ? value.asString().strip() : null;
        if (text != null) {
            try {
                return Instant.parse(text);
            } catch (java.time.format.DateTimeParseException e) {
                try {
                    return java.time.OffsetDateTime.parse(text).toInstant();
                } catch (java.time.format.DateTimeParseException again) {
                    // falls through to the message below
                }
            }
        }
        throw new InvalidInputException(field + " must be an ISO-8601 instant such as \"2026-12-04T09:00:00Z\" (or null),"
                + " not " + value);
    }

    private static final List<String> SNOOZE_FIELDS = List.of("until", "untilReply");

    /** An internal note as the token's agent; {@code @username} mentions notify like in the UI. */
    @PostMapping(path = "/api/v1/conversations/{id}/notes", consumes = "application/json")
    ResponseEntity<MessageWithAttachments> note(@PathVariable UUID id, @RequestBody(required = false) NoteRequest body,
            Authentication authentication) {
        if (body == null || body.text() == null || body.text().isBlank()) {
            throw new InvalidInputException("a JSON body {\"text\"} with the note is required");
        }
        Viewer viewer = access.viewerOf(authentication);
        if (viewer.agentId() == null) {
            throw new InvalidInputException("this token belongs to no agent: notes need an agent's API token");
        }
        MessageView note = conversations.addNote(viewer, id, body.text());
        return ResponseEntity.created(URI.create("/api/v1/conversations/" + id))
                .body(new MessageWithAttachments(note, List.of()));
    }

    /**
     * One page of a queue, newest activity first, the same rows as the inbox: {@code mine}, {@code unassigned},
     * {@code team:<id>}, {@code open}, {@code resolved} or {@code snoozed}; {@code next} is the cursor of the following page.
     */
    @GetMapping("/api/v1/conversations")
    Page list(@RequestParam(defaultValue = "open") String queue, @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = "50") int limit, Authentication authentication) {
        if (limit < 1 || limit > 200) {
            throw new InvalidInputException("limit must be between 1 and 200");
        }
        Viewer viewer = access.viewerOf(authentication);
        Queue q = switch (queue) {
            case "mine" -> Queue.MINE;
            case "unassigned" -> Queue.UNASSIGNED;
            case "open" -> Queue.ALL_OPEN;
            case "resolved" -> Queue.RESOLVED;
            case "snoozed" -> Queue.SNOOZED;
            default -> {
                if (queue.startsWith("team:")) {
                    yield Queue.team(parseUuid(queue.substring(5), "queue team id"));
                }
                throw new InvalidInputException("queue must be mine, unassigned, team:<id>, open, resolved or snoozed");
            }
        };
        if (q == Queue.MINE && viewer.agentId() == null) {
            throw new InvalidInputException("this token belongs to no agent: it has no 'mine' queue");
        }
        List<InboxRow> rows = inbox.page(viewer, q, Cursors.decode(cursor), limit + 1);
        boolean more = rows.size() > limit;
        List<InboxRow> page = more ? rows.subList(0, limit) : rows;
        String next = more ? Cursors.encode(new PageCursor(page.getLast().lastActivityAt(), page.getLast().conversationId()))
                : null;
        return new Page(page, next);
    }

    record Page(List<InboxRow> items, String next) {
    }

    record NoteRequest(String text) {
    }

    private static final List<String> PATCHABLE = List.of("status", "priority", "teamId", "assigneeId", "tags",
            "version");

    private ConversationJson json(Viewer viewer, ConversationView conversation) {
        String teamName = conversation.teamId() == null ? null
                : team.findTeam(conversation.teamId()).map(Team::getName).orElse(null);
        String assigneeName = conversation.assigneeId() == null ? null
                : team.findAgent(conversation.assigneeId()).map(Agent::getDisplayName).orElse(null);
        ConversationJson json = new ConversationJson(conversation, teamName, assigneeName,
                attachments.listed(conversations.messages(viewer, conversation.id())));
        json.extra.put("mergedInto", conversation.mergedInto());
        contributors.forEach(c -> json.extra.put(c.field(), c.details(viewer, conversation.id())));
        return json;
    }

    private static long version(JsonNode body, String ifMatch) {
        if (body.has("version")) {
            if (!body.get("version").isIntegralNumber()) {
                throw new InvalidInputException("version must be the number the conversation had when you read it");
            }
            return body.get("version").asLong();
        }
        if (ifMatch != null && !ifMatch.isBlank()) {
            String tag = ifMatch.strip().replaceFirst("^W/", "").replace("\"", "");
            try {
                return Long.parseLong(tag);
            } catch (NumberFormatException e) {
                throw new InvalidInputException("If-Match must carry the conversation's version, e.g. \"7\"");
            }
        }
        throw new InvalidInputException("the version you read is required (\"version\" in the body or If-Match), so"
                + " that you do not overwrite someone else's change");
    }

    private static String name(JsonNode body, String field, List<String> allowed) {
        JsonNode value = body.get(field);
        String text = value.isString() ? value.asString().strip().toUpperCase(java.util.Locale.ROOT) : null;
        if (text == null || !allowed.contains(text)) {
            throw new InvalidInputException(field + " must be one of " + allowed);
        }
        return text;
    }

    private static UUID uuid(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw new InvalidInputException(field + " must be an id (a string) or null");
        }
        return parseUuid(value.asString(), field);
    }

    private static UUID parseUuid(String text, String what) {
        try {
            return UUID.fromString(text.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(what + " is not an id: " + text);
        }
    }

    private static List<String> tags(JsonNode body) {
        JsonNode value = body.get("tags");
        if (value == null) {
            return null;
        }
        if (!value.isArray()) {
            throw new InvalidInputException("tags must be the whole list of tags, e.g. [\"vip\", \"refund\"]");
        }
        List<String> tags = new java.util.ArrayList<>();
        for (JsonNode tag : value) {
            if (!tag.isString()) {
                throw new InvalidInputException("every tag must be a string");
            }
            tags.add(tag.asString());
        }
        return tags;
    }

    record ConversationJson(UUID id, UUID customerId, String channel, String subject, String status, String priority,
            UUID teamId, String teamName, UUID assigneeId, String assigneeName, List<String> tags, Instant createdAt,
            Instant lastActivityAt, Instant lastCustomerMessageAt, Instant firstResponseAt, Instant resolvedAt,
            Long version, boolean snoozed, Instant snoozedUntil, boolean snoozedUntilReply,
            List<MessageWithAttachments> messages, Map<String, Object> extra) {

        ConversationJson(ConversationView c, String teamName, String assigneeName,
                List<MessageWithAttachments> messages) {
            this(c.id(), c.customerId(), c.channel().name(), c.subject(), c.status().name(), c.priority().name(),
                    c.teamId(), teamName, c.assigneeId(), assigneeName, c.tags(), c.createdAt(), c.lastActivityAt(),
                    c.lastCustomerMessageAt(), c.firstResponseAt(), c.resolvedAt(), c.version(), c.snoozed(),
                    c.snooze() == null ? null : c.snooze().until(), c.snooze() != null && c.snooze().untilReply(),
                    messages, new LinkedHashMap<>());
        }

        /** Fields of {@link ConversationDetailsContributor}s, e.g. {@code sla}, beside the conversation's own. */
        @JsonAnyGetter
        public Map<String, Object> extra() {
            return extra;
        }
    }
}
