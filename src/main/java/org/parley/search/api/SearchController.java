package org.parley.search.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.parley.base.Channel;
import org.parley.conversation.ConversationAccess;
import org.parley.conversation.ConversationStatus;
import org.parley.search.ConversationSearch;
import org.parley.search.SearchIndexAdmin;
import org.parley.security.RoleGuard;
import org.parley.team.Role;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/search}: messages found by the query language of the inbox's search field, as the caller
 * may see them; {@code /api/v1/search/rebuild}: an admin rebuilds the index and follows its progress.
 */
@RestController
class SearchController {

    private final ConversationSearch search;
    private final SearchIndexAdmin admin;
    private final ConversationAccess access;
    private final RoleGuard roles;

    SearchController(ConversationSearch search, SearchIndexAdmin admin, ConversationAccess access, RoleGuard roles) {
        this.roles = roles;
        this.search = search;
        this.admin = admin;
        this.access = access;
    }

    record HitJson(UUID conversationId, UUID messageId, UUID customerId, String customerName, Channel channel,
            String subject, String snippet, ConversationStatus status, Instant occurredAt) {
    }

    record PageJson(List<HitJson> items, String next, long total) {
    }

    record ProgressJson(String phase, long done, long total, double fraction, Instant startedAt, Instant finishedAt,
            String error) {

        static ProgressJson of(SearchIndexAdmin.Progress p) {
            return new ProgressJson(p.phase(), p.done(), p.total(), p.fraction(), p.startedAt(), p.finishedAt(),
                    p.error());
        }
    }

    @GetMapping("/api/v1/search")
    PageJson search(@RequestParam(name = "q", required = false) String q,
            @RequestParam(name = "cursor", required = false) String cursor,
            @RequestParam(name = "limit", defaultValue = "20") int limit) {
        ConversationSearch.Page page = search.search(access.currentViewer(), q, cursor, limit);
        return new PageJson(page.items().stream().map(h -> new HitJson(h.conversationId(), h.messageId(),
                h.customerId(), h.customerName(), h.channel(), h.subject(), h.snippet(), h.status(), h.occurredAt()))
                .toList(), page.next(), page.total());
    }

    @PostMapping("/api/v1/search/rebuild")
    ResponseEntity<ProgressJson> rebuild(java.security.Principal caller) {
        String by = caller == null ? "api" : caller.getName();
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(ProgressJson.of(admin.rebuild(access.currentViewer(), by)));
    }

    @GetMapping("/api/v1/search/rebuild")
    ProgressJson progress() {
        roles.requireAny(Role.ADMIN);
        return ProgressJson.of(admin.progress());
    }
}
