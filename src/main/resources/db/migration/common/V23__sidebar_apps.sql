-- Sidebar apps (module sidebar): external apps admins add to the customer panel, shown as a frame whose URL is
-- filled in with the customer and the conversation.
CREATE TABLE sidebar_app (
    id            BINARY(16)     NOT NULL PRIMARY KEY,
    version       BIGINT,
    name          VARCHAR(60)    NOT NULL,
    url_template  VARCHAR(2000)  NOT NULL,
    height        INT            NOT NULL,
    created_at    ${timestamp}   NOT NULL
) ${table_options};
