--liquibase formatted sql

--changeset cores.domain:016-changed-as splitStatements:false
-- The REST API's inventory answers are kept between requests (KeptAnswers) and show what 015's
-- markers leave out: a host's lastseen, and the NICs (lastseen included, the MAC filter of the host
-- list reads them). A marker of its own for the host's lastseen, so that the caches that do not
-- show it (the bookable search, the admin filters' options) still ignore the scan ingest's updates.
CREATE FUNCTION domain_changed_as() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO domain_change (tbl, xid) VALUES (TG_ARGV[0], pg_current_xact_id())
        ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;

--changeset cores.domain:016-markers
-- listed in ChangeMarkers (TABLES and HOST_LASTSEEN)
CREATE TRIGGER domain_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON inventory_nic
    FOR EACH STATEMENT EXECUTE FUNCTION domain_changed();
CREATE TRIGGER domain_changed_lastseen AFTER UPDATE OF lastseen ON inventory_host
    FOR EACH STATEMENT EXECUTE FUNCTION domain_changed_as('inventory_host.lastseen');
