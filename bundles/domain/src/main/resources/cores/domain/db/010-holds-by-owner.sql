--liquibase formatted sql

--changeset cores.domain:010-holds-by-owner
-- A user's bookings and reservations that have not ended (the dashboard, the calendar feed, the
-- user's page) by owner and end together: the owner's index alone read all of a user's past
-- bookings, the end's index everyone's future ones. They replace the owner-only indexes.
CREATE INDEX booking_booking_owner_end_idx ON booking_booking (owner_id, end_time);
DROP INDEX booking_booking_owner_id_idx;
CREATE INDEX booking_reservation_owner_end_idx ON booking_reservation (owner_id, end_time);
DROP INDEX booking_reservation_owner_id_idx;
