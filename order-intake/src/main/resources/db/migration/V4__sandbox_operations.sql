-- The sandbox provider also captures and voids (see SandboxPaymentGateway).
ALTER TABLE sandbox_payments DROP CONSTRAINT sandbox_payments_operation_check;
ALTER TABLE sandbox_payments ADD CONSTRAINT sandbox_payments_operation_check
    CHECK (operation IN ('AUTHORIZE', 'CAPTURE', 'VOID', 'REFUND'));
-- An authorization is settled once: captured or voided, never both, never twice. This holds even when a capture and a
-- void of one payment race each other.
CREATE UNIQUE INDEX sandbox_payments_one_settlement ON sandbox_payments (reference)
    WHERE operation IN ('CAPTURE', 'VOID');
-- captures, voids and refunds find their authorization by the payment id it issued
CREATE INDEX sandbox_payments_by_result ON sandbox_payments (result_id);
