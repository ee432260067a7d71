--liquibase formatted sql

--changeset test:1
CREATE TABLE IF NOT EXISTS other_counter (n int);
INSERT INTO other_counter VALUES (1);
