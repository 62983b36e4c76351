-- one notification per order and kind: the primary key is what makes a late or duplicate event change nothing
CREATE TABLE notifications (
    order_id      uuid         NOT NULL,
    kind          varchar(32)  NOT NULL,
    customer_name varchar(200),
    message       text         NOT NULL,
    event_id      uuid         NOT NULL,
    occurred_at   timestamptz  NOT NULL,
    created_at    timestamptz  NOT NULL,
    PRIMARY KEY (order_id, kind)
);

-- written in the same transaction as the notification, so a redelivered event is recognised
CREATE TABLE processed_events (
    event_id     uuid        PRIMARY KEY,
    processed_at timestamptz NOT NULL
);

-- append-only ledger without a unique constraint: a duplicate delivery must stay visible
CREATE TABLE deliveries (
    id           bigint       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id     uuid         NOT NULL,
    kind         varchar(32)  NOT NULL,
    channel      varchar(64)  NOT NULL,
    delivered_at timestamptz  NOT NULL,
    FOREIGN KEY (order_id, kind) REFERENCES notifications (order_id, kind)
);

CREATE INDEX deliveries_by_notification ON deliveries (order_id, kind);
