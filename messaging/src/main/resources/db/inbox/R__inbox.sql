-- The inbox (dev.coffeeshop.messaging.inbox.Inbox): the ids of the events a service has acted on, each written in
-- the same transaction as the effect, so that a redelivered, duplicated or replayed event changes nothing. A row is
-- kept at least as long as any copy of its event can still be read from a topic the service consumes, then pruned.
--
-- A service lists classpath:db/inbox in spring.flyway.locations. This migration is repeatable (R__) rather than
-- versioned because the services' own V1 migrations created processed_events before it existed, and their databases
-- are already past versions that a V-migration shipped from here would have to slot in below: Flyway would refuse
-- it as out of order. A repeatable migration runs after every versioned one, once on each database, and again only
-- when this file changes, so every statement here must be idempotent:
--
-- * a fresh database: the service's V1 creates the table first, and here nothing is created twice;
-- * an existing database: the table is there, with or without a default for processed_at;
-- * a service without a table of its own: it is created here.
CREATE TABLE IF NOT EXISTS processed_events (
    event_id     UUID        PRIMARY KEY,
    -- when the event was acted on, or last recognised as a duplicate; never earlier than the record it came in
    processed_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

ALTER TABLE processed_events ALTER COLUMN processed_at SET DEFAULT now();

-- pruning deletes the oldest rows in small batches. Built once; on a large table it holds writes to the table back
-- while it builds (seconds for millions of rows), so other instances still consuming wait that long, once.
CREATE INDEX IF NOT EXISTS processed_events_processed_at ON processed_events (processed_at);
