-- Whose order it is: the subject of the access token it was placed with. Only they (and staff) may read or cancel it;
-- anyone else is told it does not exist. Orders placed before owners were recorded have none: staff only.
ALTER TABLE orders ADD COLUMN owner TEXT;
