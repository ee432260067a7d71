--liquibase formatted sql

--changeset cores:persistence-1
--comment: exclusion constraints that mix equality with ranges (one booking per instrument at a time) need btree_gist
CREATE EXTENSION IF NOT EXISTS btree_gist;

--changeset cores:persistence-2
--comment: digests of changelogs fully applied, so that a start with unchanged changelogs skips Liquibase (Migrations)
CREATE TABLE cores_changelog_digest (
  namespace text NOT NULL,
  digest text NOT NULL,
  files text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (namespace, digest)
);

--changeset cores:persistence-3
--comment: the change log (cores.api.changes): one row per row written to a tracked table, inserted by a trigger in the writing transaction
CREATE TABLE cores_change (
  -- not from a sequence: the trigger's insert would change lastval(), which EclipseLink reads
  -- for the id of the row it has just inserted into the tracked table
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- the statement's time, increasing within a transaction: the changes' order
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  -- no foreign keys: a change outlives its user, whose name is therefore kept as well
  user_id bigint,
  username text,
  impersonator_id bigint,
  impersonator text,
  app text NOT NULL,
  model text NOT NULL,
  object_id bigint NOT NULL,
  action text NOT NULL CHECK (action IN ('create', 'update', 'delete')),
  before jsonb,
  after jsonb
);
CREATE INDEX cores_change_object_idx ON cores_change (model, object_id, at);
CREATE INDEX cores_change_user_idx ON cores_change (user_id, at);
CREATE INDEX cores_change_impersonator_idx ON cores_change (impersonator_id, at);
CREATE INDEX cores_change_at_idx ON cores_change (at);

-- the tracked tables' models, so that a model name finds its app (and so its permissions)
CREATE TABLE cores_change_model (
  model text PRIMARY KEY,
  app text NOT NULL,
  table_name text NOT NULL UNIQUE
);

--changeset cores:persistence-3-functions splitStatements:false
-- TG_ARGV: app, model, secret columns, noise columns (both comma-separated). The acting user comes
-- from the transaction's settings cores.user_id, cores.username, cores.impersonator_id and
-- cores.impersonator (set by the persistence bundle with set_config(..., true)).
CREATE FUNCTION cores_change_record() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  secrets text[] := string_to_array(TG_ARGV[2], ',');
  noise text[] := string_to_array(TG_ARGV[3], ',');
  old_row jsonb;
  new_row jsonb;
  secret text;
  changed boolean;
BEGIN
  IF TG_OP <> 'INSERT' THEN
    old_row := to_jsonb(OLD);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    new_row := to_jsonb(NEW);
  END IF;
  IF TG_OP = 'UPDATE' AND (old_row - noise) = (new_row - noise) THEN
    RETURN NULL;
  END IF;
  FOREACH secret IN ARRAY secrets LOOP
    -- a secret's value is never stored, only that it was set or changed
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
  INSERT INTO cores_change
    (user_id, username, impersonator_id, impersonator, app, model, object_id, action, before, after)
  VALUES (
    nullif(current_setting('cores.user_id', true), '')::bigint,
    nullif(current_setting('cores.username', true), ''),
    nullif(current_setting('cores.impersonator_id', true), '')::bigint,
    nullif(current_setting('cores.impersonator', true), ''),
    TG_ARGV[0],
    TG_ARGV[1],
    coalesce(new_row ->> 'id', old_row ->> 'id')::bigint,
    CASE TG_OP WHEN 'INSERT' THEN 'create' WHEN 'UPDATE' THEN 'update' ELSE 'delete' END,
    old_row,
    new_row);
  RETURN NULL;
END $$;

-- called by the bundles' changelogs: records every row written to the table from now on
CREATE FUNCTION cores_change_track(
    tracked regclass, app_name text, model_name text, secrets text[] DEFAULT '{}',
    noise text[] DEFAULT '{}')
  RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO cores_change_model (model, app, table_name)
    VALUES (model_name, app_name, tracked::text)
    ON CONFLICT (model) DO UPDATE SET app = EXCLUDED.app, table_name = EXCLUDED.table_name;
  EXECUTE format('DROP TRIGGER IF EXISTS cores_change ON %s', tracked);
  EXECUTE format(
    'CREATE TRIGGER cores_change AFTER INSERT OR UPDATE OR DELETE ON %s FOR EACH ROW '
      || 'EXECUTE FUNCTION cores_change_record(%L, %L, %L, %L)',
    tracked, app_name, model_name, array_to_string(secrets, ','), array_to_string(noise, ','));
END $$;

