package org.parley.search.ui;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.parley.conversation.ConversationAccess.Viewer;
import org.parley.conversation.ui.extension.InboxSearch;
import org.parley.search.ConversationSearch;
import org.parley.search.SearchQuery;
import org.springframework.stereotype.Component;

/** The inbox's search field on the search index: the best hit of each conversation found, best first. */
@Component
class InboxSearchAdapter implements InboxSearch {

    private final ConversationSearch search;

    InboxSearchAdapter(ConversationSearch search) {
        this.search = search;
    }

    @Override
    public Result search(Viewer viewer, String query, int limit) {
        List<Hit> hits = new ArrayList<>();
        Set<UUID> seen = new LinkedHashSet<>();
        String cursor = null;
        long total = 0;
        // several messages of one conversation may match: read on until enough conversations are found
        for (int page = 0; page < 5 && hits.size() < limit; page++) {
            ConversationSearch.Page found = search.search(viewer, query, cursor, ConversationSearch.MAX_LIMIT);
            total = found.total();
            for (ConversationSearch.Hit h : found.items()) {
                if (hits.size() < limit && seen.add(h.conversationId())) {
                    hits.add(new Hit(h.conversationId(), h.customerId(), h.customerName(), h.channel(), h.subject(),
                            h.snippet(), h.status(), h.occurredAt()));
                }
            }
            cursor = found.next();
            if (cursor == null) {
                break;
            }
        }
        return new Result(hits, total);
    }

    @Override
    public List<Chip> chips(String query) {
        return SearchQuery.parse(query).filters().stream().map(f -> new Chip(f.key(), f.value(), f.token())).toList();
    }
}
