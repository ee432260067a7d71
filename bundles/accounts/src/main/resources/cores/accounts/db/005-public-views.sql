--liquibase formatted sql

--changeset cores.accounts:005-public-views
-- What other bundles may read of users, groups and memberships (see the bundle's README): the
-- accounts bundle may change its tables as long as these views keep their columns and meaning.
-- A change that would break them adds a _v2 beside them instead.
CREATE VIEW accounts_user_v1 AS
    SELECT id, username, first_name, last_name, email, is_active, is_staff, is_superuser,
           receive_reminders
    FROM auth_user;

CREATE VIEW accounts_group_v1 AS
    SELECT id, name FROM auth_group;

CREATE VIEW accounts_membership_v1 AS
    SELECT user_id, group_id FROM auth_user_groups;