--changeset cores:persistence-4-functions splitStatements:false
--comment: a cheaper change-log row (issue 13: the log's cost on a write): a time-ordered id, the secrets and noise work only where a table has them
-- A UUID in the version 7 layout: the first 48 bits are the milliseconds of at, the rest random.
-- Rows then enter the primary key's index at its end instead of at a random leaf: the same few
-- pages stay in cache, and after a checkpoint one full-page image is written instead of one per
-- leaf touched (gen_random_uuid() alone dirtied a random leaf of the whole index per write).
CREATE FUNCTION cores_change_uuid(at timestamptz) RETURNS uuid LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  random_bytes bytea := uuid_send(gen_random_uuid());
BEGIN
  -- gen_random_uuid() sets the version nibble to 4; + 0x30 makes it 7 (time-ordered)
  RETURN encode(
    overlay(set_byte(random_bytes, 6, get_byte(random_bytes, 6) + 48)
            PLACING substring(int8send(floor(date_part('epoch', at) * 1000)::bigint) FROM 3)
            FROM 1 FOR 6),
    'hex')::uuid;
END $$;

-- Same rows as persistence-3's version; differs only in cost: string_to_array and the secrets'
-- loop only for tables that have secrets or noise columns, and one clock reading for both at and
-- the id.
CREATE OR REPLACE FUNCTION cores_change_record() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  old_row jsonb;
  new_row jsonb;
  noise text[];
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
  IF TG_OP = 'UPDATE' THEN
    IF TG_ARGV[3] = '' THEN
      IF old_row = new_row THEN
        RETURN NULL;
      END IF;
    ELSE
      noise := string_to_array(TG_ARGV[3], ',');
      IF (old_row - noise) = (new_row - noise) THEN
        RETURN NULL;
      END IF;
    END IF;
  END IF;
  IF TG_ARGV[2] <> '' THEN
    FOREACH secret IN ARRAY string_to_array(TG_ARGV[2], ',') LOOP
      -- a secret's value is never stored, only that it was set or changed
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
    coalesce(new_row ->> 'id', old_row ->> 'id')::bigint,
    CASE TG_OP WHEN 'INSERT' THEN 'create' WHEN 'UPDATE' THEN 'update' ELSE 'delete' END,
    old_row,
    new_row);
  RETURN NULL;
END $$;

--changeset cores:persistence-4
--comment: the change log's impersonator index only for the rows that have one (most have none: each write paid for a NULL entry), the id time-ordered by default too
ALTER TABLE cores_change ALTER COLUMN id SET DEFAULT cores_change_uuid(clock_timestamp());
DROP INDEX cores_change_impersonator_idx;
-- byUser and the search ask impersonator_id = ?, which implies IS NOT NULL: the planner uses it
CREATE INDEX cores_change_impersonator_idx ON cores_change (impersonator_id, at)
  WHERE impersonator_id IS NOT NULL;

--changeset cores:persistence-5
--comment: an owned model's owner column (cores_change_owner): the user it names reads the object's history
ALTER TABLE cores_change_model ADD COLUMN owner_column text;

--changeset cores:persistence-5-functions splitStatements:false
-- called by the bundles' changelogs after cores_change_track: the column of the tracked table that
-- names the user who owns a row (e.g. a booking's owner_id), who may then read the row's history
CREATE FUNCTION cores_change_owner(tracked regclass, owner_column text)
  RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  -- a misspelt column would silently show nobody their history
  PERFORM 1 FROM pg_attribute
    WHERE attrelid = tracked AND attname = cores_change_owner.owner_column AND attnum > 0
      AND NOT attisdropped;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'cores_change_owner: % has no column %', tracked, owner_column;
  END IF;
  UPDATE cores_change_model m SET owner_column = cores_change_owner.owner_column
    WHERE m.table_name = tracked::text;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'cores_change_owner: % is not tracked (cores_change_track first)', tracked;
  END IF;
END $$;

--changeset cores:persistence-6-functions splitStatements:false
--comment: a table's noise columns are left out of its update rows too, not only updates of noise alone: a host's history showed status_since beside each change of status
-- Same as persistence-4's version but for the noise of an update. A create and a delete keep the
-- whole row.
CREATE OR REPLACE FUNCTION cores_change_record() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  old_row jsonb;
  new_row jsonb;
  noise text[];
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
  IF TG_OP = 'UPDATE' THEN
    IF TG_ARGV[3] = '' THEN
      IF old_row = new_row THEN
        RETURN NULL;
      END IF;
    ELSE
      -- noise is bookkeeping written along (a sighting, when a status changed), not what changed:
      -- left out of the update's rows, so the history shows only what changed
      noise := string_to_array(TG_ARGV[3], ',');
      old_row := old_row - noise;
      new_row := new_row - noise;
      IF old_row = new_row THEN
        RETURN NULL;
      END IF;
    END IF;
  END IF;
  IF TG_ARGV[2] <> '' THEN
    FOREACH secret IN ARRAY string_to_array(TG_ARGV[2], ',') LOOP
      -- a secret's value is never stored, only that it was set or changed
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
    coalesce(new_row ->> 'id', old_row ->> 'id')::bigint,
    CASE TG_OP WHEN 'INSERT' THEN 'create' WHEN 'UPDATE' THEN 'update' ELSE 'delete' END,
    old_row,
    new_row);
  RETURN NULL;
