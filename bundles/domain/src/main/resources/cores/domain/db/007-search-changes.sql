--liquibase formatted sql

--changeset cores.domain:007-search-changes
-- The transactions that changed what the bookable search shows (SearchCache): a statement trigger on
-- each table the search reads adds its transaction's id once. A cached page computed in snapshot S is
-- still right while no id committed after S is here (nor a booking or reservation started or ended).
-- The row becomes visible with the change itself, so this holds across instances; writers only
-- insert, so they never wait on each other here. Rows are kept a day (BookingMaintenance).
CREATE TABLE booking_search_change (
    xid        xid8 PRIMARY KEY,
    changed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX booking_search_change_changed_at_idx ON booking_search_change (changed_at);
-- the next instant a booking or reservation starts or ends, when a cached page stops being right
CREATE INDEX booking_booking_start_time_idx ON booking_booking (start_time);
CREATE INDEX booking_reservation_start_time_idx ON booking_reservation (start_time);
CREATE INDEX booking_reservation_end_time_idx ON booking_reservation (end_time);

--changeset cores.domain:007-search-changed splitStatements:false
CREATE FUNCTION booking_search_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO booking_search_change (xid) VALUES (pg_current_xact_id()) ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;

--changeset cores.domain:007-search-triggers
-- updates only of the columns the search reads: the morning job's reminder flags and the live
-- ingest's lastseen do not empty the cache
CREATE TRIGGER booking_search_changed
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON booking_bookable
    FOR EACH STATEMENT EXECUTE FUNCTION booking_search_changed();
CREATE TRIGGER booking_search_changed
    AFTER INSERT OR UPDATE OF bookable_id, owner_id, start_time, end_time OR DELETE OR TRUNCATE
    ON booking_booking FOR EACH STATEMENT EXECUTE FUNCTION booking_search_changed();
CREATE TRIGGER booking_search_changed
    AFTER INSERT OR UPDATE OF bookable_id, start_time, end_time OR DELETE OR TRUNCATE
    ON booking_reservation FOR EACH STATEMENT EXECUTE FUNCTION booking_search_changed();
CREATE TRIGGER booking_search_changed
    AFTER INSERT OR UPDATE OF hostname, ip, hosthardware_id, rack_id, owner_id, group_id OR DELETE
    OR TRUNCATE ON inventory_host FOR EACH STATEMENT EXECUTE FUNCTION booking_search_changed();
CREATE TRIGGER booking_search_changed
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON inventory_rack
    FOR EACH STATEMENT EXECUTE FUNCTION booking_search_changed();
CREATE TRIGGER booking_search_changed
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON inventory_lab
    FOR EACH STATEMENT EXECUTE FUNCTION booking_search_changed();
CREATE TRIGGER booking_search_changed
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON inventory_hosthardware
    FOR EACH STATEMENT EXECUTE FUNCTION booking_search_changed();
CREATE TRIGGER booking_search_changed
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON inventory_card
    FOR EACH STATEMENT EXECUTE FUNCTION booking_search_changed();
CREATE TRIGGER booking_search_changed
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON inventory_cardtype
    FOR EACH STATEMENT EXECUTE FUNCTION booking_search_changed();
