package org.parley.conversation.ui.extension;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.parley.base.Channel;
import org.parley.conversation.ConversationAccess.Viewer;
import org.parley.conversation.ConversationStatus;

/**
 * The inbox's search field: words and filters ({@code refund status:open tag:vip}) over every conversation the
 * viewer may see. Implemented by the search module; without it the field finds customers by name.
 */
public interface InboxSearch {

    /**
     * The best-matching conversations, one line each. Throws {@link org.parley.base.InvalidInputException} with the
     * reason when the query is malformed.
     */
    Result search(Viewer viewer, String query, int limit);

    /** What the query's filters look like as chips, in the order typed (removing one removes its token). */
    List<Chip> chips(String query);

    /**
     * @param total how many messages the viewer may see match (a conversation may match with several)
     */
    record Result(List<Hit> hits, long total) {
    }

    /** One conversation found; {@code snippetHtml} marks the matched words in {@code <mark>}, all else escaped. */
    record Hit(UUID conversationId, UUID customerId, String customerName, Channel channel, String subject,
            String snippetHtml, ConversationStatus status, Instant occurredAt) {
    }

    /**
     * @param token the filter as written in the query
     */
    record Chip(String key, String value, String token) {
    }

    /** The query without one of its filters. */
    static String without(String query, String token) {
        String q = query == null ? "" : query;
        int at = q.indexOf(token);
        if (at < 0) {
            return q.strip();
        }
        return (q.substring(0, at) + q.substring(at + token.length())).replaceAll("\\s+", " ").strip();
    }
}
