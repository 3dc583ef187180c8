package org.parley.conversation;

import java.util.UUID;

/**
 * Adds a field to {@code GET /api/v1/conversations/{id}} from a module that conversation must not
 * depend on (e.g. {@code sla}). {@link #details} may return null; the field is then null.
 */
public interface ConversationDetailsContributor {

    String field();

    Object details(UUID conversationId);
}
