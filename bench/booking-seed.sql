-- Data of bench/booking.sh, written after Cores has migrated the fresh database: 4 buildings,
-- 20 labs of 10 racks, 8 host types, 40 hardware models, 30 card types, 300 users in 20 groups,
-- 5,000 hosts (a few without rack or ip, 30% in a group) with bookables (85% active), cards for
-- 60% of the hosts, 100,000 bookings (20 per bookable, spread over the past 8 months and the
-- next 2, each bookable on its own phase so that about a third are booked now), and a current
-- reservation on 5% of the bookables (whose bookings then all lie before it). The benchmark user
-- (psql variable "user") owns 100 hosts and 200 bookings and is in 3 groups. Random but repeatable.
-- Usage: psql -v user=<id> -f bench/booking-seed.sql (bench/booking.sh does it)
\set ON_ERROR_STOP on
SELECT setseed(0.42);

INSERT INTO inventory_building (code) SELECT 'B' || i FROM generate_series(1, 4) i;
INSERT INTO inventory_lab (name, building_id, network)
  SELECT 'lab' || i, (i - 1) % 4 + 1, ('10.' || i || '.0.0/16')::cidr FROM generate_series(1, 20) i;
INSERT INTO inventory_rack (number, lab_id)
  SELECT r, l FROM generate_series(1, 20) l, generate_series(0, 9) r ORDER BY l, r;
INSERT INTO inventory_hosttype (name) SELECT 'type' || i FROM generate_series(1, 8) i;
INSERT INTO inventory_hosthardware (name, host_type_id)
  SELECT 'model' || i, i % 8 + 1 FROM generate_series(1, 40) i;
INSERT INTO inventory_hdvendor (vendor) SELECT 'vendor' || i FROM generate_series(1, 5) i;
INSERT INTO inventory_cardtype (name) SELECT 'card' || i FROM generate_series(1, 30) i;

INSERT INTO auth_group (name) SELECT 'bench-group' || i FROM generate_series(1, 20) i;
INSERT INTO auth_user (username, email, password)
  SELECT 'user' || i, 'user' || i || '@example.org', '!unusable' FROM generate_series(1, 300) i;
INSERT INTO auth_user_groups (user_id, group_id)
  SELECT u.id, g FROM auth_user u,
    LATERAL (SELECT DISTINCT (u.id * k * 7) % 20 + 1 AS g FROM generate_series(1, 2) k) gs
  WHERE u.username LIKE 'user%';
INSERT INTO auth_user_groups (user_id, group_id) SELECT :user, g FROM generate_series(1, 3) g;

-- rack ids run lab by lab (10 each); every 50th host has no rack, every 20th no ip
INSERT INTO inventory_host (hostname, hardware_id, rack_id, diskvendor_id, status, owner_id,
                            group_id, ip, lastseen)
  SELECT format('host-%s', lpad(i::text, 5, '0')),
         (i * 7) % 40 + 1,
         CASE WHEN i % 50 = 7 THEN NULL ELSE (i * 13) % 200 + 1 END,
         i % 5 + 1,
         CASE WHEN i % 40 = 0 THEN 'offline' ELSE 'active' END,
         CASE WHEN i % 50 = 0 THEN :user
              WHEN random() < 0.7 THEN (SELECT min(id) FROM auth_user WHERE username LIKE 'user%')
                + (random() * 299)::int END,
         CASE WHEN random() < 0.3 THEN (random() * 19)::int + 1 END,
         CASE WHEN i % 20 = 3 THEN NULL
              ELSE ('10.' || ((i * 13) % 200) / 10 + 1 || '.' || i / 250 || '.' || i % 250 + 1)::inet END,
         now() - random() * interval '3 days'
  FROM generate_series(1, 5000) i;
INSERT INTO inventory_card (cardtype_id, host_id)
  SELECT (h.id * k * 11) % 30 + 1, h.id
  FROM inventory_host h, generate_series(1, 3) k
  WHERE h.id % 10 < 6 AND k <= h.id % 3 + 1;

INSERT INTO booking_bookable (host_id, status)
  SELECT id, CASE id % 20 WHEN 1 THEN 'suspended' WHEN 2 THEN 'inactive' WHEN 3 THEN 'created'
                          ELSE 'active' END
  FROM inventory_host ORDER BY id;

-- slot k of a bookable is 15 days long and holds one booking of 1 hour to 10 days
INSERT INTO booking_booking (bookable_id, owner_id, start_time, end_time, comment, created)
  SELECT b.id, (SELECT min(id) FROM auth_user WHERE username LIKE 'user%') + (random() * 299)::int,
         s.start, s.start + interval '1 hour' + random() * interval '10 days', 'seeded',
         s.start - random() * interval '20 days'
  FROM booking_bookable b, generate_series(0, 19) k,
    LATERAL (SELECT CASE WHEN b.id % 20 = 10
                         THEN now() - interval '330 days' -- reserved below: all bookings before
                         ELSE now() - interval '240 days' + (b.id * 7919 % 1440) * interval '15 minutes'
                    END + k * interval '15 days' + random() * interval '2 days' AS start) s;
UPDATE booking_booking SET owner_id = :user WHERE id % 500 = 0;

INSERT INTO booking_reservation (bookable_id, owner_id, start_time, end_time, comment)
  SELECT id, :user, now() - interval '20 days',
         CASE WHEN id % 100 = 10 THEN now() + interval '30 days' END, 'seeded'
  FROM booking_bookable WHERE id % 20 = 10;

-- the bookable the contention rounds book: active, in no group, free from now on
INSERT INTO inventory_host (hostname, hardware_id, rack_id, status, ip)
  VALUES ('bench-contention', 1, 200, 'active', '10.20.250.1');
INSERT INTO booking_bookable (host_id, status)
  SELECT id, 'active' FROM inventory_host WHERE hostname = 'bench-contention';

-- as autovacuum would have done by now: statistics, and the visibility map for index-only scans
VACUUM ANALYZE;
