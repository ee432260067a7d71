--liquibase formatted sql

--changeset cores.domain:019-host-status-since
-- When a host's status last changed: the nightly job warns about an active host never seen only
-- once it has been active for 48 hours (LiveMaintenance), not the minute it is created or made
-- active. Hosts of before this change count from the migration: a warning comes at most 48
-- hours late, never early.
ALTER TABLE inventory_host ADD COLUMN status_since timestamptz NOT NULL DEFAULT now();

--changeset cores.domain:019-host-status-since-function splitStatements:false
-- every writer of a host's status alike (admin, API, scans); a writer that sets the time itself
-- (an import) keeps it
CREATE FUNCTION inventory_host_status_since() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.status IS DISTINCT FROM OLD.status
            AND NEW.status_since IS NOT DISTINCT FROM OLD.status_since THEN
        NEW.status_since := now();
    END IF;
    RETURN NEW;
END
$$;

--changeset cores.domain:019-host-status-since-trigger
CREATE TRIGGER inventory_host_status_since BEFORE UPDATE OF status ON inventory_host
    FOR EACH ROW EXECUTE FUNCTION inventory_host_status_since();
