package org.parley.reply.api;

import java.util.List;
import java.util.UUID;
import org.parley.base.Channel;
import org.parley.base.InvalidInputException;
import org.parley.reply.CannedResponseService;
import org.parley.reply.CannedResponseView;
import org.parley.team.AgentPrincipal;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The canned responses the token's agent may use, searched like in the composer, and one filled in for a
 * conversation (its variables replaced; those without a value are named in {@code missing}).
 */
@RestController
class CannedResponseController {

    private final CannedResponseService responses;

    CannedResponseController(CannedResponseService responses) {
        this.responses = responses;
    }

    @GetMapping("/api/v1/canned-responses")
    List<ResponseJson> list(@RequestParam(required = false) String q,
            @RequestParam(defaultValue = "50") int limit, Authentication authentication) {
        if (limit < 1 || limit > 200) {
            throw new InvalidInputException("limit must be between 1 and 200");
        }
        UUID agentId = agentOf(authentication);
        List<CannedResponseView> found = q == null || q.isBlank() ? responses.visibleTo(agentId)
                : responses.search(agentId, q.strip(), limit);
        return found.stream().limit(limit).map(ResponseJson::of).toList();
    }

    @GetMapping("/api/v1/canned-responses/{id}/render")
    Rendered render(@PathVariable UUID id, @RequestParam(required = false) UUID conversationId,
            @RequestParam(required = false) String channel, Authentication authentication) {
        var rendering = responses.render(agentOf(authentication), id, conversationId,
                channel == null ? null : Channel.parse(channel, "channel"));
        return new Rendered(id, rendering.text(), rendering.missing());
    }

    private static UUID agentOf(Authentication authentication) {
        if (authentication != null && authentication.getPrincipal() instanceof AgentPrincipal p && p.agentId() != null) {
            return p.agentId();
        }
        throw new InvalidInputException("this token belongs to no agent: canned responses are an agent's");
    }

    record ResponseJson(UUID id, String title, String shortcut, String body, String shortBody, String folder,
            List<String> tags, String scope, UUID teamId, long timesUsed) {

        static ResponseJson of(CannedResponseView r) {
            return new ResponseJson(r.id(), r.title(), r.shortcut(), r.body(), r.shortBody(), r.folder(), r.tags(),
                    r.scope().name(), r.teamId(), r.timesUsed());
        }
    }

    record Rendered(UUID id, String text, List<String> missing) {
    }
}
