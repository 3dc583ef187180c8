/**
 * Conversation search: a full-text index of every message with its conversation's state (Hibernate Search;
 * an embedded Lucene index under {@code ./data} by default, Elasticsearch/OpenSearch by configuration), the
 * query language agents type, the REST search endpoint, the inbox's search field and the index's rebuild.
 * The index follows the conversation events of the spine.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"audit", "base", "conversation",
        "conversation :: ui-extension", "customer", "security", "sla", "team"})
package org.parley.search;
