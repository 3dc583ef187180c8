package org.parley.search;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The search module's settings ({@code parley.search.*}); the engine itself is configured with
 * {@code spring.jpa.properties.hibernate.search.*} (see the README).
 *
 * @param rebuildOnStart rebuild the documents and the index when the node starts
 * @param indexOnStart index the documents when the node starts and finds the index empty but documents in the
 *        database (a new node, a deleted index directory) or finds no documents for existing messages (an
 *        upgrade): off in tests, whose contexts share one database
 * @param batchSize conversations per transaction while rebuilding the documents
 */
@ConfigurationProperties("parley.search")
public record SearchProperties(@DefaultValue("false") boolean rebuildOnStart, @DefaultValue("true") boolean indexOnStart,
        @DefaultValue("100") int batchSize) {
}
