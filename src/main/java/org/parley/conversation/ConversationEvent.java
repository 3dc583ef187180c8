package org.parley.conversation;

import java.util.UUID;
import org.parley.base.events.DomainEvent;

/**
 * What the conversation module tells the others, on the event spine. Each record carries the values of the
 * change, so a subscriber rarely needs to read the conversation back.
 */
public sealed interface ConversationEvent extends DomainEvent
        permits MessageReceived, AgentReplied, NoteAdded, CallLogged, ConversationChanged, DeliveryUpdated,
        ConversationsMerged, ConversationsUnmerged {

    UUID conversationId();

    UUID customerId();

    @Override
    default UUID aggregateId() {
        return conversationId();
    }
}
