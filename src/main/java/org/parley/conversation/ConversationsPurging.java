package org.parley.conversation;

import java.util.List;
import java.util.UUID;

/**
 * These conversations are about to be deleted by the retention policy. Published synchronously inside the
 * deleting transaction: modules that keep rows referring to them delete those first.
 */
public record ConversationsPurging(List<UUID> conversationIds) {
}
