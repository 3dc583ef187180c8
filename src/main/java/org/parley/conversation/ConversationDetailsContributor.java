package org.parley.conversation;

import java.util.UUID;

/**
 * Adds a field to {@code GET /api/v1/conversations/{id}} from a module that conversation must not
 * depend on (e.g. {@code sla}). {@link #details} may return null; the field is then null.
 */
public interface ConversationDetailsContributor {

    String field();

    /** The field's value for the caller, who passed the conversation's own visibility check already. */
    Object details(ConversationAccess.Viewer viewer, UUID conversationId);
}
