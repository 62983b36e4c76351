-- The W3C trace context (traceparent) of the span that owed a delivery: the courier's attempt continues that trace,
-- and the receiver gets it in the request's traceparent header. Null where the writer was in no span.
ALTER TABLE webhook_deliveries ADD COLUMN traceparent text;
