--liquibase formatted sql

--changeset cores.domain:014-admin-list-indexes
-- The admin's host list (issue 13). Its search looks for each word anywhere in the hostname,
-- serial, asset number, details, IP and the NICs' MACs (ILIKE '%word%'): without an index every
-- host is read and each column matched, about 1.2 ms for 5,000 hosts even after the filters. With
-- a trigram index on each (the expressions exactly as Catalog.where writes them) the words' rows
-- come from a union of bitmap index scans. pg_trgm is a trusted extension: the database's owner
-- may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX inventory_host_hostname_trgm_idx ON inventory_host USING gin (hostname gin_trgm_ops);
CREATE INDEX inventory_host_serial_no_trgm_idx ON inventory_host USING gin (serial_no gin_trgm_ops);
CREATE INDEX inventory_host_asset_no_trgm_idx ON inventory_host USING gin (asset_no gin_trgm_ops);
CREATE INDEX inventory_host_details_trgm_idx ON inventory_host USING gin (details gin_trgm_ops);
CREATE INDEX inventory_host_ip_trgm_idx ON inventory_host USING gin (host(ip) gin_trgm_ops);
CREATE INDEX inventory_nic_mac_trgm_idx ON inventory_nic USING gin ((mac::text) gin_trgm_ops);
-- The list's filters by disk vendor and VM host, and their options (the objects the hosts refer
-- to): these two references had no index. Few hosts are VMs, so the VM host's is partial; it also
-- serves the foreign key's ON DELETE SET NULL.
CREATE INDEX inventory_host_diskvendor_id_idx ON inventory_host (diskvendor_id);
CREATE INDEX inventory_host_vm_host_id_idx ON inventory_host (vm_host_id) WHERE vm_host_id IS NOT NULL;
