--liquibase formatted sql

--changeset cores.domain:013-job-runs-change-log
-- A job's run is recorded in the change log when it is claimed: by whom for a run asked for (the
-- admin's page, POST /api/cron/…), as Cores' own for a scheduled one. Its end (outcome, summary)
-- is the row itself, not a change worth a row of its own.
SELECT cores_change_track('jobs_run', 'jobs', 'run', '{}', '{finished,outcome,summary,error}');
