-- A service's first migration as the services wrote them before the inbox had a schema of its own: its own
-- processed_events, here without a default for processed_at (as notification-service's).
CREATE TABLE notifications (
    order_id UUID PRIMARY KEY
);

CREATE TABLE processed_events (
    event_id     uuid        PRIMARY KEY,
    processed_at timestamptz NOT NULL
);
