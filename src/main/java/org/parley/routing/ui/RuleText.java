package org.parley.routing.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;
import org.parley.base.InvalidInputException;
import org.parley.routing.RuleSpec;

/**
 * The rule editor's text form of conditions and actions, one per line:
 * {@code SUBJECT CONTAINS refund}, {@code CUSTOMER_ATTRIBUTE:plan EQUALS VIP}, {@code ADD_TAG billing},
 * {@code ASSIGN_TEAM Billing} (team, agent and policy by name or id), {@code ASSIGN_BY_STRATEGY ROUND_ROBIN Billing},
 * {@code BUSINESS_HOURS OUTSIDE Office hours} (calendar by name or id). The rule form shows the same rules with
 * pickers; this text is its import and export.
 */
final class RuleText {

    private RuleText() {
    }

    static List<RuleSpec.Condition> conditions(String text) {
        return conditions(text, Function.identity());
    }

    /** @param calendarId turns a calendar's name (or id) into its id, for BUSINESS_HOURS */
    static List<RuleSpec.Condition> conditions(String text, Function<String, String> calendarId) {
        List<RuleSpec.Condition> list = new ArrayList<>();
        int n = 0;
        for (String line : lines(text)) {
            n++;
            String[] parts = line.split("\\s+", 3);
            if (parts.length < 2) {
                throw new InvalidInputException("condition line " + n + ": write FIELD OPERATOR value, e.g. SUBJECT CONTAINS refund");
            }
            String field = parts[0];
            String key = null;
            int colon = field.indexOf(':');
            if (colon > 0) {
                key = field.substring(colon + 1);
                field = field.substring(0, colon);
            }
            String value = parts.length > 2 ? parts[2] : null;
            if (value != null && field.equalsIgnoreCase("BUSINESS_HOURS")) {
                value = calendarId.apply(value.strip());
            }
            list.add(new RuleSpec.Condition(field, parts[1], value, key));
        }
        return list;
    }

    static List<RuleSpec.Action> actions(String text, Function<String, String> teamId, Function<String, String> agentId,
            Function<String, String> policyId) {
        List<RuleSpec.Action> list = new ArrayList<>();
        for (String line : lines(text)) {
            String[] parts = line.split("\\s+", 2);
            String type = parts[0].toUpperCase(Locale.ROOT);
            String value = parts.length > 1 ? parts[1].strip() : null;
            switch (type) {
                case "ASSIGN_TEAM" -> list.add(new RuleSpec.Action(type, value == null ? null : teamId.apply(value)));
                case "ASSIGN_AGENT" -> list.add(new RuleSpec.Action(type, value == null ? null : agentId.apply(value)));
                case "APPLY_SLA_POLICY" -> list.add(new RuleSpec.Action(type, value == null ? null : policyId.apply(value)));
                case "ASSIGN_BY_STRATEGY" -> {
                    String[] sv = value == null ? new String[0] : value.split("\\s+", 2);
                    UUID team = null;
                    if (sv.length > 1) {
                        String id = teamId.apply(sv[1]);
                        try {
                            team = UUID.fromString(id);
                        } catch (IllegalArgumentException e) {
                            throw new InvalidInputException("unknown team '" + sv[1] + "'");
                        }
                    }
                    list.add(new RuleSpec.Action(type, sv.length > 0 ? sv[0] : null, team));
                }
                default -> list.add(new RuleSpec.Action(type, value));
            }
        }
        return list;
    }

    static String conditionsText(List<RuleSpec.Condition> conditions) {
        return conditionsText(conditions, Function.identity());
    }

    static String conditionsText(List<RuleSpec.Condition> conditions, Function<String, String> calendarName) {
        StringBuilder b = new StringBuilder();
        for (RuleSpec.Condition c : conditions) {
            b.append(c.field()).append(c.key() == null ? "" : ":" + c.key()).append(' ').append(c.operator());
            if (c.value() != null) {
                b.append(' ').append("BUSINESS_HOURS".equals(c.field()) ? calendarName.apply(c.value()) : c.value());
            }
            b.append('\n');
        }
        return b.toString().strip();
    }

    static String actionsText(List<RuleSpec.Action> actions, Function<String, String> teamName,
            Function<String, String> agentName, Function<String, String> policyName) {
        StringBuilder b = new StringBuilder();
        for (RuleSpec.Action a : actions) {
            b.append(a.type());
            String v = a.value();
            if (v != null) {
                b.append(' ').append(switch (a.type()) {
                    case "ASSIGN_TEAM" -> teamName.apply(v);
                    case "ASSIGN_AGENT" -> agentName.apply(v);
                    case "APPLY_SLA_POLICY" -> policyName.apply(v);
                    default -> v;
                });
            }
            if (a.teamId() != null) {
                b.append(' ').append(teamName.apply(a.teamId().toString()));
            }
            b.append('\n');
        }
        return b.toString().strip();
    }

    private static List<String> lines(String text) {
        return text == null ? List.of() : text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }
}
