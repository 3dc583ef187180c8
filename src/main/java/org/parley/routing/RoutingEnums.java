package org.parley.routing;

/** The words of a routing rule. */
public final class RoutingEnums {

    private RoutingEnums() {
    }

    public enum Trigger {
        CONVERSATION_CREATED, CUSTOMER_REPLIED, CONVERSATION_UPDATED,
        /** The customer answered a satisfaction survey (the score is the CSAT_SCORE condition's field). */
        CSAT_RATED
    }

    public enum Match {
        ALL, ANY
    }

    /** What a condition looks at. */
    public enum Field {
        CHANNEL, ACCOUNT, SUBJECT, BODY, SENDER, SENDER_DOMAIN, CUSTOMER_ATTRIBUTE, TAG, PRIORITY, BUSINESS_HOURS,
        MESSAGE,
        /** The satisfaction score (1-5) of the answer that triggered a CSAT_RATED rule; absent for other triggers. */
        CSAT_SCORE
    }

    public enum Operator {
        EQUALS, NOT_EQUALS, CONTAINS, NOT_CONTAINS, MATCHES, AT_LEAST, AT_MOST, INSIDE, OUTSIDE, EXISTS
    }

    public enum ActionType {
        ASSIGN_TEAM, ASSIGN_AGENT, ASSIGN_BY_STRATEGY, SET_PRIORITY, ADD_TAG, REMOVE_TAG, APPLY_SLA_POLICY, AUTO_REPLY,
        CLOSE_AS_SPAM
    }

    public enum Strategy {
        ROUND_ROBIN, LEAST_OPEN, STICKY
    }

    public enum Presence {
        ONLINE, AWAY, OFFLINE
    }
}
