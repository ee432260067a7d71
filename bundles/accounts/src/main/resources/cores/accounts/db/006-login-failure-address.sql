--liquibase formatted sql

--changeset cores.accounts:006-login-failure-address
-- Failed logins are throttled per username and client address, so that a guesser elsewhere does
-- not lock the owner out; NULL: the address is unknown (the failures of the password change page,
-- and logins whose caller does not say). Failures from before count as from an unknown address.
ALTER TABLE auth_login_failure ADD COLUMN client_address inet;
DROP INDEX auth_login_failure_username_idx;
CREATE INDEX auth_login_failure_username_idx
    ON auth_login_failure (username, client_address, failed_at);
