--liquibase formatted sql

--changeset test:2
ALTER TABLE thing
  ADD COLUMN address inet,
  ADD COLUMN network cidr,
  ADD COLUMN mac macaddr,
  ADD COLUMN during tstzrange;
