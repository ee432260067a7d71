ALTER TABLE cores_change ADD PRIMARY KEY (id);
CREATE INDEX cores_change_object_idx ON cores_change (model, object_id, at);
CREATE INDEX cores_change_user_idx ON cores_change (user_id, at);
CREATE INDEX cores_change_impersonator_idx ON cores_change (impersonator_id, at) WHERE impersonator_id IS NOT NULL;
CREATE INDEX cores_change_at_idx ON cores_change (at);
