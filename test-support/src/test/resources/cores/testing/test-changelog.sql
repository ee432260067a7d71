--liquibase formatted sql

--changeset cores.testing:1
CREATE TABLE tdb_rows (id serial PRIMARY KEY, note text);
