--liquibase formatted sql

--changeset cores.domain:023-history-parts
-- A host's NICs, cards and bookable are part of its history (the admin's History page): their
-- changes are found by the host they named, before or after.
SELECT cores_change_part('inventory_nic', 'host_id');
SELECT cores_change_part('inventory_card', 'host_id');
SELECT cores_change_part('booking_bookable', 'host_id');
