--liquibase formatted sql

--changeset cores.accounts:004-change-log
-- Every row written to these tables is recorded in the change log (cores.api.changes; the function
-- is the persistence bundle's). Password hashes and token key hashes are never stored there, only
-- that they were set or changed; logins (last_login) and token use (last_used) alone are not
-- changes worth a row. Starts and stops of impersonations are recorded as they are logged.
SELECT cores_change_track('auth_user', 'auth', 'user', '{password}', '{last_login}');
SELECT cores_change_track('auth_group', 'auth', 'group');
SELECT cores_change_track('auth_user_groups', 'auth', 'usergroup');
SELECT cores_change_track('auth_group_permissions', 'auth', 'grouppermission');
SELECT cores_change_track('auth_user_permissions', 'auth', 'userpermission');
SELECT cores_change_track('cores_token', 'auth', 'token', '{key_hash}', '{last_used}');
SELECT cores_change_track('auth_impersonation_log', 'auth', 'impersonation');
