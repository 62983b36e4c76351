-- One database per service, owned by a user of the same name who may enter no other database.
-- Run once by the postgres image on an empty data volume (docker-entrypoint-initdb.d); the local launcher does the same
-- in dev.coffeeshop.local.stack.PostgresServer. Passwords equal the user names: for a laptop, not for production.

CREATE USER intake WITH PASSWORD 'intake';
CREATE DATABASE intake OWNER intake;
REVOKE ALL ON DATABASE intake FROM PUBLIC;

CREATE USER barista WITH PASSWORD 'barista';
CREATE DATABASE barista OWNER barista;
REVOKE ALL ON DATABASE barista FROM PUBLIC;

CREATE USER notification WITH PASSWORD 'notification';
CREATE DATABASE notification OWNER notification;
REVOKE ALL ON DATABASE notification FROM PUBLIC;
