-- persistence-6's work on an update without its insert: the two rows and the noise test only
CREATE OR REPLACE FUNCTION cores_change_record() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  old_row jsonb;
  new_row jsonb;
  noise text[];
BEGIN
  old_row := to_jsonb(OLD);
  new_row := to_jsonb(NEW);
  noise := string_to_array(TG_ARGV[3], ',');
  old_row := old_row - noise;
  new_row := new_row - noise;
  IF old_row = new_row THEN
    RETURN NULL;
  END IF;
  RETURN NULL;
END $$;
