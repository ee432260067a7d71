\ir noidx.undo.sql
