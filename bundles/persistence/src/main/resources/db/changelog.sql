--liquibase formatted sql

--changeset cores:persistence-1
--comment: exclusion constraints that mix equality with ranges (one booking per instrument at a time) need btree_gist
CREATE EXTENSION IF NOT EXISTS btree_gist;

--changeset cores:persistence-2
--comment: digests of changelogs fully applied, so that a start with unchanged changelogs skips Liquibase (Migrations)
CREATE TABLE cores_changelog_digest (
  namespace text NOT NULL,
  digest text NOT NULL,
  files text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (namespace, digest)
);
