-- diff.sql into a cores_change without any index
\ir diff.sql
\ir noidx.sql
