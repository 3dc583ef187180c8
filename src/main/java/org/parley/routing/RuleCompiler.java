package org.parley.routing;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.parley.base.Channel;
import org.parley.base.InvalidInputException;
import org.parley.conversation.Priority;
import org.parley.routing.RoutingEnums.ActionType;
import org.parley.routing.RoutingEnums.Field;
import org.parley.routing.RoutingEnums.Match;
import org.parley.routing.RoutingEnums.Operator;
import org.parley.routing.RoutingEnums.Strategy;
import org.parley.routing.RoutingEnums.Trigger;
import org.parley.sla.BusinessHours;
import org.parley.sla.SlaAdministration;
import org.parley.team.Agent;
import org.parley.team.TeamDirectory;
import org.springframework.stereotype.Component;

/** Validates rules (refusing them with the reason) and compiles them into predicates and action lists. */
@Component
public class RuleCompiler {

    static final int MAX_VALUE = 5_000;
    private static final Pattern TAG = Pattern.compile("[\\p{L}\\p{N} _.-]{1,60}");

    private static final Map<Field, Set<Operator>> OPERATORS = Map.ofEntries(
            Map.entry(Field.CHANNEL, EnumSet.of(Operator.EQUALS, Operator.NOT_EQUALS)),
            Map.entry(Field.ACCOUNT, EnumSet.of(Operator.EQUALS, Operator.NOT_EQUALS, Operator.CONTAINS,
                    Operator.NOT_CONTAINS, Operator.MATCHES, Operator.EXISTS)),
            Map.entry(Field.SUBJECT, EnumSet.of(Operator.EQUALS, Operator.NOT_EQUALS, Operator.CONTAINS,
                    Operator.NOT_CONTAINS, Operator.MATCHES)),
            Map.entry(Field.BODY, EnumSet.of(Operator.CONTAINS, Operator.NOT_CONTAINS, Operator.MATCHES)),
            Map.entry(Field.SENDER, EnumSet.of(Operator.EQUALS, Operator.NOT_EQUALS, Operator.CONTAINS,
                    Operator.NOT_CONTAINS, Operator.MATCHES)),
            Map.entry(Field.SENDER_DOMAIN, EnumSet.of(Operator.EQUALS, Operator.NOT_EQUALS)),
            Map.entry(Field.CUSTOMER_ATTRIBUTE, EnumSet.of(Operator.EQUALS, Operator.NOT_EQUALS, Operator.CONTAINS,
                    Operator.NOT_CONTAINS, Operator.MATCHES, Operator.EXISTS)),
            Map.entry(Field.TAG, EnumSet.of(Operator.CONTAINS, Operator.NOT_CONTAINS)),
            Map.entry(Field.PRIORITY, EnumSet.of(Operator.EQUALS, Operator.NOT_EQUALS, Operator.AT_LEAST)),
            Map.entry(Field.BUSINESS_HOURS, EnumSet.of(Operator.INSIDE, Operator.OUTSIDE)),
            Map.entry(Field.MESSAGE, EnumSet.of(Operator.EQUALS)),
            Map.entry(Field.CSAT_SCORE, EnumSet.of(Operator.AT_MOST, Operator.AT_LEAST, Operator.EQUALS)));

    private final TeamDirectory team;
    private final SlaAdministration sla;

    public RuleCompiler(TeamDirectory team, SlaAdministration sla) {
        this.team = team;
        this.sla = sla;
    }

    /** The operators a condition on {@code field} takes (for the rule form's pickers). */
    public static Set<Operator> operatorsFor(Field field) {
        return EnumSet.copyOf(OPERATORS.get(field));
    }

    /** A rule ready to run: its predicate and its validated actions. */
    public record CompiledRule(UUID id, String name, int position, boolean enabled, Trigger trigger, boolean stopAfter,
            Predicate<RoutingFacts> matcher, List<RuleSpec.Action> actions) {
    }

