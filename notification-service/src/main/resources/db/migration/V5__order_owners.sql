-- Whose order it is, from its OrderPlaced (the subject of the token it was placed with): only they and staff see its
-- notifications. The first owner an order named stays; until its OrderPlaced arrives only staff see them.
CREATE TABLE order_owners (
    order_id   uuid        PRIMARY KEY,
    owner      text        NOT NULL,
    created_at timestamptz NOT NULL
);
