-- Where each conversation's fact replay stands (report.FactCalculator.State), so that a new event is applied
-- as one step instead of replaying all of the conversation's messages: the replay's status and since when,
-- the business time spent OPEN so far (nanoseconds), reopens, the customer message waiting for a reply, the
-- first customer message and first reply, and the last step's time and kind (0 message, 1 status mark) that
-- a next step must come after. hours_key names the business hours it was measured in; revision counts writes.
CREATE TABLE report_fact_state (
    conversation_id      BINARY(16)    NOT NULL PRIMARY KEY,
    created_at           ${timestamp}  NOT NULL,
    status               VARCHAR(20)   NOT NULL,
    status_since         ${timestamp}  NOT NULL,
    open_business_nanos  BIGINT        NOT NULL,
    reopen_count         INT           NOT NULL,
    waiting_since        ${timestamp},
    first_inbound_at     ${timestamp},
    first_response_at    ${timestamp},
    last_step_at         ${timestamp},
    last_step_kind       INT           NOT NULL,
    hours_key            VARCHAR(100)  NOT NULL,
    revision             BIGINT        NOT NULL
) ${table_options};
