package org.parley.conversation;

import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.parley.base.Channel;

/** {@link MessageRepository}'s queries for a list of messages, through {@link org.parley.base.persistence.ListQuery}. */
interface MessageListQueries {

    /**
     * Channel, external id, id, conversation id, customer id and time of the messages with any of these channels and
     * any of these external ids (the unique key's index leads with the channel: without it, this reads every message).
     */
    List<Object[]> findKnownByExternalIds(Collection<Channel> channels, Collection<String> externalIds);

    /** The messages of several conversations, each conversation's in the order of {@link MessageRepository#findByConversation}. */
    List<Message> findByConversations(Collection<UUID> conversationIds);

    /** The latest inbound message of each conversation, and any other one that shares its time (the caller picks). */
    List<Message> findLatestInboundOf(Collection<UUID> conversationIds);

    List<Message> findAllById(Iterable<UUID> ids);
}
