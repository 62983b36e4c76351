CREATE TABLE orders (
    id            UUID PRIMARY KEY,
    customer_name TEXT        NOT NULL,
    status        TEXT        NOT NULL,
    items         JSONB       NOT NULL,
    total_cents   BIGINT      NOT NULL,
    currency      TEXT        NOT NULL,
    payment_id    TEXT        NOT NULL,
    refund_id     TEXT,
    placed_at     TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL
);

-- What happened to an order, in order: the customer-visible history behind GET /orders/{id}.
CREATE TABLE order_timeline (
    id       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id UUID        NOT NULL REFERENCES orders (id),
    status   TEXT        NOT NULL,
    at       TIMESTAMPTZ NOT NULL,
    detail   TEXT
);
CREATE INDEX order_timeline_by_order ON order_timeline (order_id, id);

-- A retried POST with the same Idempotency-Key finds its order here; the hash tells a retry from a different request.
CREATE TABLE idempotency_keys (
    key          TEXT PRIMARY KEY,
    request_hash TEXT        NOT NULL,
    order_id     UUID        NOT NULL REFERENCES orders (id),
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Events already acted on, recorded in the same transaction as the state change they caused.
CREATE TABLE processed_events (
    event_id     UUID PRIMARY KEY,
    processed_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
