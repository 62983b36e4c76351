-- the W3C trace context of the step that decided a payment action, continued when the action is carried out, so a
-- capture or refund and what it announces stay in the order's trace (docs/observability.md)
ALTER TABLE payment_actions ADD COLUMN traceparent text;
