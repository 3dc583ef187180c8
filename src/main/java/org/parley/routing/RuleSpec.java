package org.parley.routing;

import java.util.List;
import java.util.UUID;

/**
 * A routing rule as the editor and the REST API show it: {@code {"name", "enabled", "trigger":
 * "CONVERSATION_CREATED", "match": "ALL", "stopAfter": false, "conditions": [{"field": "SUBJECT",
 * "operator": "CONTAINS", "value": "refund"}], "actions": [{"type": "SET_PRIORITY", "value": "HIGH"}]}}.
 * A condition on a customer attribute names it in {@code key}; ASSIGN_BY_STRATEGY may name its team
 * in {@code teamId} (else the conversation's team).
 */
public record RuleSpec(String name, Boolean enabled, String trigger, String match, Boolean stopAfter,
        List<Condition> conditions, List<Action> actions) {

    public record Condition(String field, String operator, String value, String key) {

        public Condition(String field, String operator, String value) {
            this(field, operator, value, null);
        }
    }

    public record Action(String type, String value, UUID teamId) {

        public Action(String type, String value) {
            this(type, value, null);
        }
    }
}
