-- What the tests' consumer did, one row per time it acted on an event. Append-only and without a unique constraint,
-- so that an event acted on twice stays visible.
CREATE TABLE effects (
    event_id  UUID        NOT NULL,
    topic     TEXT        NOT NULL,
    partition INT         NOT NULL,
    "offset"  BIGINT      NOT NULL,
    acted_at  TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp()
);
