--liquibase formatted sql

--changeset test:1
CREATE TABLE stale_lock_test (n int);
