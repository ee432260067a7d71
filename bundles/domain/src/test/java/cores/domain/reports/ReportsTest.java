package cores.domain.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cores.api.accounts.User;
import cores.domain.DomainDatabase;
import cores.domain.Fixture;
import cores.domain.sql.Sql;
import cores.testing.TestDatabase;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportsTest {
  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

  private final Reports reports = new Reports();
  private DomainDatabase db;
  private TestDatabase.Tx tx;
  private Fixture fixture;
  private User owner;

  @BeforeAll
  void setUp() throws Exception {
    db = new DomainDatabase();
    tx = db.transactions();
    fixture = new Fixture(db);
    owner = db.user("holder", false, Set.of());
  }

  @AfterAll
  void tearDown() throws Exception {
    tx.close();
    db.close();
  }

  private static String daysAgo(double days) {
    return "'" + NOW.minus(Duration.ofMinutes(Math.round(days * 24 * 60))) + "'";
  }

  private void booking(long bookable, double startDaysAgo, double endDaysAgo) throws SQLException {
    db.execute(
        "INSERT INTO booking_booking (bookable_id, owner_id, start_time, end_time) VALUES ("
            + bookable
            + ", "
            + owner.id()
            + ", "
            + daysAgo(startDaysAgo)
            + ", "
            + daysAgo(endDaysAgo)
            + ")");
  }

  private void reservation(long bookable, double startDaysAgo, String end) throws SQLException {
    db.execute(
        "INSERT INTO booking_reservation (bookable_id, owner_id, start_time, end_time) VALUES ("
            + bookable
            + ", "
            + owner.id()
            + ", "
            + daysAgo(startDaysAgo)
            + ", "
            + end
            + ")");
  }

  private List<Map<String, Object>> usage(String prefix) {
    return tx.readOnly(em -> reports.usage(Sql.of(em), NOW)).rows().stream()
        .filter(row -> ((String) row.get("hostname")).startsWith(prefix))
        .toList();
  }

  @Test
  void usageCountsOnlyThePartOfEachBookingInsideTheLast90Days() throws SQLException {
    long half = fixture.bookable("use-half", "active");
    long straddling = fixture.bookable("use-straddling", "active");
    long before = fixture.bookable("use-before", "active");
    long never = fixture.bookable("use-never", "inactive");
    booking(half, 60, 15); // 45 days inside
    booking(straddling, 100, 80); // 10 of its 20 days inside (the window opened 90 days ago)
    booking(straddling, 1, -1); // 1 of its 2 days inside (the rest is in the future)
    booking(before, 200, 95); // ended before the window
    List<Map<String, Object>> rows = usage("use-");
    assertEquals(
        List.of("use-half", "use-straddling", "use-before", "use-never"),
        rows.stream().map(r -> r.get("hostname")).toList());
    assertEquals(45L * 86_400, rows.get(0).get("booked_seconds"));
    assertEquals(new BigDecimal("0.5000"), rows.get(0).get("share"));
    assertEquals(11L * 86_400, rows.get(1).get("booked_seconds"));
    assertEquals(new BigDecimal("0.1222"), rows.get(1).get("share"));
    assertEquals(0L, rows.get(2).get("booked_seconds"));
    assertEquals(new BigDecimal("0.0000"), rows.get(3).get("share"));
    assertEquals(
        List.of(half, straddling, before, never),
        rows.stream().map(r -> r.get("bookable")).toList());
  }

  @Test
  void usageIsOneStatement() {
    // warm up: EclipseLink's first transaction reads server settings
    tx.readOnly(em -> reports.usage(Sql.of(em), NOW));
    int before = db.statements.get();
    tx.readOnly(em -> reports.usage(Sql.of(em), NOW));
    // the transaction's SET TRANSACTION READ ONLY, then the report itself
    assertEquals(2, db.statements.get() - before);
  }

  @Test
  void assetsListEveryHostThenEveryCardWithTheirNumbers() throws SQLException {
    long host = fixture.host("asset-host", "active");
    db.execute(
        "UPDATE inventory_host SET serial_no = 'SN-1', asset_no = '=A-1' WHERE id = " + host,
        "INSERT INTO inventory_cardtype (name) VALUES ('asset-card-type')");
    long type = db.number("SELECT id FROM inventory_cardtype WHERE name = 'asset-card-type'");
    db.execute(
        "INSERT INTO inventory_card (cardtype_id, asset_no, host_id) VALUES ("
            + type
            + ", 'C-7', "
            + host
            + ")",
        "INSERT INTO inventory_card (cardtype_id, asset_no) VALUES (" + type + ", 'C-8')");
    Report report = tx.readOnly(em -> reports.assets(Sql.of(em)));
    List<Map<String, Object>> rows =
        report.rows().stream().filter(r -> ((String) r.get("name")).startsWith("asset-")).toList();
    assertEquals(3, rows.size(), rows.toString());
    Map<String, Object> hostRow = rows.get(0);
    assertEquals("host", hostRow.get("kind"));
    assertEquals("SN-1", hostRow.get("serial_no"));
    assertEquals("=A-1", hostRow.get("asset_no"));
    assertEquals("R640", hostRow.get("hardware"));
    assertEquals(
        List.of("card", "card"), List.of(rows.get(1).get("kind"), rows.get(2).get("kind")));
    assertEquals("C-7", rows.get(1).get("asset_no"));
    assertEquals("asset-host", rows.get(1).get("host"));
    assertEquals(null, rows.get(2).get("host"));
    assertEquals(
        report.columns().size(), rows.get(0).size(), "every row has every column: " + rows.get(0));
  }

  @Test
  void longReservationsAreTheOpenOnesOpenLongestFirst() throws SQLException {
    long newer = fixture.bookable("res-newer", "active");
    long older = fixture.bookable("res-older", "active");
    long ended = fixture.bookable("res-ended", "active");
    long future = fixture.bookable("res-future", "active");
    reservation(newer, 10.5, "NULL");
    reservation(older, 100, daysAgo(-5));
    reservation(ended, 200, daysAgo(1));
    reservation(future, -2, "NULL");
    List<Map<String, Object>> rows =
        tx.readOnly(em -> reports.longReservations(Sql.of(em), NOW)).rows().stream()
            .filter(r -> ((String) r.get("hostname")).startsWith("res-"))
            .toList();
    assertEquals(
        List.of("res-older", "res-newer"), rows.stream().map(r -> r.get("hostname")).toList());
    assertEquals(100L, rows.get(0).get("days_open"));
    assertEquals(10L, rows.get(1).get("days_open"));
    assertEquals("holder", rows.get(1).get("username"));
    assertEquals(NOW.minus(Duration.ofHours(252)), rows.get(1).get("start"));
  }
}
