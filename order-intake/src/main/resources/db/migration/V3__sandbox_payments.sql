-- The sandbox payment provider's own records (see SandboxPaymentGateway): one row per operation it performed, found
-- again by idempotency key so that a retry, also after a restart, never authorizes or refunds twice. Append-only.
-- reference is the payment a refund gives money back for.
CREATE TABLE sandbox_payments (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    operation       TEXT        NOT NULL CHECK (operation IN ('AUTHORIZE', 'REFUND')),
    idempotency_key TEXT        NOT NULL UNIQUE,
    reference       TEXT,
    amount_cents    BIGINT      NOT NULL,
    result_id       TEXT        NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX sandbox_payments_by_reference ON sandbox_payments (reference);
