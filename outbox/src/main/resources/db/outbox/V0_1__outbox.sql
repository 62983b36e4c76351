-- Events waiting to be relayed to Kafka. Rows are written in the same transaction as the state change they announce
-- and deleted once the broker has acknowledged them. The identity gives the publication order.
CREATE TABLE outbox (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id    UUID        NOT NULL,
    event_type  TEXT        NOT NULL,
    topic       TEXT        NOT NULL,
    record_key  TEXT        NOT NULL,
    occurred_at TIMESTAMPTZ NOT NULL,
    payload     BYTEA       NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
