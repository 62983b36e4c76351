-- Idempotency keys expire after coffeeshop.intake.idempotency-key-retention; the cleanup finds the oldest by this.
CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_at);
