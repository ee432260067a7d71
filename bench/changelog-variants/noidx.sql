-- persistence-6's function (restored by the harness) into a cores_change without any index
ALTER TABLE cores_change DROP CONSTRAINT cores_change_pkey;
DROP INDEX cores_change_object_idx, cores_change_user_idx, cores_change_impersonator_idx, cores_change_at_idx;
