-- a statement trigger with transition tables: one INSERT ... SELECT a statement instead of a
-- PL/pgSQL call and an insert a row (update only: the harness updates; no secrets)
CREATE OR REPLACE FUNCTION cores_change_record_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO cores_change
    (id, at, user_id, username, impersonator_id, impersonator, app, model, object_id, action,
     before, after)
  SELECT cores_change_uuid(w), w,
    nullif(current_setting('cores.user_id', true), '')::bigint,
    nullif(current_setting('cores.username', true), ''),
    nullif(current_setting('cores.impersonator_id', true), '')::bigint,
    nullif(current_setting('cores.impersonator', true), ''),
    TG_ARGV[0], TG_ARGV[1], r.id, 'update', r.b, r.a
  FROM (SELECT clock_timestamp() AS w, o.id,
               to_jsonb(o) - string_to_array(TG_ARGV[3], ',') AS b,
               to_jsonb(n) - string_to_array(TG_ARGV[3], ',') AS a
        FROM cores_old o JOIN cores_new n ON n.id = o.id) r
  WHERE r.b <> r.a;
  RETURN NULL;
END $$;
DROP TRIGGER cores_change ON inventory_host;
CREATE TRIGGER cores_change AFTER UPDATE ON inventory_host
  REFERENCING OLD TABLE AS cores_old NEW TABLE AS cores_new FOR EACH STATEMENT
  EXECUTE FUNCTION cores_change_record_update('inventory', 'host', '', 'lastseen,status_since');
