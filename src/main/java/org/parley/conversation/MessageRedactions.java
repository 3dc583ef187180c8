package org.parley.conversation;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/** Bulk erasure and retention statements over conversations and messages. */
interface MessageRedactions extends Repository<Message, UUID> {

    String ERASED = "[erased]";

    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("""
            update Message m set m.textBody = '[erased]', m.htmlBody = null, m.subject = null,
              m.authorName = case when m.direction = org.parley.conversation.Direction.INBOUND then null else m.authorName end
            where m.customerId = :customerId""")
    int redactMessagesOfCustomer(UUID customerId);

    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("update Conversation c set c.subject = '[erased]', c.snippet = null where c.customerId = :customerId")
    int redactConversationsOfCustomer(UUID customerId);

    /** The snippets a conversation merge kept for its undo are message text too. */
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("""
            update ConversationMerge m set m.absorbedSnippet = null, m.survivorSnippet = null
            where m.customerId = :customerId""")
    int redactMergesOfCustomer(UUID customerId);

    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("""
            update ConversationMerge m set m.absorbedSnippet = null, m.survivorSnippet = null
            where m.survivorId in :ids or m.absorbedId in :ids""")
    int redactMergesOf(Collection<UUID> ids);

    /** Merges of deleted conversations cannot be undone: their records go with them. */
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("""
            delete from ConversationMergeMessage mm where mm.mergeId in
              (select m.id from ConversationMerge m where m.survivorId in :ids or m.absorbedId in :ids)""")
    int deleteMergeMessagesOf(Collection<UUID> ids);

    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("delete from ConversationMerge m where m.survivorId in :ids or m.absorbedId in :ids")
    int deleteMergesOf(Collection<UUID> ids);

    /** Id, external id and reply-to id of each message of the customer (erasure hashes the two ids). */
    @Query("select m.id, m.externalId, m.replyToExternalId from Message m where m.customerId = :customerId")
    List<Object[]> externalIdsOfCustomer(UUID customerId);

    /** Delivery errors can quote the customer's address; the rest of the delivery record stays. */
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("""
            update Message m set m.externalId = :externalId, m.replyToExternalId = :replyTo,
              m.deliveryError = case when m.deliveryError is null then null else '[erased]' end
            where m.id = :id""")
    int replaceExternalIds(UUID id, String externalId, String replyTo);

    @Query("select c.id, c.threadKey from Conversation c where c.customerId = :customerId and c.threadKey is not null")
    List<Object[]> threadKeysOfCustomer(UUID customerId);

    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("update Conversation c set c.threadKey = :threadKey where c.id = :id")
    int replaceThreadKey(UUID id, String threadKey);

    /** Resolved or closed conversations whose last activity is older than the cutoff, oldest first. */
    @Query("""
            select c.id from Conversation c
            where c.status in (org.parley.conversation.ConversationStatus.RESOLVED, org.parley.conversation.ConversationStatus.CLOSED)
              and c.lastActivityAt < :cutoff and (c.subject is null or c.subject <> '[erased]')
            order by c.lastActivityAt""")
    List<UUID> findExpired(Instant cutoff, Limit limit);

    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("""
            update Message m set m.textBody = '[erased]', m.htmlBody = null, m.subject = null,
              m.authorName = case when m.direction = org.parley.conversation.Direction.INBOUND then null else m.authorName end
            where m.conversationId in :ids""")
    int redactMessagesOf(Collection<UUID> ids);

    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("update Conversation c set c.subject = '[erased]', c.snippet = null where c.id in :ids")
    int redactConversations(Collection<UUID> ids);

    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("delete from Message m where m.conversationId in :ids")
    int deleteMessagesOf(Collection<UUID> ids);

    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("delete from MessageAttachment a where a.messageId in (select m.id from Message m where m.customerId = :customerId)")
    int deleteAttachmentsOfCustomer(UUID customerId);

    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("delete from MessageAttachment a where a.messageId in (select m.id from Message m where m.conversationId in :ids)")
    int deleteAttachmentsOf(Collection<UUID> ids);
}
