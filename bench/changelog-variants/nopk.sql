-- without the primary key's index
ALTER TABLE cores_change DROP CONSTRAINT cores_change_pkey;
