--liquibase formatted sql

--changeset cores.notify:002-user-reference
-- The message stays recorded when its user is deleted (its recipient address is stored): the
-- reference is cleared, by the database. Rows whose user was deleted before there was a foreign
-- key are cleared the same way first.
UPDATE notify_outbox o SET user_id = NULL
    WHERE user_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM auth_user u WHERE u.id = o.user_id);
ALTER TABLE notify_outbox ADD CONSTRAINT notify_outbox_user_id_fkey
    FOREIGN KEY (user_id) REFERENCES auth_user (id) ON DELETE SET NULL;
CREATE INDEX notify_outbox_user_id_idx ON notify_outbox (user_id);
