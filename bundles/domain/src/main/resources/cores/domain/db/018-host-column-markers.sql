--liquibase formatted sql

--changeset cores.domain:018-host-column-markers
-- Markers of a host's columns that the admin host list's filter options read (ChangeMarkers.COLUMNS:
-- the referring columns, the derived filters' hardware and rack, and the hostname that labels a VM
-- host), and of which hosts there are: an edit of another column (a host's details, its status,
-- written far more often) then leaves the options kept. 015's marker of the whole table stays, for
-- the caches that read every column. A statement trigger UPDATE OF fires when the statement sets
-- the column, whether or not its value changes: never too rarely.
CREATE TRIGGER domain_changed_rows AFTER INSERT OR DELETE OR TRUNCATE ON inventory_host
    FOR EACH STATEMENT EXECUTE FUNCTION domain_changed_as('inventory_host:rows');
CREATE TRIGGER domain_changed_hostname AFTER UPDATE OF hostname ON inventory_host
    FOR EACH STATEMENT EXECUTE FUNCTION domain_changed_as('inventory_host.hostname');
CREATE TRIGGER domain_changed_diskvendor_id AFTER UPDATE OF diskvendor_id ON inventory_host
    FOR EACH STATEMENT EXECUTE FUNCTION domain_changed_as('inventory_host.diskvendor_id');
CREATE TRIGGER domain_changed_hardware_id AFTER UPDATE OF hardware_id ON inventory_host
    FOR EACH STATEMENT EXECUTE FUNCTION domain_changed_as('inventory_host.hardware_id');
CREATE TRIGGER domain_changed_rack_id AFTER UPDATE OF rack_id ON inventory_host
    FOR EACH STATEMENT EXECUTE FUNCTION domain_changed_as('inventory_host.rack_id');
CREATE TRIGGER domain_changed_vm_host_id AFTER UPDATE OF vm_host_id ON inventory_host
    FOR EACH STATEMENT EXECUTE FUNCTION domain_changed_as('inventory_host.vm_host_id');
CREATE TRIGGER domain_changed_owner_id AFTER UPDATE OF owner_id ON inventory_host
    FOR EACH STATEMENT EXECUTE FUNCTION domain_changed_as('inventory_host.owner_id');
CREATE TRIGGER domain_changed_group_id AFTER UPDATE OF group_id ON inventory_host
    FOR EACH STATEMENT EXECUTE FUNCTION domain_changed_as('inventory_host.group_id');
