--liquibase formatted sql

--changeset cores.domain:008-original-names
-- The API uses the original's field names (its serializers exposed the models' own), and the
-- inventory's columns take them too, so that 001's promise holds: the original's data imports
-- column for column. Notices, loans and bookings keep their columns; their descriptors map them.
ALTER TABLE inventory_hosthardware RENAME COLUMN hosttype_id TO host_type_id;
ALTER INDEX inventory_hosthardware_hosttype_id_idx RENAME TO inventory_hosthardware_host_type_id_idx;
ALTER TABLE inventory_host RENAME COLUMN serialno TO serial_no;
ALTER TABLE inventory_host RENAME COLUMN assetno TO asset_no;
ALTER TABLE inventory_host RENAME COLUMN hdvendor_id TO diskvendor_id;
ALTER TABLE inventory_host RENAME COLUMN hosthardware_id TO hardware_id;
ALTER INDEX inventory_host_hosthardware_id_idx RENAME TO inventory_host_hardware_id_idx;
ALTER TABLE inventory_host RENAME COLUMN vmhost_id TO vm_host_id;
ALTER TABLE inventory_card RENAME COLUMN assetno TO asset_no;
-- the original's import id is a number (an IntegerField); a text that is not one fails here loudly
ALTER TABLE booking_booking ALTER COLUMN import_id TYPE bigint USING import_id::bigint;
-- the original's ignore list said why and when
ALTER TABLE live_ignoredmac RENAME COLUMN comment TO reason;
ALTER TABLE live_ignoredmac ADD COLUMN created timestamptz NOT NULL DEFAULT now();
