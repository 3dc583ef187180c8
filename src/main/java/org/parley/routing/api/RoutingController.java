package org.parley.routing.api;

import java.util.List;
import java.util.UUID;
import org.parley.security.RoleGuard;
import org.parley.team.Role;
import org.parley.base.InvalidInputException;
import org.parley.routing.Assignment;
import org.parley.routing.Assignment.AgentStatus;
import org.parley.routing.DryRun;
import org.parley.routing.RoutingEnums.Presence;
import org.parley.routing.RoutingRules;
import org.parley.routing.RoutingRules.RuleView;
import org.parley.routing.RuleSpec;
import org.parley.team.Agent;
import org.parley.team.CurrentAgent;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Routing rules (read: every agent; write, reorder, dry run: LEAD and ADMIN) and agent presence over HTTP. */
@RestController
class RoutingController {

    private final RoutingRules rules;
    private final DryRun dryRun;
    private final Assignment assignment;
    private final CurrentAgent currentAgent;
    private final RoleGuard write;

    RoutingController(RoutingRules rules, DryRun dryRun, Assignment assignment, CurrentAgent currentAgent,
            RoleGuard write) {
        this.write = write;
        this.rules = rules;
        this.dryRun = dryRun;
        this.assignment = assignment;
        this.currentAgent = currentAgent;
    }

    @GetMapping("/api/v1/routing/rules")
    List<RuleView> list() {
        return rules.list();
    }

    @GetMapping("/api/v1/routing/rules/{id}")
    RuleView get(@PathVariable UUID id) {
        return rules.get(id);
    }

    @PostMapping("/api/v1/routing/rules")
    @ResponseStatus(HttpStatus.CREATED)
    RuleView create(@RequestBody(required = false) RuleSpec spec) {
        requireWrite();
        return rules.create(spec);
    }

    @PutMapping("/api/v1/routing/rules/{id}")
    RuleView update(@PathVariable UUID id, @RequestBody(required = false) RuleSpec spec) {
        requireWrite();
        return rules.update(id, spec);
    }

    @DeleteMapping("/api/v1/routing/rules/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable UUID id) {
        requireWrite();
        rules.delete(id);
    }

    record Order(List<UUID> ruleIds) {
    }

    /** Puts the rules in this order: {@code {"ruleIds": [...]}} naming every rule once. */
    @PutMapping("/api/v1/routing/rules/order")
    List<RuleView> reorder(@RequestBody(required = false) Order order) {
        requireWrite();
        return rules.reorder(order == null ? null : order.ruleIds());
    }

    /** Which of the last 200 conversations the (unsaved) rule in the body would match, and what it would do. */
    @PostMapping("/api/v1/routing/rules/dry-run")
    DryRun.Result dryRun(@RequestBody(required = false) RuleSpec spec) {
        requireWrite();
        return dryRun.run(spec);
    }

    record PresenceBody(String presence, Integer capacity) {
    }

    @GetMapping("/api/v1/routing/agents/{agentId}/presence")
    AgentStatus presence(@PathVariable UUID agentId) {
        return assignment.status(agentId);
    }

    /** {@code {"presence": "ONLINE", "capacity": 8}}: an agent sets their own; leads and admins anyone's. */
    @PutMapping("/api/v1/routing/agents/{agentId}/presence")
    AgentStatus setPresence(@PathVariable UUID agentId, @RequestBody(required = false) PresenceBody body) {
        boolean self = currentAgent.find().map(Agent::getId).filter(agentId::equals).isPresent();
        if (!self) {
            write.requireAny(Role.LEAD, Role.ADMIN); // only leads and admins set other agents' presence
        }
        if (body == null || (body.presence() == null && body.capacity() == null)) {
            throw new InvalidInputException("give presence (ONLINE, AWAY, OFFLINE) and/or capacity");
        }
        AgentStatus status = assignment.status(agentId);
        if (body.capacity() != null) {
            status = assignment.setCapacity(agentId, body.capacity());
        }
        if (body.presence() != null) {
            Presence p;
            try {
                p = Presence.valueOf(body.presence().strip().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("presence '" + body.presence() + "' is unknown (ONLINE, AWAY, OFFLINE)");
            }
            status = assignment.setPresence(agentId, p);
        }
        return status;
    }

    private void requireWrite() {
        write.requireAny(Role.LEAD, Role.ADMIN);
    }
}
