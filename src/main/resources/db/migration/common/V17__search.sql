-- Conversation search (module search): one row per message with what a search filters and ranks on, kept by the
-- search module's event subscriber in the transaction that advances its position; Hibernate Search indexes the
-- rows (embedded Lucene under ./data by default, Elasticsearch/OpenSearch by configuration).
CREATE TABLE search_document (
    id               BINARY(16)     NOT NULL PRIMARY KEY,
    conversation_id  BINARY(16)     NOT NULL,
    customer_id      BINARY(16)     NOT NULL,
    channel          VARCHAR(20)    NOT NULL,
    direction        VARCHAR(10)    NOT NULL,
    author_name      VARCHAR(200),
    subject          VARCHAR(300),
    body             ${longtext},
    customer_name    VARCHAR(200),
    identities       VARCHAR(4000),
    tags             VARCHAR(4000),
    status           VARCHAR(20)    NOT NULL,
    priority         VARCHAR(20)    NOT NULL,
    team_id          BINARY(16),
    assignee_id      BINARY(16),
    has_attachment   BOOLEAN        NOT NULL,
    sla_breached     BOOLEAN        NOT NULL,
    occurred_at      ${timestamp}   NOT NULL
) ${table_options};

CREATE INDEX ix_search_document_conversation ON search_document (conversation_id);
CREATE INDEX ix_search_document_customer ON search_document (customer_id);
