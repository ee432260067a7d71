--liquibase formatted sql

--changeset cores.domain:015-change-markers
-- The transactions that changed a table some cache of the domain reads (ChangeMarkers: the bookable
-- search's pages, the admin lists' filter options), one row a table and transaction. It replaces
-- booking_search_change (007), which named no table, so that each cache waits only for the tables
-- it reads. A statement trigger adds the row; it becomes visible with the change itself, so a cache
-- checking it is right across instances; writers only insert, so they never wait on each other here.
-- Rows are kept a day (BookingMaintenance).
CREATE TABLE domain_change (
    tbl        text NOT NULL,
    xid        xid8 NOT NULL,
    changed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tbl, xid)
);
CREATE INDEX domain_change_changed_at_idx ON domain_change (changed_at);

--changeset cores.domain:015-changed splitStatements:false
CREATE FUNCTION domain_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO domain_change (tbl, xid) VALUES (TG_TABLE_NAME, pg_current_xact_id())
        ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;

--changeset cores.domain:015-triggers
DROP TRIGGER booking_search_changed ON booking_bookable;
DROP TRIGGER booking_search_changed ON booking_booking;
DROP TRIGGER booking_search_changed ON booking_reservation;
DROP TRIGGER booking_search_changed ON inventory_host;
DROP TRIGGER booking_search_changed ON inventory_rack;
DROP TRIGGER booking_search_changed ON inventory_lab;
DROP TRIGGER booking_search_changed ON inventory_hosthardware;
DROP TRIGGER booking_search_changed ON inventory_card;
DROP TRIGGER booking_search_changed ON inventory_cardtype;
DROP FUNCTION booking_search_changed();
DROP TABLE booking_search_change;
-- Updates of every column but the bookkeeping ones that the change log ignores too (the live
-- ingest's lastseen, the booking jobs' reminder flags): those come often and no cache shows them.
-- Every marked table is listed in ChangeMarkers.TABLES.
CREATE TRIGGER domain_changed
    AFTER INSERT OR UPDATE OF hostname, serial_no, asset_no, diskvendor_id, hardware_id, rack_id,
    hypervisor, vm_host_id, details, owner_id, group_id, status, ip OR DELETE OR TRUNCATE
    ON inventory_host FOR EACH STATEMENT EXECUTE FUNCTION domain_changed();
CREATE TRIGGER domain_changed
    AFTER INSERT OR UPDATE OF bookable_id, owner_id, start_time, end_time, comment, created,
    import_id OR DELETE OR TRUNCATE
    ON booking_booking FOR EACH STATEMENT EXECUTE FUNCTION domain_changed();
CREATE TRIGGER domain_changed
    AFTER INSERT OR UPDATE OF bookable_id, owner_id, start_time, end_time, comment, created
    OR DELETE OR TRUNCATE
    ON booking_reservation FOR EACH STATEMENT EXECUTE FUNCTION domain_changed();
CREATE TRIGGER domain_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON booking_bookable
    FOR EACH STATEMENT EXECUTE FUNCTION domain_changed();
CREATE TRIGGER domain_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON inventory_building
    FOR EACH STATEMENT EXECUTE FUNCTION domain_changed();
CREATE TRIGGER domain_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON inventory_lab
    FOR EACH STATEMENT EXECUTE FUNCTION domain_changed();
CREATE TRIGGER domain_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON inventory_rack
    FOR EACH STATEMENT EXECUTE FUNCTION domain_changed();
CREATE TRIGGER domain_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON inventory_hosttype
    FOR EACH STATEMENT EXECUTE FUNCTION domain_changed();
CREATE TRIGGER domain_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
    ON inventory_hosthardware FOR EACH STATEMENT EXECUTE FUNCTION domain_changed();
CREATE TRIGGER domain_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON inventory_hdvendor
    FOR EACH STATEMENT EXECUTE FUNCTION domain_changed();
CREATE TRIGGER domain_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON inventory_cardtype
    FOR EACH STATEMENT EXECUTE FUNCTION domain_changed();
CREATE TRIGGER domain_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON inventory_card
    FOR EACH STATEMENT EXECUTE FUNCTION domain_changed();
