-- Where an order's customer wants to hear about it: written when OrderPlaced names a callback URL. The first URL an
-- order named stays (a republished OrderPlaced changes nothing).
CREATE TABLE order_callbacks (
    order_id   uuid          PRIMARY KEY,
    url        varchar(2000) NOT NULL,
    created_at timestamptz   NOT NULL
);

-- The webhook outbox: one delivery per notification of an order with a callback, written in the transaction that
-- created the notification (or the callback), sent by the courier after the commit. The id is the delivery id the
-- receiver sees on every attempt. PENDING rows are due at next_attempt_at (claiming one pushes it out by a lease);
-- DELIVERED and PARKED are final until staff redeliver a parked one.
CREATE TABLE webhook_deliveries (
    id              uuid          PRIMARY KEY,
    order_id        uuid          NOT NULL,
    kind            varchar(32)   NOT NULL,
    url             varchar(2000) NOT NULL,
    payload         text          NOT NULL,
    status          varchar(16)   NOT NULL,
    attempts        integer       NOT NULL DEFAULT 0,
    next_attempt_at timestamptz   NOT NULL,
    last_error      text,
    created_at      timestamptz   NOT NULL,
    updated_at      timestamptz   NOT NULL,
    delivered_at    timestamptz,
    UNIQUE (order_id, kind)
);

CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX webhook_deliveries_parked ON webhook_deliveries (updated_at) WHERE status = 'PARKED';
