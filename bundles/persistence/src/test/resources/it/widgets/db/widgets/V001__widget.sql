--liquibase formatted sql

--changeset it:1
CREATE TABLE widget (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL
);
-- needs the persistence bundle's own changelog to have run first
CREATE TABLE widget_slot (
  widget bigint NOT NULL REFERENCES widget (id),
  during tstzrange NOT NULL,
  EXCLUDE USING gist (widget WITH =, during WITH &&)
);
