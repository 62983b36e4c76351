-- The pickup counter's ledger: one row each time drinks are handed over for an order, written in the transaction that
-- marks the preparation READY. Append-only and deliberately without a unique constraint on order_id: were an order
-- ever made twice, both rows would stay here for anyone (the fault-injection suite) to see.
CREATE TABLE handovers (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id       UUID        NOT NULL,
    drinks         INT         NOT NULL,
    handed_over_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX handovers_by_order ON handovers (order_id);
