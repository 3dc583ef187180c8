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
import org.parley.conversation.ConversationService;
import org.parley.conversation.ConversationView;
import org.parley.conversation.MessageView;
import org.parley.team.Agent;
import org.parley.team.Team;
import org.parley.team.TeamDirectory;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Conversations and customer timelines over HTTP. */
@RestController
class ConversationController {

    private final ConversationService conversations;
    private final TeamDirectory team;
    private final List<ConversationDetailsContributor> contributors;
    private final ConversationAccess access;

    ConversationController(ConversationService conversations, TeamDirectory team,
            List<ConversationDetailsContributor> contributors, ConversationAccess access) {
        this.access = access;
        this.conversations = conversations;
        this.team = team;
        this.contributors = contributors;
    }

    @GetMapping("/api/v1/conversations/{id}")
    ConversationJson get(@PathVariable UUID id, Authentication authentication) {
        // a conversation the caller may not see answers 404, like one that does not exist
        Viewer viewer = access.viewerOf(authentication);
        ConversationView conversation = conversations.get(viewer, id);
        String teamName = conversation.teamId() == null ? null
                : team.findTeam(conversation.teamId()).map(Team::getName).orElse(null);
        String assigneeName = conversation.assigneeId() == null ? null
                : team.findAgent(conversation.assigneeId()).map(Agent::getDisplayName).orElse(null);
        ConversationJson json = new ConversationJson(conversation, teamName, assigneeName, conversations.messages(viewer, id));
        contributors.forEach(c -> json.extra.put(c.field(), c.details(viewer, id)));
        return json;
    }

    /**
     * Every message of the customer's conversations the caller may see, across channels, oldest first. A
     * customer whose conversations are all hidden from the caller has an empty timeline, like one who never
     * wrote: a 404 there would tell that hidden conversations exist. An unknown customer is a 404.
     */
    @GetMapping("/api/v1/customers/{customerId}/timeline")
    List<MessageView> timeline(@PathVariable UUID customerId, Authentication authentication) {
        Viewer viewer = access.viewerOf(authentication);
        return conversations.timeline(viewer, conversations.survivingCustomer(viewer, customerId));
    }

    record ConversationJson(UUID id, UUID customerId, String channel, String subject, String status, String priority,
            UUID teamId, String teamName, UUID assigneeId, String assigneeName, List<String> tags, Instant createdAt,
            Instant lastActivityAt, Instant lastCustomerMessageAt, Instant firstResponseAt, Instant resolvedAt,
            Long version, List<MessageView> messages, Map<String, Object> extra) {

        ConversationJson(ConversationView c, String teamName, String assigneeName, List<MessageView> messages) {
            this(c.id(), c.customerId(), c.channel().name(), c.subject(), c.status().name(), c.priority().name(),
                    c.teamId(), teamName, c.assigneeId(), assigneeName, c.tags(), c.createdAt(), c.lastActivityAt(),
                    c.lastCustomerMessageAt(), c.firstResponseAt(), c.resolvedAt(), c.version(), messages,
                    new LinkedHashMap<>());
        }

        /** Fields of {@link ConversationDetailsContributor}s, e.g. {@code sla}, beside the conversation's own. */
        @JsonAnyGetter
        public Map<String, Object> extra() {
            return extra;
        }
    }
}
