-- What the baristas have on hand, in base units. Never negative: a reservation that does not fit is refused.
CREATE TABLE inventory (
    ingredient TEXT        PRIMARY KEY,
    quantity   BIGINT      NOT NULL CHECK (quantity >= 0),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- The preparation log: one row per order, created when a barista picks the order up. The primary key is what makes a
-- duplicated OrderPlaced (same or another event id) unable to start a second preparation.
CREATE TABLE preparations (
    order_id      UUID        PRIMARY KEY,
    customer_name TEXT,
    drinks        INT         NOT NULL,
    status        TEXT        NOT NULL CHECK (status IN ('IN_PREPARATION', 'READY', 'REJECTED')),
    reason        TEXT,
    detail        TEXT,
    started_at    TIMESTAMPTZ NOT NULL,
    finished_at   TIMESTAMPTZ
);

-- Ingredients taken from the inventory for an order, so a rejection gives back exactly what was taken even if a
-- recipe changes in between.
CREATE TABLE reservations (
    order_id    UUID        NOT NULL REFERENCES preparations (order_id),
    ingredient  TEXT        NOT NULL,
    quantity    BIGINT      NOT NULL CHECK (quantity > 0),
    reserved_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    released_at TIMESTAMPTZ,
    PRIMARY KEY (order_id, ingredient)
);

-- Events whose effect is committed, recorded in the same transaction as that effect.
CREATE TABLE processed_events (
    event_id     UUID        PRIMARY KEY,
    processed_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
