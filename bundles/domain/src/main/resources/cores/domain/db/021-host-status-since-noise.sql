--liquibase formatted sql

--changeset cores.domain:021-host-status-since-noise
-- A host's status_since (019) is a time of writing, as lastseen is: noise of the change log, so
-- that a host's history shows a change of status without it.
SELECT cores_change_track('inventory_host', 'inventory', 'host', '{}', '{lastseen,status_since}');
