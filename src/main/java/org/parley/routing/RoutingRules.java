package org.parley.routing;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.parley.audit.AuditTrail;
import org.parley.base.InvalidInputException;
import org.parley.base.NotFoundException;
import org.parley.base.persistence.TransactionMemo;
import org.parley.routing.RuleCompiler.CompiledRule;
import org.parley.routing.internal.RoutingRule;
import org.parley.routing.internal.RoutingRuleRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ordered list of routing rules: validated at save, stored as JSON, compiled once and cached.
 * The cache is dropped on every change here and also whenever the table's fingerprint (count, last
 * change, versions) differs, so a change made on another node is seen at the next evaluation. The fingerprint is
 * read once per transaction: routing a subscriber's batch of events reads it once, not once per event.
 */
@Service
@Transactional(readOnly = true)
public class RoutingRules {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final RoutingRuleRepository rules;
    private final RuleCompiler compiler;
    private final AuditTrail audit;
    private final Clock clock;
    private final AtomicReference<Cached> cache = new AtomicReference<>();
    private final TransactionMemo<List<CompiledRule>> thisTransaction = new TransactionMemo<>();

    private record Cached(String fingerprint, List<CompiledRule> rules) {
    }

    /** A stored rule as the API shows it. */
    public record RuleView(UUID id, int position, String name, boolean enabled, String trigger, String match,
            boolean stopAfter, List<RuleSpec.Condition> conditions, List<RuleSpec.Action> actions) {

        static RuleView of(RoutingRule r, RuleSpec s) {
            return new RuleView(r.getId(), r.getPosition(), s.name(), r.isEnabled(), s.trigger(), s.match(),
                    s.stopAfter(), s.conditions(), s.actions());
        }

        public RuleSpec spec() {
            return new RuleSpec(name, enabled, trigger, match, stopAfter, conditions, actions);
        }
    }

    RoutingRules(RoutingRuleRepository rules, RuleCompiler compiler, AuditTrail audit, Clock clock) {
        this.rules = rules;
        this.compiler = compiler;
        this.audit = audit;
        this.clock = clock;
    }

    public List<RuleView> list() {
        return rules.findAllByOrderByPositionAscNameAsc().stream().map(r -> RuleView.of(r, spec(r))).toList();
    }

    public RuleView get(UUID id) {
        RoutingRule r = rules.findById(id).orElseThrow(() -> new NotFoundException("rule " + id));
        return RuleView.of(r, spec(r));
    }

    /** Validates a rule without saving it (the editor's check and the dry run use this). */
    public RuleSpec validate(RuleSpec spec) {
        return compiler.normalize(spec);
    }

    @Transactional
    public RuleView create(RuleSpec spec) {
        RuleSpec clean = compiler.normalize(spec);
        rules.findByNameIgnoreCase(clean.name()).ifPresent(other -> {
            throw new InvalidInputException("a rule named '" + clean.name() + "' exists already");
        });
        RoutingRule saved = rules.save(new RoutingRule(clean.name(), rules.maxPosition() + 1, clean.enabled(),
                JSON.writeValueAsString(clean), clock.instant()));
        audit.record("routing.rule.created", "routing_rule", saved.getId(), clean.name());
        forgetCompiled();
        return RuleView.of(saved, clean);
    }

    @Transactional
    public RuleView update(UUID id, RuleSpec spec) {
        RuleSpec clean = compiler.normalize(spec);
        RoutingRule r = rules.findById(id).orElseThrow(() -> new NotFoundException("rule " + id));
        rules.findByNameIgnoreCase(clean.name()).filter(other -> !other.getId().equals(id)).ifPresent(other -> {
            throw new InvalidInputException("a rule named '" + clean.name() + "' exists already");
        });
        r.update(clean.name(), clean.enabled(), JSON.writeValueAsString(clean), clock.instant());
        audit.record("routing.rule.updated", "routing_rule", id, clean.name());
        forgetCompiled();
        return RuleView.of(r, clean);
    }

    @Transactional
    public RuleView setEnabled(UUID id, boolean enabled) {
        RuleView current = get(id);
        RuleSpec s = current.spec();
        return update(id, new RuleSpec(s.name(), enabled, s.trigger(), s.match(), s.stopAfter(), s.conditions(),
                s.actions()));
    }

    @Transactional
    public void delete(UUID id) {
        RoutingRule r = rules.findById(id).orElseThrow(() -> new NotFoundException("rule " + id));
        rules.delete(r);
        audit.record("routing.rule.deleted", "routing_rule", id, r.getName());
        forgetCompiled();
    }

    /** Puts the rules in the given order; the list must name every rule exactly once. */
    @Transactional
    public List<RuleView> reorder(List<UUID> ids) {
        if (ids == null) {
            throw new InvalidInputException("ruleIds is required");
        }
        List<RoutingRule> all = rules.findAllByOrderByPositionAscNameAsc();
        if (ids.size() != all.size() || new HashSet<>(ids).size() != ids.size()
                || !new HashSet<>(ids).equals(new HashSet<>(all.stream().map(RoutingRule::getId).toList()))) {
            throw new InvalidInputException("ruleIds must list every rule exactly once (" + all.size() + " rules)");
        }
        for (int i = 0; i < ids.size(); i++) {
            UUID id = ids.get(i);
            all.stream().filter(r -> r.getId().equals(id)).findFirst().orElseThrow().moveTo(i + 1, clock.instant());
        }
        audit.record("routing.rule.reordered", "routing_rule", null, ids.size() + " rules");
        forgetCompiled();
        rules.flush();
        return list();
    }

    private void forgetCompiled() {
        cache.set(null);
        thisTransaction.forget();
    }

    /**
     * The compiled rules in order (enabled and disabled), from the cache when the table has not changed since;
     * within one transaction the rules it first saw.
     */
    public List<CompiledRule> compiled() {
        return thisTransaction.get(this::current);
    }

    private List<CompiledRule> current() {
        String fingerprint = java.util.Arrays.toString(rules.fingerprint().getFirst());
        Cached cached = cache.get();
        if (cached != null && cached.fingerprint().equals(fingerprint)) {
            return cached.rules();
        }
        List<CompiledRule> list = new ArrayList<>();
        for (RoutingRule r : rules.findAllByOrderByPositionAscNameAsc()) {
            list.add(compiler.compile(r.getId(), r.getPosition(), spec(r)));
        }
        List<CompiledRule> result = List.copyOf(list);
        cache.set(new Cached(fingerprint, result));
        return result;
    }

    private RuleSpec spec(RoutingRule r) {
        RuleSpec s = JSON.readValue(r.getDefinition(), RuleSpec.class);
        return new RuleSpec(s.name(), r.isEnabled(), s.trigger(), s.match(), s.stopAfter(), s.conditions(), s.actions());
    }
}
