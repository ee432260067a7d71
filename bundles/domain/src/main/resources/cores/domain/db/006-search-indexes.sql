--liquibase formatted sql

--changeset cores.domain:006-search-indexes
-- The bookings holding an instant (the bookable search's free filter, as a hash anti-join): an
-- SP-GiST range index finds them without visiting the bookings of the past and the future, and
-- with the columns included it answers from the index alone (the planner needs start_time and
-- end_time for the expression). The exclusion constraint's GiST index, led by bookable_id, took
-- 11 ms for this on 100,000 bookings; this one 0.4 ms.
CREATE INDEX booking_booking_during_idx ON booking_booking
    USING spgist (tstzrange(start_time, end_time)) INCLUDE (bookable_id, start_time, end_time);
