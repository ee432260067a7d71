--liquibase formatted sql

--changeset it:parts-1
-- refers to the labels bundle's table: runs only after that bundle's changelog
CREATE TABLE part (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  label bigint NOT NULL REFERENCES label (id)
);
