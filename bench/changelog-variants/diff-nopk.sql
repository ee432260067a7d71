-- diff.sql into a cores_change without its primary key's index
\ir diff.sql
\ir nopk.sql
