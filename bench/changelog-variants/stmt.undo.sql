DROP TRIGGER cores_change ON inventory_host;
DROP FUNCTION cores_change_record_update();
SELECT cores_change_track('inventory_host', 'inventory', 'host', '{}', '{lastseen,status_since}');
