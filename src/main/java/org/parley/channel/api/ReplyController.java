package org.parley.channel.api;

import java.net.URI;
import java.util.UUID;
import org.parley.base.Channel;
import org.parley.base.InvalidInputException;
import org.parley.conversation.ConversationAccess;
import org.parley.conversation.ConversationService;
import org.parley.conversation.MessageView;
import org.parley.conversation.MessageWithAttachments;
import org.parley.team.AgentPrincipal;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replies over the API: {@code POST /api/v1/conversations/{id}/replies} with {@code {text, channel?}}
 * stores the reply as the token's agent and queues it in the same outbox as a reply from the UI.
 */
@RestController
class ReplyController {

    private final ConversationService conversations;
    private final ConversationAccess access;

    ReplyController(ConversationService conversations, ConversationAccess access) {
        this.conversations = conversations;
        this.access = access;
    }

    @PostMapping("/api/v1/conversations/{id}/replies")
    ResponseEntity<MessageWithAttachments> reply(@PathVariable UUID id, @RequestBody(required = false) ReplyRequest body,
            Authentication authentication) {
        if (body == null) {
            throw new InvalidInputException("a JSON body {text, channel?} is required");
        }
        if (body.text() == null || body.text().isBlank()) {
            throw new InvalidInputException("text is required");
        }
        Channel channel = body.channel() == null ? null : Channel.parse(body.channel(), "channel");
        UUID agentId = authentication != null && authentication.getPrincipal() instanceof AgentPrincipal p
                ? p.agentId() : null;
        if (agentId == null) {
            throw new InvalidInputException("this token belongs to no agent: replies need an agent's API token");
        }
        // a conversation the token's agent may not see answers 404, like one that does not exist
        MessageView sent = conversations.reply(access.viewerOf(authentication), id, channel, body.text(), false);
        return ResponseEntity.created(URI.create("/api/v1/conversations/" + id))
                .body(new MessageWithAttachments(sent, java.util.List.of()));
    }

    record ReplyRequest(String text, String channel) {
    }
}
