-- The sandbox provider also captures and voids (see SandboxPaymentGateway).
ALTER TABLE sandbox_payments DROP CONSTRAINT sandbox_payments_operation_check;
ALTER TABLE sandbox_payments ADD CONSTRAINT sandbox_payments_operation_check
    CHECK (operation IN ('AUTHORIZE', 'CAPTURE', 'VOID', 'REFUND'));