    /** Checks a rule and returns its canonical form; throws {@link InvalidInputException} with the reason. */
    public RuleSpec normalize(RuleSpec spec) {
        if (spec == null) {
            throw new InvalidInputException("the rule is missing");
        }
        if (spec.name() == null || spec.name().isBlank()) {
            throw new InvalidInputException("rule name is required");
        }
        if (spec.name().strip().length() > 100) {
            throw new InvalidInputException("rule name must be at most 100 characters");
        }
        Trigger trigger = enumOf(Trigger.class, spec.trigger(), "trigger");
        Match match = spec.match() == null ? Match.ALL : enumOf(Match.class, spec.match(), "match");
        List<RuleSpec.Condition> conditions = new ArrayList<>();
        for (RuleSpec.Condition c : spec.conditions() == null ? List.<RuleSpec.Condition>of() : spec.conditions()) {
            conditions.add(condition(c));
        }
        if (spec.actions() == null || spec.actions().isEmpty()) {
            throw new InvalidInputException("actions: a rule needs at least one action");
        }
        List<RuleSpec.Action> actions = new ArrayList<>();
        for (RuleSpec.Action a : spec.actions()) {
            actions.add(action(a));
        }
        return new RuleSpec(spec.name().strip(), spec.enabled() == null || spec.enabled(), trigger.name(), match.name(),
                Boolean.TRUE.equals(spec.stopAfter()), List.copyOf(conditions), List.copyOf(actions));
    }

    /** Compiles a stored (already normalised) rule. */
    public CompiledRule compile(UUID id, int position, RuleSpec spec) {
        List<Predicate<RoutingFacts>> tests = spec.conditions().stream().map(this::predicate).toList();
        boolean all = Match.valueOf(spec.match()) == Match.ALL;
        Predicate<RoutingFacts> matcher = all
                ? facts -> tests.stream().allMatch(t -> t.test(facts))
                : facts -> tests.isEmpty() || tests.stream().anyMatch(t -> t.test(facts));
        return new CompiledRule(id, spec.name(), position, spec.enabled(), Trigger.valueOf(spec.trigger()),
                spec.stopAfter(), matcher, spec.actions());
    }

    private RuleSpec.Condition condition(RuleSpec.Condition c) {
        if (c == null) {
            throw new InvalidInputException("conditions: an entry is empty");
        }
        Field field = enumOf(Field.class, c.field(), "conditions: field");
        Operator op = enumOf(Operator.class, c.operator(), "conditions: operator");
        if (!OPERATORS.get(field).contains(op)) {
            throw new InvalidInputException("conditions: " + field + " does not take operator " + op + " (use one of "
                    + OPERATORS.get(field) + ")");
        }
        String value = c.value() == null ? null : c.value().strip();
        String key = c.key() == null || c.key().isBlank() ? null : c.key().strip();
        if (field == Field.CUSTOMER_ATTRIBUTE && key == null) {
            throw new InvalidInputException("conditions: CUSTOMER_ATTRIBUTE needs the attribute's name in 'key', e.g. plan");
        }
        if (op != Operator.EXISTS && (value == null || value.isEmpty())) {
            throw new InvalidInputException("conditions: " + field + " " + op + " needs a value");
        }
        if (value != null && value.length() > MAX_VALUE) {
            throw new InvalidInputException("conditions: value is longer than " + MAX_VALUE + " characters");
        }
        if (op == Operator.MATCHES) {
            try {
                Pattern.compile(value);
            } catch (PatternSyntaxException e) {
                throw new InvalidInputException("conditions: invalid regular expression '" + value + "': "
                        + e.getDescription());
            }
        }
        switch (field) {
            case CHANNEL -> value = enumOf(Channel.class, value, "conditions: CHANNEL value").name();
            case PRIORITY -> value = enumOf(Priority.class, value, "conditions: PRIORITY value").name();
            case MESSAGE -> {
                value = value.toUpperCase(Locale.ROOT);
                if (!value.equals("FIRST") && !value.equals("REPLY")) {
                    throw new InvalidInputException("conditions: MESSAGE value must be FIRST or REPLY");
                }
            }
            case BUSINESS_HOURS -> {
                UUID calendar = uuid(value, "conditions: BUSINESS_HOURS value (a calendar id)");
                if (!sla.calendarExists(calendar)) {
                    throw new InvalidInputException("conditions: unknown calendar " + value);
                }
            }
            case TAG -> value = tag(value, "conditions");
            case CSAT_SCORE -> {
                if (!value.strip().matches("[1-5]")) {
                    throw new InvalidInputException("conditions: CSAT_SCORE value must be a score from 1 to 5");
                }
                value = value.strip();
            }
            case SENDER_DOMAIN -> value = value.toLowerCase(Locale.ROOT).replaceFirst("^@", "");
            default -> {
            }
        }
        return new RuleSpec.Condition(field.name(), op.name(), value, key);
    }

