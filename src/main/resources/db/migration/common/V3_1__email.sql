-- Email channel: connected mailboxes (configured in the UI, or declared in properties and mirrored
-- here), with the IMAP position (UIDVALIDITY + last imported UID) and a lease row so that one node
-- imports a mailbox at a time; mails that cannot be parsed wait in the quarantine; attachments of
-- messages (bytes in the database: ${blob}).
CREATE TABLE email_mailbox (
    id                    BINARY(16)    NOT NULL PRIMARY KEY,
    version               BIGINT,
    name                  VARCHAR(100)  NOT NULL,
    declared              BOOLEAN       NOT NULL,
    enabled               BOOLEAN       NOT NULL,
    imap_host             VARCHAR(255)  NOT NULL,
    imap_port             INT           NOT NULL,
    imap_tls              BOOLEAN       NOT NULL,
    username              VARCHAR(320)  NOT NULL,
    password_secret       VARCHAR(2000),
    folder                VARCHAR(200)  NOT NULL,
    smtp_host             VARCHAR(255)  NOT NULL,
    smtp_port             INT           NOT NULL,
    smtp_tls              BOOLEAN       NOT NULL,
    from_address          VARCHAR(320)  NOT NULL,
    poll_interval_seconds INT           NOT NULL,
    uid_validity          BIGINT,
    last_uid              BIGINT        NOT NULL,
    last_poll_at          ${timestamp},
    last_error            VARCHAR(1000),
    count_day             DATE,
    count_today           INT           NOT NULL,
    lease_owner           VARCHAR(100),
    lease_until           ${timestamp},
    created_at            ${timestamp}  NOT NULL,
    CONSTRAINT uk_email_mailbox_name UNIQUE (name)
) ${table_options};

CREATE TABLE email_quarantine (
    id          BINARY(16)    NOT NULL PRIMARY KEY,
    version     BIGINT,
    mailbox     VARCHAR(100)  NOT NULL,
    uid         BIGINT,
    sender      VARCHAR(320),
    subject     VARCHAR(300),
    reason      VARCHAR(1000) NOT NULL,
    size_bytes  INT           NOT NULL,
    raw_mime    ${blob}       NOT NULL,
    received_at ${timestamp}  NOT NULL
) ${table_options};
CREATE INDEX ix_email_quarantine_received ON email_quarantine (received_at);

CREATE TABLE message_attachment (
    id           BINARY(16)    NOT NULL PRIMARY KEY,
    version      BIGINT,
    message_id   BINARY(16)    NOT NULL,
    file_name    VARCHAR(255)  NOT NULL,
    content_type VARCHAR(255)  NOT NULL,
    content_id   VARCHAR(255),
    inline_part  BOOLEAN       NOT NULL,
    size_bytes   BIGINT        NOT NULL,
    content      ${blob}       NOT NULL,
    CONSTRAINT fk_message_attachment_message FOREIGN KEY (message_id) REFERENCES message (id)
) ${table_options};
CREATE INDEX ix_message_attachment_message ON message_attachment (message_id);
