-- The W3C trace context (traceparent) of the span that wrote an outbox row, which the relay publishes with the record
-- so that its consumers continue the trace; null where the writer was in no span (tracing off).
--
-- Repeatable (R__) rather than versioned: the services' databases are past versions a V-migration shipped from here
-- would have to slot in below, and Flyway would refuse it as out of order. A repeatable migration runs after every
-- versioned one, once on each database, and again only when this file changes, so it must be idempotent.
ALTER TABLE outbox ADD COLUMN IF NOT EXISTS traceparent TEXT;
