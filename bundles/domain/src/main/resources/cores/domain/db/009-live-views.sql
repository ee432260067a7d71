--liquibase formatted sql

--changeset cores.domain:009-live-views
-- A session's counts by outcome beside its whole report: the list of sessions reads them without
-- reading (detoasting) every session's report of up to 50,000 lines.
ALTER TABLE live_scansession ADD COLUMN counts jsonb NOT NULL DEFAULT '{}'::jsonb;
UPDATE live_scansession SET counts = result -> 'counts' WHERE result -> 'counts' IS NOT NULL;
