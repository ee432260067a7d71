--liquibase formatted sql

--changeset cores.domain:024-loan-in-effect
-- A loan that starts on a later day leaves its host alone until that day: the status the host had
-- is stored when the loan puts it on loan, so an open loan without one has not started yet.
ALTER TABLE loans_loan ALTER COLUMN previous_status DROP NOT NULL;