END $$;

--changeset cores:persistence-7
--comment: the transaction that wrote a change, so that an update of an object the same transaction created is folded into its create (one save of an add form, one entry)
-- no default on the ADD: a volatile one would rewrite every row kept; the old rows stay NULL
ALTER TABLE cores_change ADD COLUMN xact xid8;
ALTER TABLE cores_change ALTER COLUMN xact SET DEFAULT pg_current_xact_id();

--changeset cores:persistence-7-functions splitStatements:false
-- Same as persistence-6's version but for an update of a row created in the same transaction (an
-- object added with its inline rows, whose derived fields follow them): the create's row takes the
-- object's values as they are now instead of a second row. Every write is still recorded, as the
-- create's final values; what no other transaction could see is not a change of its own. An update
-- of noise alone stays unrecorded, also in the create (looked for only after it, so that a scan's
-- sightings cost no lookup).
CREATE OR REPLACE FUNCTION cores_change_record() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  op text := TG_OP;
  created uuid;
  old_row jsonb;
  new_row jsonb;
  noise text[];
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
  IF TG_OP = 'INSERT' THEN
    -- a cheap mark, so that the updates of a transaction that created nothing look nothing up
    PERFORM set_config('cores.created', 'true', true);
  ELSIF TG_OP = 'UPDATE' THEN
    IF TG_ARGV[3] = '' THEN
      IF old_row = new_row THEN
        RETURN NULL;
      END IF;
    ELSE
      -- noise is bookkeeping written along (a sighting, when a status changed), not what changed:
      -- left out of the update's rows, so the history shows only what changed
      noise := string_to_array(TG_ARGV[3], ',');
      old_row := old_row - noise;
      new_row := new_row - noise;
      IF old_row = new_row THEN
        RETURN NULL;
      END IF;
    END IF;
    IF current_setting('cores.created', true) = 'true' THEN
      SELECT c.id INTO created FROM cores_change c
        WHERE c.model = TG_ARGV[1] AND c.object_id = NEW.id AND c.action = 'create'
          AND c.xact = pg_current_xact_id();
      IF created IS NOT NULL THEN
        -- the whole row, as a create records it
        op := 'INSERT';
        old_row := NULL;
        new_row := to_jsonb(NEW);
      END IF;
    END IF;
  END IF;
  IF TG_ARGV[2] <> '' THEN
    FOREACH secret IN ARRAY string_to_array(TG_ARGV[2], ',') LOOP
      -- a secret's value is never stored, only that it was set or changed
      changed := op <> 'UPDATE' OR (old_row -> secret) IS DISTINCT FROM (new_row -> secret);
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
  IF created IS NOT NULL THEN
    UPDATE cores_change SET after = new_row WHERE id = created;
    RETURN NULL;
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
    coalesce(new_row ->> 'id', old_row ->> 'id')::bigint,
    CASE op WHEN 'INSERT' THEN 'create' WHEN 'UPDATE' THEN 'update' ELSE 'delete' END,
    old_row,
    new_row);
  RETURN NULL;
END $$;

--changeset cores:persistence-8-functions splitStatements:false
--comment: cores_change_part: a model whose rows belong to another's through a reference column (a host's NICs), indexed by that column's value before and after, for the owning object's history (ChangeLog.history with parts)
-- Two partial expression indexes for one model: only that model's changes are entered in them, so
-- the writes of every other tracked table pay nothing. The history asks before ->> column = ? OR
-- after ->> column = ? with the model as a literal, which these answer with a bitmap OR.
CREATE FUNCTION cores_change_part(tracked regclass, part_column text)
  RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  part text;
  side text;
BEGIN
  SELECT m.model INTO part FROM cores_change_model m WHERE m.table_name = tracked::text;
  IF part IS NULL THEN
    RAISE EXCEPTION 'cores_change_part: % is not tracked (cores_change_track first)', tracked;
  END IF;
  PERFORM 1 FROM pg_attribute
    WHERE attrelid = tracked AND attname = part_column AND attnum > 0 AND NOT attisdropped;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'cores_change_part: % has no column %', tracked, part_column;
  END IF;
  FOREACH side IN ARRAY ARRAY['before', 'after'] LOOP
    EXECUTE format(
      'CREATE INDEX IF NOT EXISTS %I ON cores_change ((%I ->> %L), at) WHERE model = %L',
      'cores_change_' || part || '_' || part_column || '_' || side || '_idx',
      side, part_column, part);
  END LOOP;
END $$;
