--liquibase formatted sql

--changeset cores.domain:017-row-markers
-- Which rows of the bookable search changed, beside 015's markers of which tables: one row per row
-- changed (and transaction), so that the search's cache (BookableRows.refresh) reads again only the
-- rows of the bookables changed since its snapshot instead of all of them. Visible exactly when the
-- change is, like domain_change; kept a day like it (BookingMaintenance).
--   tbl   booking_bookable (id: the bookable's), inventory_host (the host's) or inventory_card (the
--         card's host's, before and after)
--   id    null after a TRUNCATE: every row changed
--   moved the row may have moved in an order of the search (a new bookable, another host, a host's
--         new name or ip): the places of all rows are read again with it
CREATE TABLE domain_row_change (
    tbl        text NOT NULL,
    xid        xid8 NOT NULL,
    id         bigint,
    moved      boolean NOT NULL,
    changed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX domain_row_change_xid_idx ON domain_row_change (xid);
CREATE INDEX domain_row_change_changed_at_idx ON domain_row_change (changed_at);

--changeset cores.domain:017-functions splitStatements:false
CREATE FUNCTION domain_bookable_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO domain_row_change (tbl, xid, id, moved)
            VALUES (TG_TABLE_NAME, pg_current_xact_id(), NEW.id, true);
    ELSIF TG_OP = 'UPDATE' THEN
        INSERT INTO domain_row_change (tbl, xid, id, moved)
            SELECT TG_TABLE_NAME, pg_current_xact_id(), i, OLD.host_id IS DISTINCT FROM NEW.host_id
            FROM (SELECT OLD.id UNION SELECT NEW.id) AS ids (i);
    ELSE
        INSERT INTO domain_row_change (tbl, xid, id, moved)
            VALUES (TG_TABLE_NAME, pg_current_xact_id(), OLD.id, false);
    END IF;
    RETURN NULL;
END $$;

-- Only updates of what the search reads (the trigger's WHEN): not the live ingest's lastseen, nor a
-- host's details. A host's insert or delete needs no row: no bookable refers to a new host, and a
-- deleted host's bookable is deleted with it (its own row).
CREATE FUNCTION domain_host_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO domain_row_change (tbl, xid, id, moved)
        VALUES (TG_TABLE_NAME, pg_current_xact_id(), OLD.id,
                OLD.hostname IS DISTINCT FROM NEW.hostname OR OLD.ip IS DISTINCT FROM NEW.ip);
    RETURN NULL;
END $$;

CREATE FUNCTION domain_card_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.host_id IS NOT NULL THEN
        INSERT INTO domain_row_change (tbl, xid, id, moved)
            VALUES (TG_TABLE_NAME, pg_current_xact_id(), OLD.host_id, false);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.host_id IS NOT NULL THEN
        INSERT INTO domain_row_change (tbl, xid, id, moved)
            VALUES (TG_TABLE_NAME, pg_current_xact_id(), NEW.host_id, false);
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION domain_rows_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO domain_row_change (tbl, xid, id, moved)
        VALUES (TG_TABLE_NAME, pg_current_xact_id(), NULL, true);
    RETURN NULL;
END $$;

--changeset cores.domain:017-triggers
-- read by BookableRows.refresh, which reads all rows after a change of any other table it reads
CREATE TRIGGER domain_row_changed AFTER INSERT OR UPDATE OR DELETE ON booking_bookable
    FOR EACH ROW EXECUTE FUNCTION domain_bookable_changed();
CREATE TRIGGER domain_row_changed AFTER UPDATE ON inventory_host FOR EACH ROW
    WHEN (OLD.hostname IS DISTINCT FROM NEW.hostname OR OLD.ip IS DISTINCT FROM NEW.ip
          OR OLD.hardware_id IS DISTINCT FROM NEW.hardware_id OR OLD.rack_id IS DISTINCT FROM NEW.rack_id
          OR OLD.owner_id IS DISTINCT FROM NEW.owner_id OR OLD.group_id IS DISTINCT FROM NEW.group_id)
    EXECUTE FUNCTION domain_host_changed();
CREATE TRIGGER domain_row_changed AFTER INSERT OR UPDATE OR DELETE ON inventory_card
    FOR EACH ROW EXECUTE FUNCTION domain_card_changed();
CREATE TRIGGER domain_rows_truncated AFTER TRUNCATE ON booking_bookable
    FOR EACH STATEMENT EXECUTE FUNCTION domain_rows_truncated();
CREATE TRIGGER domain_rows_truncated AFTER TRUNCATE ON inventory_host
    FOR EACH STATEMENT EXECUTE FUNCTION domain_rows_truncated();
CREATE TRIGGER domain_rows_truncated AFTER TRUNCATE ON inventory_card
    FOR EACH STATEMENT EXECUTE FUNCTION domain_rows_truncated();
