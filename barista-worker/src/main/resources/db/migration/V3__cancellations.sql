-- An order can be cancelled before a barista picks it up. The cancellation then writes the order's preparation row
-- itself, as CANCELLED: a tombstone that takes the primary key, so the OrderPlaced arriving later cannot start a
-- preparation. A tombstone was never started and holds no reservation (they are only taken with an IN_PREPARATION
-- row, in the transaction that inserts it); its drinks are 0, its reason is the cancellation's.
ALTER TABLE preparations DROP CONSTRAINT preparations_status_check;
ALTER TABLE preparations ADD CONSTRAINT preparations_status_check
    CHECK (status IN ('IN_PREPARATION', 'READY', 'REJECTED', 'CANCELLED'));
ALTER TABLE preparations ALTER COLUMN started_at DROP NOT NULL;
ALTER TABLE preparations ADD CONSTRAINT preparations_started_unless_cancelled
    CHECK (started_at IS NOT NULL OR status = 'CANCELLED');

-- The barista's answer to each cancellation of an order, one per reason: a cancellation published again under a new
-- event id finds its answer here and is not answered twice. Written in the transaction that publishes the answer.
CREATE TABLE cancellations (
    order_id    UUID        NOT NULL REFERENCES preparations (order_id),
    reason      TEXT        NOT NULL,
    answer      TEXT        NOT NULL CHECK (answer IN ('CANCELLED', 'REFUSED')),
    detail      TEXT,
    answered_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (order_id, reason)
);
