package cores.domain.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.reports.CsvFile;
import cores.api.reports.Report;
import cores.api.web.ProblemException;
import cores.domain.DomainDatabase;
import cores.domain.Fixture;
import cores.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The report desk of the pages: the API's reports, parameter rules and CSV, on a real database. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportDeskServiceTest {
  private static final Instant NOW = Instant.parse("2026-11-25T23:30:00Z");
  private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

  private DomainDatabase db;
  private TestDatabase.Tx tx;
  private ReportDeskService desk;
  private long bookable;

  @BeforeAll
  void setUp() throws Exception {
    db = new DomainDatabase();
    tx = db.transactions();
    Fixture fixture = new Fixture(db);
    desk = new ReportDeskService(tx, ZONE, Clock.fixed(NOW, ZONE));
    long holder = db.user("holder", false, Set.of()).id();
    bookable = fixture.bookable("desk-report", "active");
    fixture.booking(
        bookable, holder, NOW.minus(Duration.ofDays(10)), NOW.minus(Duration.ofDays(8)));
    db.execute(
        "INSERT INTO booking_reservation (bookable_id, owner_id, start_time) VALUES ("
            + fixture.bookable("desk-reserved", "active")
            + ", "
            + holder
            + ", '"
            + NOW.minus(Duration.ofDays(200))
            + "')",
        "INSERT INTO inventory_cardtype (name) VALUES ('=cmd')",
        "INSERT INTO inventory_card (cardtype_id, details) SELECT id, 'a, b' FROM inventory_cardtype");
  }

  @AfterAll
  void tearDown() throws Exception {
    tx.close();
    db.close();
  }

  @Test
  void theUsageReportCoversThePeriodAskedFor() {
    Report last30 = desk.usage(30, null, null);
    assertEquals(NOW.minus(Duration.ofDays(30)), last30.parameters().get("from"));
    Map<String, Object> row =
        last30.tables().get(0).rows().stream()
            .filter(r -> r.get("bookable").equals(bookable))
            .findFirst()
            .orElseThrow();
    assertEquals(2L * 86_400, row.get("booked_seconds"));
    assertEquals(
        List.of("hosts", "hardware", "labs", "users"),
        last30.tables().stream().map(Report.Table::name).toList());

    Report november = desk.usage(null, LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 14));
    assertEquals(Instant.parse("2026-10-31T23:00:00Z"), november.parameters().get("from"));
    ProblemException bad =
        assertThrows(
            ProblemException.class,
            () -> desk.usage(null, LocalDate.of(2026, 11, 14), LocalDate.of(2026, 11, 1)));
    assertEquals(List.of("must not be before from"), bad.errors().get("to"));
  }

  @Test
  void longReservationsTakeTheThreshold() {
    assertEquals(1, desk.longReservations(null).tables().get(0).rows().size());
    assertEquals(0, desk.longReservations(365).tables().get(0).rows().size());
    assertEquals(
        400, assertThrows(ProblemException.class, () -> desk.longReservations(-1)).status());
  }

  @Test
  void aTableIsDownloadedAsCsvNamedAfterTheReportTheTableAndTheDayInTheZone() {
    Report assets = desk.assets();
    CsvFile hosts = desk.csv(assets, null);
    // 23:30 UTC is already the next day in Berlin
    assertEquals("cores-assets-2026-11-26.csv", hosts.fileName());
    assertTrue(hosts.text().startsWith("id,hostname,hardware,mac,lastseen,rack,"), hosts.text());
    assertTrue(hosts.text().contains(",desk-report,"), hosts.text());
    CsvFile cards = desk.csv(assets, "cards");
    assertEquals("cores-assets-cards-2026-11-26.csv", cards.fileName());
    assertTrue(cards.text().contains(",'=cmd,\"a, b\","), cards.text());
    ProblemException noTable =
        assertThrows(ProblemException.class, () -> desk.csv(assets, "racks"));
    assertEquals(List.of("one of [results, cards]"), noTable.errors().get("table"));
  }
}
