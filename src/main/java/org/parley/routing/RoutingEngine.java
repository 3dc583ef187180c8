package org.parley.routing;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.parley.base.Channel;
import org.parley.conversation.ConversationAccess.Viewer;
import org.parley.conversation.ConversationService;
import org.parley.conversation.ConversationStatus;
import org.parley.conversation.ConversationView;
import org.parley.conversation.MessageView;
import org.parley.conversation.Priority;
import org.parley.customer.CustomerDirectory;
import org.parley.customer.CustomerProfile;
import org.parley.routing.RoutingEnums.ActionType;
import org.parley.routing.RoutingEnums.Strategy;
import org.parley.routing.RoutingEnums.Trigger;
import org.parley.routing.RuleCompiler.CompiledRule;
import org.parley.sla.SlaAdministration;
import org.parley.sla.SlaClocks;
import org.parley.team.Agent;
import org.parley.team.Team;
import org.parley.team.TeamDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Runs the rules of a trigger against a conversation, in order, until a matching rule says stop;
 * applies their actions and records each decision on the conversation as a note by "Routing".
 * Changes made here are made as {@link Viewer#ROUTING}, so they never trigger CONVERSATION_UPDATED rules.
 */
@Service
public class RoutingEngine {

    private static final Logger log = LoggerFactory.getLogger(RoutingEngine.class);
    static final String AUTHOR = "Routing";
    public static final String SYSTEM_AGENT = "parley-routing";

    private final RoutingRules rules;
    private final RuleCompiler compiler;
    private final ConversationService conversations;
    private final CustomerDirectory customers;
    private final TeamDirectory team;
    private final SlaAdministration slaAdmin;
    private final SlaClocks sla;
    private final Assignment assignment;
    private final Clock clock;
    private final org.springframework.transaction.support.TransactionTemplate newTransaction;

    RoutingEngine(RoutingRules rules, RuleCompiler compiler, ConversationService conversations,
            CustomerDirectory customers, TeamDirectory team, SlaAdministration slaAdmin, SlaClocks sla,
            Assignment assignment, Clock clock, org.springframework.transaction.PlatformTransactionManager transactions) {
        this.newTransaction = new org.springframework.transaction.support.TransactionTemplate(transactions);
        this.newTransaction.setPropagationBehavior(
                org.springframework.transaction.TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.rules = rules;
        this.compiler = compiler;
        this.conversations = conversations;
        this.customers = customers;
        this.team = team;
        this.slaAdmin = slaAdmin;
        this.sla = sla;
        this.assignment = assignment;
        this.clock = clock;
    }

    /** One matched rule and what it did (or would do), in words. */
    public record Decision(UUID ruleId, String ruleName, List<String> actions) {
    }

    /** The facts of a conversation, with its latest customer message. */
    public Optional<RoutingFacts> facts(UUID conversationId, boolean firstMessage) {
        return conversations.find(Viewer.ROUTING, conversationId).map(c -> facts(c,
                conversations.latestInbound(Viewer.ROUTING, conversationId), customers.find(c.customerId()),
                firstMessage));
    }

    /**
     * What {@link #facts(UUID, boolean)} answers for each of these conversations (by id, with whether the message
     * that is routed began it), read together in four queries; a conversation that is gone has no entry.
     */
    Map<UUID, RoutingFacts> facts(Map<UUID, Boolean> firstMessageById) {
        List<ConversationView> found = conversations.findAll(Viewer.ROUTING, firstMessageById.keySet());
        if (found.isEmpty()) {
            return Map.of();
        }
        Map<UUID, MessageView> latest = conversations.latestInboundOf(Viewer.ROUTING, firstMessageById.keySet());
        Map<UUID, CustomerProfile> profiles = customers.findAll(found.stream().map(ConversationView::customerId)
                .collect(Collectors.toSet()));
        Map<UUID, RoutingFacts> facts = new HashMap<>();
        for (ConversationView c : found) {
            facts.put(c.id(), facts(c, Optional.ofNullable(latest.get(c.id())),
                    Optional.ofNullable(profiles.get(c.customerId())), firstMessageById.get(c.id())));
        }
        return facts;
    }

    private RoutingFacts facts(ConversationView c, Optional<MessageView> latest, Optional<CustomerProfile> profile,
            boolean firstMessage) {
        CustomerProfile customer = profile.orElse(null);
        String sender = customer == null ? null
                : customer.identityFor(c.channel()).map(CustomerProfile.IdentityView::value).orElse(null);
        Map<String, String> attributes = customer == null ? Map.of() : customer.attributes();
        return new RoutingFacts(c, latest.map(MessageView::subject).orElse(null),
                latest.map(MessageView::text).orElse(null), sender, attributes, firstMessage, clock.instant());
    }

    /** Which enabled rules of the trigger match, in order, honouring stopAfter. */
    public List<CompiledRule> matching(Trigger trigger, RoutingFacts facts) {
        List<CompiledRule> matched = new ArrayList<>();
        for (CompiledRule rule : rules.compiled()) {
            if (!rule.enabled() || rule.trigger() != trigger || !rule.matcher().test(facts)) {
                continue;
            }
            matched.add(rule);
            if (rule.stopAfter()) {
                break;
            }
        }
        return matched;
    }

    /** Evaluates and applies the rules of a trigger; returns the decisions (also recorded on the conversation). */
    @Transactional
    public List<Decision> route(UUID conversationId, Trigger trigger, boolean firstMessage) {
        return route(conversationId, trigger, facts(conversationId, firstMessage));
    }

    /** Like {@link #route(UUID, Trigger, boolean)} with the conversation's facts already read. */
    @Transactional
    List<Decision> route(UUID conversationId, Trigger trigger, RoutingFacts facts) {
        return route(conversationId, trigger, Optional.of(facts));
    }

    /** Runs the CSAT_RATED rules for a customer's satisfaction answer with {@code score}. */
    @Transactional
    public List<Decision> routeRating(UUID conversationId, int score) {
        return route(conversationId, Trigger.CSAT_RATED, facts(conversationId, false).map(f -> f.withCsatScore(score)));
    }

    private List<Decision> route(UUID conversationId, Trigger trigger, Optional<RoutingFacts> facts) {
        if (facts.isEmpty()) {
            return List.of();
        }
        List<Decision> decisions = new ArrayList<>();
        for (CompiledRule rule : matching(trigger, facts.get())) {
            List<String> done = new ArrayList<>();
            for (RuleSpec.Action action : rule.actions()) {
                try {
                    done.add(apply(conversationId, action));
                } catch (RuntimeException e) {
                    log.warn("rule '{}' could not {} on conversation {}: {}", rule.name(), action.type(),
                            conversationId, e.getMessage());
                    done.add("could not " + action.type().toLowerCase().replace('_', ' ') + " (" + e.getMessage() + ")");
                }
            }
            decisions.add(new Decision(rule.id(), rule.name(), done));
            conversations.addSystemNote(Viewer.ROUTING, conversationId, AUTHOR, "Rule '" + rule.name() + "' " + String.join(", ", done), clock.instant());
        }
        return decisions;
    }

    /** What a (possibly unsaved) rule would do on one conversation; changes nothing. */
    public Optional<Decision> dryRun(RuleSpec spec, RoutingFacts facts) {
        RuleSpec clean = compiler.normalize(spec);
        CompiledRule rule = compiler.compile(null, 0, clean);
        if (!rule.matcher().test(facts)) {
            return Optional.empty();
        }
        return Optional.of(new Decision(null, rule.name(), rule.actions().stream().map(this::describe).toList()));
    }

    private String apply(UUID conversationId, RuleSpec.Action action) {
        ActionType type = ActionType.valueOf(action.type());
        String value = action.value();
        // refused before the change is tried: a refusal inside the transaction would roll the whole rule run back
        String refusal = refusal(type, value);
        if (refusal != null) {
            throw new org.parley.base.InvalidInputException(refusal);
        }
        switch (type) {
            case ASSIGN_TEAM -> conversations.moveToTeam(Viewer.ROUTING, conversationId, UUID.fromString(value));
            case ASSIGN_AGENT -> conversations.assign(Viewer.ROUTING, conversationId, UUID.fromString(value));
            case ASSIGN_BY_STRATEGY -> {
                UUID teamId = action.teamId() != null ? action.teamId() : conversations.get(Viewer.ROUTING, conversationId).teamId();
                if (teamId == null) {
                    return "could not assign by " + value.toLowerCase() + ": the conversation has no team";
                }
                if (action.teamId() != null && !teamId.equals(conversations.get(Viewer.ROUTING, conversationId).teamId())) {
                    conversations.moveToTeam(Viewer.ROUTING, conversationId, teamId);
                }
                Optional<Agent> agent = assignment.assign(conversationId, teamId, Strategy.valueOf(value));
                return agent.map(a -> "assigned " + a.getDisplayName() + " (" + value.toLowerCase().replace('_', ' ') + ")")
                        .orElse("queued for team " + teamName(teamId) + " (no agent online with room)");
            }
            case SET_PRIORITY -> conversations.setPriority(Viewer.ROUTING, conversationId, Priority.valueOf(value));
            case ADD_TAG -> conversations.retag(Viewer.ROUTING, conversationId, List.of(value), List.of());
            case REMOVE_TAG -> conversations.retag(Viewer.ROUTING, conversationId, List.of(), List.of(value));
            case APPLY_SLA_POLICY -> sla.applyPolicy(Viewer.ROUTING, conversationId, UUID.fromString(value));
            case AUTO_REPLY -> autoReply(conversationId, value);
            case CLOSE_AS_SPAM -> {
                conversations.retag(Viewer.ROUTING, conversationId, List.of("spam"), List.of());
                conversations.setStatus(Viewer.ROUTING, conversationId, ConversationStatus.CLOSED);
            }
        }
        return describe(action);
    }

    /**
     * Sends the text as an outbound reply authored by the system agent {@value #SYSTEM_AGENT}
     * (created inactive on first use, so nobody can log in as it or be assigned it). The reply
     * keeps the conversation's status and assignee: an auto-reply is not an agent's answer.
     */
    private void autoReply(UUID conversationId, String text) {
        conversations.autoReply(Viewer.ROUTING, conversationId, systemAgent().getId(), text);
    }

    /** Created once, in its own transaction (another node or thread may win the race: then theirs is used). */
    private Agent systemAgent() {
        Optional<Agent> existing = team.findAgentByUsername(SYSTEM_AGENT);
        if (existing.isPresent()) {
            return existing.get();
        }
        try {
            newTransaction.executeWithoutResult(tx -> {
                Agent created = team.createAgent(SYSTEM_AGENT, "Parley (auto-reply)", null,
                        UUID.randomUUID().toString(), java.util.Set.of(org.parley.team.Role.AGENT));
                team.updateAgent(created.getId(), created.getDisplayName(), null, created.getRoles(), false);
            });
        } catch (org.springframework.dao.DataIntegrityViolationException | org.parley.base.InvalidInputException raced) {
            // created concurrently
        }
        return newTransaction.execute(tx -> team.findAgentByUsername(SYSTEM_AGENT).orElseThrow());
    }

    private String refusal(ActionType type, String value) {
        return switch (type) {
            case ASSIGN_TEAM -> team.findTeam(UUID.fromString(value)).isPresent() ? null : "unknown team " + value;
            case ASSIGN_AGENT -> team.findAgent(UUID.fromString(value)).filter(Agent::isActive).isPresent() ? null
                    : "agent " + value + " is unknown or not active";
            case APPLY_SLA_POLICY -> slaAdmin.policyName(UUID.fromString(value)).isPresent() ? null
                    : "unknown SLA policy " + value;
            default -> null;
        };
    }

    String describe(RuleSpec.Action action) {
        String value = action.value();
        return switch (ActionType.valueOf(action.type())) {
            case ASSIGN_TEAM -> "assigned team " + teamName(UUID.fromString(value));
            case ASSIGN_AGENT -> "assigned " + team.findAgent(UUID.fromString(value)).map(Agent::getDisplayName)
                    .orElse(value);
            case ASSIGN_BY_STRATEGY -> "assign by " + value.toLowerCase().replace('_', ' ')
                    + (action.teamId() == null ? "" : " in team " + teamName(action.teamId()));
            case SET_PRIORITY -> "set priority " + value;
            case ADD_TAG -> "added tag '" + value + "'";
            case REMOVE_TAG -> "removed tag '" + value + "'";
            case APPLY_SLA_POLICY -> "applied SLA policy '" + slaAdmin.policyName(UUID.fromString(value)).orElse(value)
                    + "'";
            case AUTO_REPLY -> "sent an auto-reply";
            case CLOSE_AS_SPAM -> "closed as spam";
        };
    }

    /** Validates a rule without saving it. */
    public RuleSpec validate(RuleSpec spec) {
        return compiler.normalize(spec);
    }

    /** Facts for a dry run: "first message" when the customer has written only the opening message. */
    Optional<RoutingFacts> factsForDryRun(UUID conversationId) {
        return facts(conversationId, false).map(f -> {
            ConversationView c = f.conversation();
            boolean first = c.lastCustomerMessageAt() == null || !c.lastCustomerMessageAt().isAfter(c.createdAt());
            return new RoutingFacts(c, f.subject(), f.body(), f.senderIdentity(), f.customerAttributes(), first, f.now());
        });
    }

    /** The teams whose queues may move after a change: the conversation's, and its assignee's. */
    java.util.Set<UUID> affectedTeams(UUID conversationId) {
        java.util.Set<UUID> teams = new java.util.HashSet<>();
        conversations.find(Viewer.ROUTING, conversationId).ifPresent(c -> {
            if (c.teamId() != null) {
                teams.add(c.teamId());
            }
            if (c.assigneeId() != null) {
                team.teamsOf(c.assigneeId()).forEach(t -> teams.add(t.getId()));
            }
        });
        return teams;
    }

    Optional<UUID> conversationTeam(UUID conversationId) {
        return conversations.find(Viewer.ROUTING, conversationId).map(ConversationView::teamId);
    }

    private String teamName(UUID teamId) {
        return team.findTeam(teamId).map(Team::getName).orElse(teamId.toString());
    }
}
