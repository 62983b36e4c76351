-- A notification is handed to the channel after the transaction that created it commits, and again until the channel
-- took it: next_delivery_at says when it is due (its creation, then a back-off after each failure, or a lease while an
-- attempt is under way), and is null once it was delivered. Without it, a notification whose delivery failed, or whose
-- service stopped between commit and delivery, was never delivered.
ALTER TABLE notifications ADD COLUMN next_delivery_at timestamptz;
ALTER TABLE notifications ADD COLUMN delivery_attempts int NOT NULL DEFAULT 0;
-- notifications from before this column existed count as delivered: the customer is not told again months later
CREATE INDEX notifications_due_for_delivery ON notifications (next_delivery_at) WHERE next_delivery_at IS NOT NULL;
