package org.parley.conversation;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.parley.base.Channel;

/** {@link ConversationRepository}'s queries for a batch, through {@link org.parley.base.persistence.ListQuery}. */
interface ConversationListQueries {

    /**
     * The open or pending conversations of these customers on these channels active since then, newest first, at
     * most {@code limit} ({@link ConversationRepository#findActiveOfCustomer} for several customers and channels).
     */
    List<Conversation> findActiveOfCustomers(Collection<UUID> customerIds, Collection<Channel> channels, Instant since,
            int limit);

    List<Conversation> findAllWithTags(Collection<UUID> ids);
}
