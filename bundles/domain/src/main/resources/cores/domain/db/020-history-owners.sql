--liquibase formatted sql

--changeset cores.domain:020-history-owners
-- A booking's or reservation's owner reads its history (/api/changes), as they read it.
SELECT cores_change_owner('booking_booking', 'owner_id');
SELECT cores_change_owner('booking_reservation', 'owner_id');
