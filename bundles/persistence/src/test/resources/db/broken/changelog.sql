--liquibase formatted sql

--changeset test:1
CREATE TABLE broken (id int REFERENCES no_such_table (id));
