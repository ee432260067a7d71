\ir nopk.undo.sql
