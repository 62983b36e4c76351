-- The pickup board: where each order stands (in preparation, ready) and the numbered log of changes that the board's
-- screens follow and resume from. Both are written by a trigger in the transaction that stores the notification, so
-- the board can never disagree with the notifications, and the service's Java code has nothing to remember.

-- the orders on the board now: one row per order while it is in preparation or ready
CREATE TABLE board_orders (
    order_id       uuid         PRIMARY KEY,
    customer_name  varchar(200),
    status         varchar(16)  NOT NULL CHECK (status IN ('PREPARING', 'READY')),
    last_change_id bigint       NOT NULL,
    changed_at     timestamptz  NOT NULL
);

-- every move on the board, numbered; the number is the server-sent event's id, so a screen that reconnects (to any
-- instance, after any restart) asks for the changes after the last one it saw
CREATE TABLE board_changes (
    id            bigint       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id      uuid         NOT NULL,
    customer_name varchar(200),
    status        varchar(16)  NOT NULL CHECK (status IN ('PREPARING', 'READY', 'GONE')),
    changed_at    timestamptz  NOT NULL
);

-- A reader streams "id > last seen". Identity values are handed out when a row is inserted but become visible when
-- the transaction commits, so under concurrency id 8 could commit after id 9 and a reader that already moved past 9
-- would never see 8. The trigger therefore takes a transaction-level advisory lock before it numbers a change: the
-- lock is held until commit (and PostgreSQL makes a transaction visible before it releases its locks), so changes
-- become visible strictly in the order of their ids. The lock serialises only the few milliseconds between a new
-- notification and its commit; a duplicate notification (ON CONFLICT DO NOTHING) fires no trigger and takes no lock.
CREATE FUNCTION board_follows_notification() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    kinds      varchar[];
    new_status varchar(16);
    old_status varchar(16);
    change_id  bigint;
    name       varchar(200);
BEGIN
    IF NEW.kind NOT IN ('RECEIVED', 'READY_FOR_PICKUP', 'CANCELLED', 'REFUNDED') THEN
        RETURN NULL;
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('coffeeshop.board_changes'));

    -- read after the lock: a concurrent notification of the same order has committed by now and is seen here
    SELECT array_agg(kind) INTO kinds FROM notifications WHERE order_id = NEW.order_id;
    new_status := CASE
        WHEN kinds && ARRAY['CANCELLED', 'REFUNDED']::varchar[] THEN 'GONE'
        -- a 'ready' that arrived before 'received' stays ready: the later 'received' changes nothing on the board
        WHEN 'READY_FOR_PICKUP' = ANY (kinds) THEN 'READY'
        ELSE 'PREPARING'
    END;
    SELECT status, customer_name INTO old_status, name FROM board_orders WHERE order_id = NEW.order_id;
    name := COALESCE(NULLIF(NEW.customer_name, ''), name);

    IF new_status = 'GONE' THEN
        IF old_status IS NULL THEN
            RETURN NULL; -- never on the board, nothing to take off
        END IF;
        INSERT INTO board_changes (order_id, customer_name, status, changed_at)
        VALUES (NEW.order_id, name, 'GONE', NEW.created_at);
        DELETE FROM board_orders WHERE order_id = NEW.order_id;
    ELSIF old_status IS DISTINCT FROM new_status THEN
        INSERT INTO board_changes (order_id, customer_name, status, changed_at)
        VALUES (NEW.order_id, name, new_status, NEW.created_at)
        RETURNING id INTO change_id;
        INSERT INTO board_orders (order_id, customer_name, status, last_change_id, changed_at)
        VALUES (NEW.order_id, name, new_status, change_id, NEW.created_at)
        ON CONFLICT (order_id) DO UPDATE
            SET customer_name = EXCLUDED.customer_name, status = EXCLUDED.status,
                last_change_id = EXCLUDED.last_change_id, changed_at = EXCLUDED.changed_at;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER board_follows_notifications
    AFTER INSERT ON notifications
    FOR EACH ROW EXECUTE FUNCTION board_follows_notification();
