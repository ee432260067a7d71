CREATE INDEX cores_change_at_idx ON cores_change (at);
