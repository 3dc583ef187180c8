package org.parley.routing.ui;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.parley.base.Channel;
import org.parley.routing.RoutingEnums.ActionType;
import org.parley.routing.RoutingEnums.Field;
import org.parley.routing.RoutingEnums.Operator;
import org.parley.routing.RoutingEnums.Strategy;
import org.parley.routing.RoutingEnums.Trigger;
import org.parley.routing.RoutingRules.RuleView;
import org.parley.routing.RuleSpec;

/** The words the rule screens use instead of the rule syntax's names (CONVERSATION_CREATED and so on). */
final class RuleWords {

    private RuleWords() {
    }

    static String trigger(String name) {
        return switch (Trigger.valueOf(name)) {
            case CONVERSATION_CREATED -> "A new conversation starts";
            case CUSTOMER_REPLIED -> "The customer writes again";
            case CONVERSATION_UPDATED -> "An agent changes a conversation";
            case CSAT_RATED -> "The customer rates their satisfaction";
        };
    }

    static String match(String name) {
        return "ANY".equals(name) ? "Any condition holds" : "All conditions hold";
    }

    static String field(Field f) {
        return switch (f) {
            case CHANNEL -> "Channel";
            case ACCOUNT -> "Account (mailbox, page)";
            case SUBJECT -> "Subject";
            case BODY -> "Message text";
            case SENDER -> "Sender";
            case SENDER_DOMAIN -> "Sender's domain";
            case CUSTOMER_ATTRIBUTE -> "Customer attribute";
            case TAG -> "Tags";
            case PRIORITY -> "Priority";
            case BUSINESS_HOURS -> "Time";
            case MESSAGE -> "Message";
            case CSAT_SCORE -> "Satisfaction score (1-5)";
        };
    }

    static String operator(Field field, Operator op) {
        return switch (op) {
            case EQUALS -> "is";
            case NOT_EQUALS -> "is not";
            case CONTAINS -> field == Field.TAG ? "include" : "contains";
            case NOT_CONTAINS -> field == Field.TAG ? "do not include" : "does not contain";
            case MATCHES -> "matches (regular expression)";
            case AT_LEAST -> "is at least";
            case AT_MOST -> "is at most";
            case INSIDE -> "is inside business hours of";
            case OUTSIDE -> "is outside business hours of";
            case EXISTS -> "is set";
        };
    }

    static String action(ActionType type) {
        return switch (type) {
            case ASSIGN_TEAM -> "Move to team";
            case ASSIGN_AGENT -> "Assign to agent";
            case ASSIGN_BY_STRATEGY -> "Assign to an online agent";
            case SET_PRIORITY -> "Set priority";
            case ADD_TAG -> "Add tag";
            case REMOVE_TAG -> "Remove tag";
            case APPLY_SLA_POLICY -> "Apply SLA policy";
            case AUTO_REPLY -> "Send an automatic reply";
            case CLOSE_AS_SPAM -> "Close as spam";
        };
    }

    static String strategy(Strategy s) {
        return switch (s) {
            case ROUND_ROBIN -> "taking turns";
            case LEAST_OPEN -> "with the fewest open conversations";
            case STICKY -> "who helped this customer last";
        };
    }

    static String message(String value) {
        return "FIRST".equals(value) ? "the first of the conversation" : "a reply";
    }

    static String channel(String name) {
        return Channel.valueOf(name).label();
    }

    static String priority(String name) {
        return name.charAt(0) + name.substring(1).toLowerCase(Locale.ROOT);
    }

    /**
     * A rule in one line: "if Subject contains “refund” and … → Move to team Billing, Set priority High".
     *
     * @param names turns ids of teams, agents, policies and calendars into names
     */
    static String summary(RuleView rule, Function<String, String> names) {
        String conditions = rule.conditions().isEmpty() ? "always" : "if " + rule.conditions().stream()
                .map(c -> condition(c, names)).collect(Collectors.joining("ANY".equals(rule.match()) ? " or " : " and "));
        String actions = rule.actions().stream().map(a -> action(a, names)).collect(Collectors.joining(", "));
        return conditions + " → " + actions + (rule.stopAfter() ? "; then stop" : "");
    }

    static String condition(RuleSpec.Condition c, Function<String, String> names) {
        Field field = Field.valueOf(c.field());
        Operator op = Operator.valueOf(c.operator());
        String subject = field == Field.CUSTOMER_ATTRIBUTE ? "customer's " + c.key() : field(field).toLowerCase(Locale.ROOT);
        if (field == Field.BUSINESS_HOURS) {
            subject = "the time";
        }
        if (op == Operator.EXISTS) {
            return subject + " is set";
        }
        String value = switch (field) {
            case CHANNEL -> channel(c.value());
            case PRIORITY -> priority(c.value());
            case BUSINESS_HOURS -> names.apply(c.value());
            case MESSAGE -> message(c.value());
            default -> "“" + c.value() + "”";
        };
        return subject + " " + operator(field, op) + " " + value;
    }

    static String action(RuleSpec.Action a, Function<String, String> names) {
        ActionType type = ActionType.valueOf(a.type());
        String value = a.value() == null ? "" : switch (type) {
            case ASSIGN_TEAM, ASSIGN_AGENT, APPLY_SLA_POLICY -> names.apply(a.value());
            case SET_PRIORITY -> priority(a.value());
            case ASSIGN_BY_STRATEGY -> strategy(Strategy.valueOf(a.value()))
                    + (a.teamId() == null ? "" : " in " + names.apply(a.teamId().toString()));
            case AUTO_REPLY -> "“" + (a.value().length() > 40 ? a.value().substring(0, 40) + "…" : a.value()) + "”";
            default -> a.value();
        };
        return (action(type) + " " + value).strip();
    }

    static List<Field> fields() {
        return List.of(Field.SUBJECT, Field.BODY, Field.CHANNEL, Field.SENDER, Field.SENDER_DOMAIN,
                Field.CUSTOMER_ATTRIBUTE, Field.PRIORITY, Field.TAG, Field.MESSAGE, Field.BUSINESS_HOURS, Field.ACCOUNT);
    }
}
