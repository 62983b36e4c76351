-- Where the customer wants the order's notifications posted as signed webhooks; null when they did not ask. Carried
-- to the notification service in OrderPlaced.
ALTER TABLE orders ADD COLUMN callback_url varchar(2000);
