--liquibase formatted sql

--changeset cores.domain:011-change-log
-- Every row written to these tables is recorded in the change log (cores.api.changes; the function
-- is the persistence bundle's). Noise: what the live ingest and the morning job update on their
-- own rounds (lastseen, reminder flags, the last nag), which alone is not a change worth a row.
SELECT cores_change_track('inventory_building', 'inventory', 'building');
SELECT cores_change_track('inventory_lab', 'inventory', 'lab');
SELECT cores_change_track('inventory_rack', 'inventory', 'rack');
SELECT cores_change_track('inventory_hosttype', 'inventory', 'hosttype');
SELECT cores_change_track('inventory_hosthardware', 'inventory', 'hosthardware');
SELECT cores_change_track('inventory_hdvendor', 'inventory', 'hdvendor');
SELECT cores_change_track('inventory_cardtype', 'inventory', 'cardtype');
SELECT cores_change_track('inventory_card', 'inventory', 'card');
SELECT cores_change_track('inventory_host', 'inventory', 'host', '{}', '{lastseen}');
SELECT cores_change_track('inventory_nic', 'inventory', 'nic', '{}', '{lastseen}');
SELECT cores_change_track('booking_bookable', 'booking', 'bookable');
SELECT cores_change_track('booking_booking', 'booking', 'booking', '{}',
    '{start_reminder_sent,end_reminder_sent,ended_notice_sent}');
SELECT cores_change_track('booking_reservation', 'booking', 'reservation', '{}',
    '{start_reminder_sent,ended_notice_sent,last_nag}');
SELECT cores_change_track('notices_notice', 'notices', 'notice');
SELECT cores_change_track('loans_customer', 'loans', 'customer');
SELECT cores_change_track('loans_loan', 'loans', 'loan');
SELECT cores_change_track('live_ignoredmac', 'live', 'ignoredmac');
SELECT cores_change_track('live_scanconflict', 'live', 'scanconflict', '{}', '{lastseen}');
SELECT cores_change_track('live_offlinehostwarning', 'live', 'offlinehostwarning', '{}', '{lastseen}');
SELECT cores_change_track('live_virtualhost', 'live', 'virtualhost', '{}', '{lastseen}');
