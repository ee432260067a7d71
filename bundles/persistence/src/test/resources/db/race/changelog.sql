--liquibase formatted sql

--changeset test:1
-- fails if it ever runs twice
CREATE TABLE race (n int);
--changeset test:2
INSERT INTO race VALUES (1);
