package cores.domain.booking;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cores.domain.DomainDatabase;
import cores.domain.Fixture;
import cores.domain.sql.Sql;
import cores.testing.TestDatabase;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BookingMaintenanceTest {
  private static final Instant NOW = Instant.parse("2026-12-01T03:00:00Z");

  @Test
  void bookingsAndEndedReservationsOlderThanTwelveWeeksAreDeleted() throws Exception {
    try (DomainDatabase db = new DomainDatabase();
        TestDatabase.Tx tx = db.transactions()) {
      Fixture fixture = new Fixture(db);
      long owner = db.user("ann", false, java.util.Set.of()).id();
      long bookable = fixture.bookable("host-a", "active");
      String insert =
          "INSERT INTO booking_booking (bookable_id, owner_id, start_time, end_time) VALUES ("
              + bookable
              + ", "
              + owner
              + ", ";
      // ended 12 weeks and a minute ago: gone; 12 weeks less a minute: kept
      db.execute(insert + "'2026-08-01T00:00Z', '2026-09-08T02:59Z')");
      db.execute(insert + "'2026-09-08T03:00Z', '2026-09-08T03:01Z')");
      String reserve =
          "INSERT INTO booking_reservation (bookable_id, owner_id, start_time, end_time) VALUES ("
              + fixture.bookable("host-b", "active")
              + ", "
              + owner
              + ", ";
      db.execute(reserve + "'2026-01-01T00:00Z', '2026-09-01T00:00Z')");
      // open-ended: held, however old
      db.execute(reserve + "'2026-09-01T00:00Z', NULL)");
      Map<String, Long> counts = tx.required(em -> new BookingMaintenance().run(Sql.of(em), NOW));
      assertEquals(1L, counts.get("bookings_deleted"));
      assertEquals(1L, counts.get("reservations_deleted"));
      assertEquals(1, db.number("SELECT count(*) FROM booking_booking"));
      assertEquals(1, db.number("SELECT count(*) FROM booking_reservation"));
    }
  }

  @Test
  void theSearchCachesChangeRecordsOfTablesAndRowsOlderThanADayAreDeleted() throws Exception {
    try (DomainDatabase db = new DomainDatabase();
        TestDatabase.Tx tx = db.transactions()) {
      // the job's own deletes add a change record stamped with the database's clock, which is
      // not the test's: only the two records written here are judged
      db.execute(
          "INSERT INTO domain_change (tbl, xid, changed_at) VALUES"
              + " ('inventory_host', '1'::xid8, '2026-11-30T02:59Z'),"
              + " ('inventory_host', '2'::xid8, '2026-11-30T03:01Z')",
          "INSERT INTO domain_row_change (tbl, xid, id, moved, changed_at) VALUES"
              + " ('inventory_host', '1'::xid8, 7, false, '2026-11-30T02:59Z'),"
              + " ('inventory_host', '2'::xid8, 7, false, '2026-11-30T03:01Z')");
      tx.required(em -> new BookingMaintenance().run(Sql.of(em), NOW));
      assertEquals(
          List.of("2"),
          db.texts("SELECT xid::text FROM domain_change WHERE xid IN ('1', '2') ORDER BY xid"));
      assertEquals(
          List.of("2"),
          db.texts("SELECT xid::text FROM domain_row_change WHERE xid IN ('1', '2') ORDER BY xid"));
    }
  }
}
