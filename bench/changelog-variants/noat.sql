-- without the time index (recent(), the search's from and to, and trim read it)
DROP INDEX cores_change_at_idx;
