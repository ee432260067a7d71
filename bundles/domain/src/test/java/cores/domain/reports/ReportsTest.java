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
    booking(bookable, owner.id(), startDaysAgo, endDaysAgo);
  }

  private void booking(long bookable, long user, double startDaysAgo, double endDaysAgo)
      throws SQLException {
    db.execute(
        "INSERT INTO booking_booking (bookable_id, owner_id, start_time, end_time) VALUES ("
            + bookable
            + ", "
            + user
            + ", "
            + daysAgo(startDaysAgo)
            + ", "
            + daysAgo(endDaysAgo)
            + ")");
  }

  private void reservation(long bookable, long user, double startDaysAgo, String end)
      throws SQLException {
    db.execute(
        "INSERT INTO booking_reservation (bookable_id, owner_id, start_time, end_time) VALUES ("
            + bookable
            + ", "
            + user
            + ", "
            + daysAgo(startDaysAgo)
            + ", "
            + end
            + ")");
  }

  private void reservation(long bookable, double startDaysAgo, String end) throws SQLException {
    reservation(bookable, owner.id(), startDaysAgo, end);
  }

  private Report usage() {
    return tx.readOnly(em -> reports.usage(Sql.of(em), NOW.minus(Reports.USAGE_WINDOW), NOW));
  }

  private static List<Map<String, Object>> rows(
      Report report, String table, String column, String prefix) {
    return report.table(table).orElseThrow().rows().stream()
        .filter(row -> row.get(column) instanceof String text && text.startsWith(prefix))
        .toList();
  }

  @Test
  void usageCountsOnlyThePartOfEachBookingInsideThePeriod() throws SQLException {
    long half = fixture.bookable("use-half", "active");
    long straddling = fixture.bookable("use-straddling", "active");
    long before = fixture.bookable("use-before", "active");
    fixture.bookable("use-never", "inactive");
    booking(half, 60, 15); // 45 days inside
    booking(straddling, 100, 80); // 10 of its 20 days inside (the window opened 90 days ago)
    booking(straddling, 1, -1); // 1 of its 2 days inside (the rest is in the future)
    booking(before, 200, 95); // ended before the window
    Report report = usage();
    assertEquals(NOW.minus(Reports.USAGE_WINDOW), report.parameters().get("from"));
    assertEquals(NOW, report.parameters().get("to"));
    assertEquals(new BigDecimal("90.00"), report.parameters().get("days"));
    List<Map<String, Object>> rows = rows(report, "hosts", "hostname", "use-");
    // a host that could be booked counts although unused; one that could not (inactive) and was
    // not booked does not
    assertEquals(
        List.of("use-half", "use-straddling", "use-before"),
        rows.stream().map(r -> r.get("hostname")).toList());
    assertEquals(45L * 86_400, rows.get(0).get("booked_seconds"));
    assertEquals(new BigDecimal("0.5000"), rows.get(0).get("share"));
    assertEquals(1L, rows.get(0).get("bookings"));
    assertEquals(11L * 86_400, rows.get(1).get("booked_seconds"));
    assertEquals(new BigDecimal("0.1222"), rows.get(1).get("share"));
    assertEquals(2L, rows.get(1).get("bookings"));
    assertEquals(0L, rows.get(2).get("booked_seconds"));
    assertEquals(new BigDecimal("0.0000"), rows.get(2).get("share"));
    assertEquals(
        List.of(half, straddling, before), rows.stream().map(r -> r.get("bookable")).toList());
    assertEquals("[tcpreplay] R640", rows.get(0).get("hardware"));
    assertEquals("B1/lab1", rows.get(0).get("location"));

    // another period: the booking before the window filled days 200 to 95 before now
    Report earlier =
        tx.readOnly(
            em ->
                reports.usage(
                    Sql.of(em), NOW.minus(Duration.ofDays(200)), NOW.minus(Duration.ofDays(95))));
    Map<String, Object> full = rows(earlier, "hosts", "hostname", "use-before").get(0);
    assertEquals(new BigDecimal("1.0000"), full.get("share"));
    assertEquals(new BigDecimal("105.00"), earlier.parameters().get("days"));
  }

  @Test
  void usageLeavesReservedHostsOutAndAveragesPerHardwareAndLabAndSumsPerUser() throws SQLException {
    long ann = db.user("usage-ann", false, Set.of()).id();
    long bob = db.user("usage-bob", false, Set.of()).id();
    long hardware =
        db.number("INSERT INTO inventory_hosthardware (name) VALUES ('usage-model') RETURNING id");
    long lab = db.number("INSERT INTO inventory_lab (name) VALUES ('usage-lab') RETURNING id");
    long rack =
        db.number(
            "INSERT INTO inventory_rack (number, lab_id) VALUES (4, " + lab + ") RETURNING id");
    long group = db.number("INSERT INTO auth_group (name) VALUES ('usage-group') RETURNING id");
    long busy = fixture.bookable("usage-busy", "active");
    long idle = fixture.bookable("usage-idle", "active");
    long reserved = fixture.bookable("usage-reserved", "active");
    db.execute(
        "UPDATE inventory_host SET hardware_id = "
            + hardware
            + ", rack_id = "
            + rack
            + ", group_id = "
            + group
            + ", owner_id = "
            + bob
            + " WHERE hostname LIKE 'usage-%'");
    // ann books twice (4 days), bob once (20 days): ann is the biggest user, by bookings
    booking(busy, ann, 30, 28);
    booking(busy, ann, 20, 18);
    booking(busy, bob, 15, -5); // 15 days inside, the rest after now
    booking(reserved, ann, 50, 40);
    reservation(reserved, ann, 10, "NULL");
    Report report = usage();
    List<Map<String, Object>> hosts = rows(report, "hosts", "hostname", "usage-");
    assertEquals(
        List.of("usage-busy", "usage-idle"), hosts.stream().map(r -> r.get("hostname")).toList());
    Map<String, Object> row = hosts.get(0);
    assertEquals("usage-model", row.get("hardware"));
    assertEquals("usage-lab", row.get("location"));
    assertEquals(lab, row.get("lab"));
    assertEquals("usage-group", row.get("group"));
    assertEquals("usage-bob", row.get("owner"));
    assertEquals("usage-ann", row.get("biggest_user"));
    assertEquals(3L, row.get("bookings"));
    assertEquals(19L * 86_400, row.get("booked_seconds"));
    assertEquals(null, hosts.get(1).get("biggest_user"));

    Map<String, Object> model = rows(report, "hardware", "hardware", "usage-model").get(0);
    assertEquals(hardware, model.get("hardware_id"));
    assertEquals(2L, model.get("hosts"));
    assertEquals(new BigDecimal("0.1056"), model.get("share")); // (0.2111 + 0) / 2
    assertEquals(19L * 86_400, model.get("booked_seconds"));
    Map<String, Object> place = rows(report, "labs", "location", "usage-lab").get(0);
    assertEquals(2L, place.get("hosts"));
    assertEquals(new BigDecimal("0.1056"), place.get("share"));

    // every booking counts for its user, also those of reserved hosts
    Map<String, Object> annRow = rows(report, "users", "username", "usage-ann").get(0);
    assertEquals(ann, annRow.get("user"));
    assertEquals(3L, annRow.get("bookings"));
    assertEquals(14L * 86_400, annRow.get("booked_seconds"));
    assertEquals(
        15L * 86_400, rows(report, "users", "username", "usage-bob").get(0).get("booked_seconds"));
    assertEquals(
        List.of("hosts", "hardware", "labs", "users"),
        report.tables().stream().map(Report.Table::name).toList());
  }

  @Test
  void usageIsOneStatement() {
    // warm up: EclipseLink's first transaction reads server settings
    usage();
    int before = db.statements.get();
    usage();
    // the report itself (the transaction begins READ ONLY with it: no statement of its own)
    assertEquals(1, db.statements.get() - before);
  }

  @Test
  void assetsListEveryHostThenEveryCardWithTheirNumbersInOneStatement() throws SQLException {
    long host = fixture.host("asset-host", "active");
    db.execute(
        "UPDATE inventory_host SET serial_no = 'SN-1', asset_no = '=A-1',"
            + " lastseen = '2026-11-20T10:00:00Z' WHERE id = "
            + host,
        "INSERT INTO inventory_nic (mac, host_id) VALUES ('00:a0:00:00:00:01', " + host + ")",
        "INSERT INTO inventory_nic (mac, host_id, \"primary\") VALUES ('00:a0:00:00:00:02', "
            + host
            + ", true)",
        "INSERT INTO inventory_cardtype (name) VALUES ('asset-card-type')");
    long type = db.number("SELECT id FROM inventory_cardtype WHERE name = 'asset-card-type'");
    db.execute(
        "INSERT INTO inventory_card (cardtype_id, details, asset_no, host_id) VALUES ("
            + type
            + ", 'port 1', 'C-7', "
            + host
            + ")",
        "INSERT INTO inventory_card (cardtype_id, asset_no) VALUES (" + type + ", 'C-8')");
    tx.readOnly(em -> reports.assets(Sql.of(em)));
    int before = db.statements.get();
    Report report = tx.readOnly(em -> reports.assets(Sql.of(em)));
    assertEquals(1, db.statements.get() - before);
    Map<String, Object> hostRow = rows(report, "hosts", "hostname", "asset-").get(0);
    assertEquals(report.main().columns(), List.copyOf(hostRow.keySet()));
    assertEquals("SN-1", hostRow.get("serial_no"));
    assertEquals("=A-1", hostRow.get("asset_no"));
    assertEquals("[tcpreplay] R640", hostRow.get("hardware"));
    assertEquals("00:a0:00:00:00:02", hostRow.get("mac"));
    assertEquals(Instant.parse("2026-11-20T10:00:00Z"), hostRow.get("lastseen"));
    assertEquals("0 in B1/lab1", hostRow.get("rack"));
    assertEquals("active", hostRow.get("status"));
    List<Map<String, Object>> cards =
        report.table("cards").orElseThrow().rows().stream()
            .filter(r -> "asset-card-type".equals(r.get("cardtype")))
            .toList();
    assertEquals(2, cards.size(), cards.toString());
    assertEquals(
        Map.of(
            "id",
            cards.get(0).get("id"),
            "cardtype",
            "asset-card-type",
            "details",
            "port 1",
            "asset_no",
            "C-7",
            "host",
            host,
            "hostname",
            "asset-host"),
        cards.get(0));
    assertEquals(null, cards.get(1).get("host"));
    assertEquals(null, cards.get(1).get("hostname"));
  }

  @Test
  void longReservationsAreTheOpenOnesOpenAtLeastTheDaysAskedLongestFirst() throws SQLException {
    long holder = db.user("long-holder", false, Set.of()).id();
    long newer = fixture.bookable("res-newer", "active");
    long older = fixture.bookable("res-older", "active");
    long ended = fixture.bookable("res-ended", "active");
    long future = fixture.bookable("res-future", "active");
    reservation(newer, holder, 10.5, "NULL");
    reservation(older, holder, 200, daysAgo(-5));
    reservation(ended, holder, 300, daysAgo(1));
    reservation(future, holder, -2, "NULL");
    List<Map<String, Object>> rows = longReservations(0);
    assertEquals(
        List.of("res-older", "res-newer"), rows.stream().map(r -> r.get("hostname")).toList());
    assertEquals(200L, rows.get(0).get("days_open"));
    assertEquals(10L, rows.get(1).get("days_open"));
    assertEquals("long-holder", rows.get(1).get("username"));
    assertEquals(NOW.minus(Duration.ofHours(252)), rows.get(1).get("start"));
    assertEquals("[tcpreplay] R640", rows.get(1).get("hardware"));
    assertEquals("B1/lab1", rows.get(1).get("location"));
    // the holder's other reservations that have not ended: the other open one and the future one
    assertEquals(2L, rows.get(1).get("others"));
    // the original's threshold: six months
    assertEquals(
        List.of("res-older"),
        longReservations(Reports.LONG_RESERVATION_DAYS).stream()
            .map(r -> r.get("hostname"))
            .toList());
  }

  private List<Map<String, Object>> longReservations(int days) {
    Report report = tx.readOnly(em -> reports.longReservations(Sql.of(em), NOW, days));
    assertEquals(days, report.parameters().get("days"));
    return report.main().rows().stream()
        .filter(r -> ((String) r.get("hostname")).startsWith("res-"))
        .toList();
  }
}