    private RuleSpec.Action action(RuleSpec.Action a) {
        if (a == null) {
            throw new InvalidInputException("actions: an entry is empty");
        }
        ActionType type = enumOf(ActionType.class, a.type(), "actions: type");
        String value = a.value() == null ? null : a.value().strip();
        UUID teamId = null;
        if (type != ActionType.CLOSE_AS_SPAM && (value == null || value.isEmpty())) {
            throw new InvalidInputException("actions: " + type + " needs a value");
        }
        switch (type) {
            case ASSIGN_TEAM -> {
                UUID id = uuid(value, "actions: ASSIGN_TEAM value (a team id)");
                if (team.findTeam(id).isEmpty()) {
                    throw new InvalidInputException("actions: unknown team " + value);
                }
                value = id.toString();
            }
            case ASSIGN_AGENT -> {
                UUID id = uuid(value, "actions: ASSIGN_AGENT value (an agent id)");
                Agent agent = team.findAgent(id)
                        .orElseThrow(() -> new InvalidInputException("actions: unknown agent " + a.value()));
                if (!agent.isActive()) {
                    throw new InvalidInputException("actions: " + agent.getDisplayName() + " is not an active agent");
                }
                value = id.toString();
            }
            case ASSIGN_BY_STRATEGY -> {
                value = enumOf(Strategy.class, value, "actions: ASSIGN_BY_STRATEGY value").name();
                if (a.teamId() != null) {
                    if (team.findTeam(a.teamId()).isEmpty()) {
                        throw new InvalidInputException("actions: unknown team " + a.teamId());
                    }
                    teamId = a.teamId();
                }
            }
            case SET_PRIORITY -> value = enumOf(Priority.class, value, "actions: SET_PRIORITY value").name();
            case ADD_TAG, REMOVE_TAG -> value = tag(value, "actions");
            case APPLY_SLA_POLICY -> {
                UUID id = uuid(value, "actions: APPLY_SLA_POLICY value (a policy id)");
                if (!sla.policyExists(id)) {
                    throw new InvalidInputException("actions: unknown SLA policy " + value);
                }
                value = id.toString();
            }
            case AUTO_REPLY -> {
                if (value.length() > MAX_VALUE) {
                    throw new InvalidInputException("actions: AUTO_REPLY text is longer than " + MAX_VALUE + " characters");
                }
            }
            case CLOSE_AS_SPAM -> value = null;
        }
        return new RuleSpec.Action(type.name(), value, teamId);
    }

