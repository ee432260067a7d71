--liquibase formatted sql

--changeset cores.accounts:007-signal splitStatements:false
-- Every instance keeps the users its tokens and sessions resolve to (TokenService,
-- SessionService) until a committed change to any row they were read from is signalled on the
-- channel cores_accounts (the platform's Signals service listens). Identical notifications of one
-- transaction are delivered once, so a bulk change costs one signal.
CREATE FUNCTION accounts_signal() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('cores_accounts', '');
    RETURN NULL;
END
$$;

--changeset cores.accounts:007-signals
-- Row triggers, so that a statement changing nothing (the expired sessions' cleanup at each login,
-- mostly) signals nothing. A token's last_used and a session's sliding expiry are written apart
-- once a minute and read with the row: not signalled (the writing instance forgets its own copy,
-- the others find the session's expiry older than it is and read it again).
CREATE TRIGGER auth_user_signal AFTER INSERT OR DELETE ON auth_user
    FOR EACH ROW EXECUTE FUNCTION accounts_signal();
-- last_login is written at every login and every request with HTTP Basic credentials; a kept
-- user's may be older (pages and the API read it from the row, never from a request's user)
CREATE TRIGGER auth_user_update_signal AFTER UPDATE ON auth_user
    FOR EACH ROW WHEN (to_jsonb(OLD) - 'last_login' IS DISTINCT FROM to_jsonb(NEW) - 'last_login')
    EXECUTE FUNCTION accounts_signal();
CREATE TRIGGER auth_group_signal AFTER INSERT OR UPDATE OR DELETE ON auth_group
    FOR EACH ROW EXECUTE FUNCTION accounts_signal();
CREATE TRIGGER auth_user_groups_signal AFTER INSERT OR UPDATE OR DELETE ON auth_user_groups
    FOR EACH ROW EXECUTE FUNCTION accounts_signal();
CREATE TRIGGER auth_group_permissions_signal
    AFTER INSERT OR UPDATE OR DELETE ON auth_group_permissions
    FOR EACH ROW EXECUTE FUNCTION accounts_signal();
CREATE TRIGGER auth_user_permissions_signal
    AFTER INSERT OR UPDATE OR DELETE ON auth_user_permissions
    FOR EACH ROW EXECUTE FUNCTION accounts_signal();
CREATE TRIGGER cores_token_signal AFTER UPDATE OF user_id, key_hash OR DELETE ON cores_token
    FOR EACH ROW EXECUTE FUNCTION accounts_signal();
CREATE TRIGGER cores_session_signal
    AFTER UPDATE OF key_hash, user_id, impersonated_user_id OR DELETE ON cores_session
    FOR EACH ROW EXECUTE FUNCTION accounts_signal();
CREATE TRIGGER auth_user_truncate_signal AFTER TRUNCATE ON auth_user
    FOR EACH STATEMENT EXECUTE FUNCTION accounts_signal();
CREATE TRIGGER auth_group_truncate_signal AFTER TRUNCATE ON auth_group
    FOR EACH STATEMENT EXECUTE FUNCTION accounts_signal();
CREATE TRIGGER auth_user_groups_truncate_signal AFTER TRUNCATE ON auth_user_groups
    FOR EACH STATEMENT EXECUTE FUNCTION accounts_signal();
CREATE TRIGGER auth_group_permissions_truncate_signal AFTER TRUNCATE ON auth_group_permissions
    FOR EACH STATEMENT EXECUTE FUNCTION accounts_signal();
CREATE TRIGGER auth_user_permissions_truncate_signal AFTER TRUNCATE ON auth_user_permissions
    FOR EACH STATEMENT EXECUTE FUNCTION accounts_signal();
CREATE TRIGGER cores_token_truncate_signal AFTER TRUNCATE ON cores_token
    FOR EACH STATEMENT EXECUTE FUNCTION accounts_signal();
CREATE TRIGGER cores_session_truncate_signal AFTER TRUNCATE ON cores_session
    FOR EACH STATEMENT EXECUTE FUNCTION accounts_signal();
