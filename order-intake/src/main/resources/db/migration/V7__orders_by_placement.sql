-- The staff ledger of placed orders (/staff/orders/placed) pages by (placed_at, id): without this index every page
-- scanned and sorted the whole table, and grew slower with every order taken.
CREATE INDEX orders_by_placement ON orders (placed_at, id);
