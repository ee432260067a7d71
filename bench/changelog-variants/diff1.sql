-- diff.sql with a table without secrets' update as one INSERT ... SELECT: the diff, the test that
-- something changed and the row in one statement
CREATE OR REPLACE FUNCTION cores_change_record() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  old_row jsonb;
  new_row jsonb;
  object bigint;
  secret text;
  changed boolean;
  written timestamptz;
BEGIN
  IF TG_OP <> 'INSERT' THEN
    old_row := to_jsonb(OLD);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    new_row := to_jsonb(NEW);
  END IF;
  object := coalesce(new_row ->> 'id', old_row ->> 'id')::bigint;
  IF TG_OP = 'UPDATE' AND TG_ARGV[2] = '' THEN
    -- most tables have no secrets: the diff, the test that something changed and the row in one
    -- statement
    written := clock_timestamp();
    INSERT INTO cores_change
      (id, at, user_id, username, impersonator_id, impersonator, app, model, object_id, action,
       before, after)
    SELECT
      cores_change_uuid(written),
      written,
      nullif(current_setting('cores.user_id', true), '')::bigint,
      nullif(current_setting('cores.username', true), ''),
      nullif(current_setting('cores.impersonator_id', true), '')::bigint,
      nullif(current_setting('cores.impersonator', true), ''),
      TG_ARGV[0],
      TG_ARGV[1],
      object,
      'update',
      jsonb_object_agg(n.key, old_row -> n.key),
      jsonb_object_agg(n.key, n.value)
    FROM jsonb_each(new_row) n
    WHERE n.value IS DISTINCT FROM old_row -> n.key
      AND n.key <> ALL (string_to_array(TG_ARGV[3], ','))
    HAVING count(*) > 0;
    RETURN NULL;
  END IF;
  IF TG_OP = 'UPDATE' THEN
    SELECT jsonb_object_agg(n.key, old_row -> n.key), jsonb_object_agg(n.key, n.value)
      INTO old_row, new_row
      FROM jsonb_each(new_row) n
      WHERE n.value IS DISTINCT FROM old_row -> n.key
        AND n.key <> ALL (string_to_array(TG_ARGV[3], ','));
    IF old_row IS NULL THEN
      RETURN NULL;
    END IF;
  END IF;
  IF TG_ARGV[2] <> '' THEN
    FOREACH secret IN ARRAY string_to_array(TG_ARGV[2], ',') LOOP
      changed := TG_OP <> 'UPDATE' OR (old_row -> secret) IS DISTINCT FROM (new_row -> secret);
      IF old_row IS NOT NULL THEN
        old_row := CASE WHEN changed AND old_row ? secret
                        THEN jsonb_set(old_row, ARRAY[secret], '"(hidden)"')
                        ELSE old_row - secret END;
      END IF;
      IF new_row IS NOT NULL THEN
        new_row := CASE WHEN changed AND new_row ? secret
                        THEN jsonb_set(new_row, ARRAY[secret], '"(changed)"')
                        ELSE new_row - secret END;
      END IF;
    END LOOP;
  END IF;
  written := clock_timestamp();
  INSERT INTO cores_change
    (id, at, user_id, username, impersonator_id, impersonator, app, model, object_id, action,
     before, after)
  VALUES (
    cores_change_uuid(written),
    written,
    nullif(current_setting('cores.user_id', true), '')::bigint,
    nullif(current_setting('cores.username', true), ''),
    nullif(current_setting('cores.impersonator_id', true), '')::bigint,
    nullif(current_setting('cores.impersonator', true), ''),
    TG_ARGV[0],
    TG_ARGV[1],
    object,
    CASE TG_OP WHEN 'INSERT' THEN 'create' WHEN 'UPDATE' THEN 'update' ELSE 'delete' END,
    old_row,
    new_row);
  RETURN NULL;
END $$;