    private Predicate<RoutingFacts> predicate(RuleSpec.Condition c) {
        Field field = Field.valueOf(c.field());
        Operator op = Operator.valueOf(c.operator());
        String value = c.value();
        return switch (field) {
            case CHANNEL -> f -> op == Operator.EQUALS == f.conversation().channel().name().equals(value);
            case ACCOUNT -> text(op, value, f -> f.conversation().sourceAccount());
            case SUBJECT -> text(op, value, f -> f.subject() != null ? f.subject() : f.conversation().subject());
            case BODY -> text(op, value, RoutingFacts::body);
            case SENDER -> text(op, value, RoutingFacts::senderIdentity);
            case SENDER_DOMAIN -> {
                Predicate<RoutingFacts> same = f -> f.senderIdentity() != null
                        && f.senderIdentity().toLowerCase(Locale.ROOT).endsWith("@" + value);
                yield op == Operator.EQUALS ? same : same.negate();
            }
            case CUSTOMER_ATTRIBUTE -> text(op, value, f -> f.customerAttributes().get(c.key()));
            case TAG -> {
                Predicate<RoutingFacts> has = f -> f.conversation().tags().contains(value);
                yield op == Operator.CONTAINS ? has : has.negate();
            }
            case PRIORITY -> {
                Priority p = Priority.valueOf(value);
                yield switch (op) {
                    case EQUALS -> f -> f.conversation().priority() == p;
                    case NOT_EQUALS -> f -> f.conversation().priority() != p;
                    default -> f -> f.conversation().priority().compareTo(p) >= 0;
                };
            }
            case BUSINESS_HOURS -> {
                UUID calendar = UUID.fromString(value);
                yield f -> {
                    boolean open = sla.businessHours(calendar).map(h -> h.isOpen(f.now())).orElse(false);
                    return op == Operator.INSIDE == open;
                };
            }
            case MESSAGE -> f -> f.firstMessage() == value.equals("FIRST");
            case CSAT_SCORE -> {
                int score = Integer.parseInt(value);
                yield switch (op) {
                    case AT_MOST -> f -> f.csatScore() != null && f.csatScore() <= score;
                    case AT_LEAST -> f -> f.csatScore() != null && f.csatScore() >= score;
                    default -> f -> f.csatScore() != null && f.csatScore() == score;
                };
            }
        };
    }

    /** Text operators compare case-insensitively; a missing text matches only the negative operators. */
    private static Predicate<RoutingFacts> text(Operator op, String value,
            java.util.function.Function<RoutingFacts, String> of) {
        String lower = value == null ? null : value.toLowerCase(Locale.ROOT);
        return switch (op) {
            case EXISTS -> f -> of.apply(f) != null && !of.apply(f).isBlank();
            case EQUALS -> f -> of.apply(f) != null && of.apply(f).strip().equalsIgnoreCase(value);
            case NOT_EQUALS -> f -> of.apply(f) == null || !of.apply(f).strip().equalsIgnoreCase(value);
            case CONTAINS -> f -> of.apply(f) != null && of.apply(f).toLowerCase(Locale.ROOT).contains(lower);
            case NOT_CONTAINS -> f -> of.apply(f) == null || !of.apply(f).toLowerCase(Locale.ROOT).contains(lower);
            case MATCHES -> {
                Pattern pattern = Pattern.compile(value, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
                yield f -> of.apply(f) != null && pattern.matcher(of.apply(f)).find();
            }
            default -> throw new IllegalArgumentException(op + " is not a text operator");
        };
    }

    private static String tag(String value, String where) {
        String t = value.toLowerCase(Locale.ROOT);
        if (!TAG.matcher(t).matches()) {
            throw new InvalidInputException(where + ": tag '" + value
                    + "' must be 1-60 letters, digits, spaces, '_', '.' or '-'");
        }
        return t;
    }

    private static UUID uuid(String value, String what) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(what + " is not a valid id: " + value);
        }
    }

    static <E extends Enum<E>> E enumOf(Class<E> type, String value, String what) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(what + " is required (one of " + List.of(type.getEnumConstants()) + ")");
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(what + " '" + value + "' is unknown (one of "
                    + List.of(type.getEnumConstants()) + ")");
        }
    }
}
