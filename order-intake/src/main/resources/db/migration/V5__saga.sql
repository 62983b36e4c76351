-- The saga around an order: how its payment stands, why it is being compensated, when it is due, and what is left to
-- do at the payment provider.

-- AUTHORIZED, CAPTURED, VOIDED or REFUNDED: the provider's side of the order, changed only once the provider confirmed.
ALTER TABLE orders ADD COLUMN payment_status TEXT NOT NULL DEFAULT 'AUTHORIZED';
-- Why an order is COMPENSATING or was compensated: REJECTED, CANCELLED or DEADLINE_EXCEEDED.
ALTER TABLE orders ADD COLUMN compensation TEXT;
-- The reason the compensation announces (a RejectionReason, or DEADLINE_EXCEEDED).
ALTER TABLE orders ADD COLUMN compensation_reason TEXT;
-- An order still open at this instant is compensated (coffeeshop.intake.preparation-deadline after it was placed).
ALTER TABLE orders ADD COLUMN deadline_at TIMESTAMPTZ;
UPDATE orders SET deadline_at = placed_at + interval '15 minutes';
ALTER TABLE orders ALTER COLUMN deadline_at SET NOT NULL;
-- Set once when a drink turned up for an order that had been compensated already: written off, never charged.
ALTER TABLE orders ADD COLUMN written_off_at TIMESTAMPTZ;
CREATE INDEX orders_open_by_deadline ON orders (deadline_at) WHERE status IN ('PLACED', 'CANCEL_REQUESTED');
CREATE INDEX orders_by_status_and_age ON orders (status, updated_at);

-- What is left to do at the payment provider, written in the transaction that decided it and carried out by the
-- payment clerk outside any transaction: retried with back-off until the provider confirms, PARKED for an operator
-- after too many failed attempts or a refusal. One row per order and action; each call's idempotency key is derived
-- from them, so a retry (also after a crash between the call and its record) never charges or refunds twice.
CREATE TABLE payment_actions (
    order_id        UUID        NOT NULL REFERENCES orders (id),
    action          TEXT        NOT NULL CHECK (action IN ('CAPTURE', 'VOID', 'REFUND')),
    payment_id      TEXT        NOT NULL,
    amount_cents    BIGINT      NOT NULL,
    status          TEXT        NOT NULL CHECK (status IN ('PENDING', 'DONE', 'PARKED')),
    attempts        INT         NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL,
    last_error      TEXT,
    result_id       TEXT,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (order_id, action)
);
CREATE INDEX payment_actions_due ON payment_actions (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX payment_actions_parked ON payment_actions (updated_at) WHERE status = 'PARKED';
