--liquibase formatted sql

--changeset cores:persistence-1
--comment: exclusion constraints that mix equality with ranges (one booking per instrument at a time) need btree_gist
CREATE EXTENSION IF NOT EXISTS btree_gist;
