--liquibase formatted sql

--changeset it:labels-1
CREATE TABLE label (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY
);
