package cores.domain.booking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import cores.api.web.ProblemException;
import cores.domain.DomainDatabase;
import cores.domain.Fixture;
import cores.domain.sql.Sql;
import cores.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.function.Executable;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BookableSearchTest {
  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private static final Instant LATE_EVENING = Instant.parse("2030-01-01T20:00:00Z");

  private final SearchCache search = new SearchCache(new BookableSearch(ZoneOffset.UTC));
  private DomainDatabase db;
  private TestDatabase.Tx tx;
  private long me;
  private long otherLab;
  private long otherHardware;
  private Fixture fixture;

  @BeforeAll
  void setUp() throws Exception {
    db = new DomainDatabase();
    tx = db.transactions();
    fixture = new Fixture(db);
    me = db.user("me", false, java.util.Set.of()).id();
    long other = db.user("other", false, java.util.Set.of()).id();
    long group = db.number("INSERT INTO auth_group (name) VALUES ('mine') RETURNING id");
    db.execute(
        "INSERT INTO auth_user_groups (user_id, group_id) VALUES (" + me + ", " + group + ")");
    otherLab =
        db.number(
            "INSERT INTO inventory_lab (name, network) VALUES ('lab2', '10.9.0.0/16') RETURNING id");
    long otherRack =
        db.number(
            "INSERT INTO inventory_rack (number, lab_id) VALUES (1, "
                + otherLab
                + ") RETURNING id");
    otherHardware =
        db.number("INSERT INTO inventory_hosthardware (name) VALUES ('other-hw') RETURNING id");
    // 60 active bookables in lab1 (host-00 .. host-59), 20 of them booked now, 10 reserved now
    for (int i = 0; i < 60; i++) {
      long bookable = fixture.bookable(String.format("host-%02d", i), "active");
      db.execute(
          "UPDATE inventory_host SET ip = '10.1.0."
              + (100 - i)
              + "', owner_id = "
              + (i % 2 == 0 ? me : other)
              + (i % 3 == 0 ? ", group_id = " + group : "")
              + " WHERE id = (SELECT host_id FROM booking_bookable WHERE id = "
              + bookable
              + ")",
          "INSERT INTO inventory_cardtype (name) VALUES ('card" + i + "')",
          "INSERT INTO inventory_card (cardtype_id, host_id) SELECT ct.id, b.host_id FROM"
              + " inventory_cardtype ct, booking_bookable b WHERE ct.name = 'card"
              + i
              + "' AND b.id = "
              + bookable);
      if (i < 20) {
        fixture.booking(
            bookable, other, NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofHours(1)));
      }
      if (i >= 20 && i < 30) {
        db.execute(
            "INSERT INTO booking_reservation (bookable_id, owner_id, start_time) VALUES ("
                + bookable
                + ", "
                + other
                + ", '"
                + NOW.minus(Duration.ofDays(1))
                + "')");
      }
      // bookings in the past and future do not make a bookable busy now
      fixture.booking(bookable, other, NOW.plus(Duration.ofDays(2)), NOW.plus(Duration.ofDays(3)));
    }
    long elsewhere = fixture.bookable("elsewhere", "suspended");
    // ends on 1 January in UTC, on 2 January in Tokyo
    fixture.booking(elsewhere, other, LATE_EVENING.minus(Duration.ofHours(10)), LATE_EVENING);
    db.execute(
        "UPDATE inventory_host SET rack_id = "
            + otherRack
            + ", hardware_id = "
            + otherHardware
            + " WHERE id = (SELECT host_id FROM booking_bookable WHERE id = "
            + elsewhere
            + ")");
  }

  @AfterAll
  void tearDown() throws Exception {
    tx.close();
    db.close();
  }

  private BookableSearch.Result find(Map<String, String> query, int limit, int offset) {
    BookableSearch.Filters filters = BookableSearch.Filters.of(query, me);
    return tx.readOnly(em -> search.search(Sql.of(em), filters, NOW, limit, offset));
  }

  private static List<Object> names(BookableSearch.Result result) {
    return result.rows().stream().map(r -> r.get("hostname")).toList();
  }

  @Test
  void everyFilterCombinedIsOneStatementPerPage() {
    // warm up: EclipseLink's first transaction reads server settings, the search its rows
    find(Map.of(), 1, 0);
    int before = db.statements.get();
    BookableSearch.Result page =
        find(
            Map.of(
                "active",
                "1",
                "free",
                "1",
                "nores",
                "1",
                "mine",
                "1",
                "lab",
                "1,2,3",
                "building",
                "1",
                "hw",
                "1",
                "htype",
                "1",
                "ordering",
                "-hostname"),
            50,
            0);
    // the check of the rows kept (the transaction begins READ ONLY with it)
    assertEquals(1, db.statements.get() - before);
    assertEquals(15, page.count()); // even i in 30..59
    assertEquals("host-58", page.rows().get(0).get("hostname"));
  }

  @Test
  void freeMeansNotBookedNowAndNoresNotReservedNow() {
    assertEquals(61, find(Map.of(), 50, 0).count());
    assertEquals(41, find(Map.of("free", "1"), 50, 0).count());
    assertEquals(51, find(Map.of("nores", "1"), 50, 0).count());
    assertEquals(30, find(Map.of("free", "1", "nores", "1", "active", "1"), 50, 0).count());
    Map<String, Object> booked = find(Map.of("active", "1"), 1, 0).rows().get(0);
    assertEquals("host-00", booked.get("hostname"));
    assertEquals(
        true, String.valueOf(booked.get("booked")).startsWith("Booked until "), booked.toString());
    assertEquals(false, booked.get("reserved"));
    assertEquals(true, find(Map.of("active", "1"), 1, 20).rows().get(0).get("reserved"));
  }

  @Test
  void rowsHaveTheOriginalsComputedFieldsAndCoresDataBesideThem() {
    Map<String, Object> row = find(Map.of("active", "1"), 1, 0).rows().get(0);
    assertEquals("host-00", row.get("hostname"));
    // the original's: cards as {id, cardtype__name, details}, hardware as "[type] model", rack as
    // "<number> in <building>/<lab>", booked as "Booked until dd/mm/yy by <username>"
    List<?> cards = (List<?>) row.get("cards");
    assertEquals(1, cards.size());
    Map<?, ?> card = (Map<?, ?>) cards.get(0);
    assertEquals(List.of("id", "cardtype__name", "details"), List.copyOf(card.keySet()));
    assertEquals("card0", card.get("cardtype__name"));
    assertEquals("", card.get("details"));
    assertEquals("[tcpreplay] R640", row.get("hardware"));
    assertEquals("0 in B1/lab1", row.get("rack"));
    Instant end = (Instant) row.get("booked_until");
    assertEquals(NOW.plus(Duration.ofHours(1)), end);
    assertEquals(
        "Booked until "
            + java.time.format.DateTimeFormatter.ofPattern("dd/MM/yy")
                .format(end.atZone(ZoneOffset.UTC))
            + " by other",
        row.get("booked"));
    assertEquals("other", row.get("booked_by"));
    // Cores' own beside them
    assertEquals(fixture.hardware, row.get("hardware_id"));
    assertEquals("R640", row.get("hardware_name"));
    assertEquals(fixture.rack, row.get("rack_id"));
    assertEquals(0L, row.get("rack_number"));
    assertEquals(fixture.lab, row.get("lab"));
    assertEquals("lab1", row.get("lab_name"));
    assertEquals(fixture.building, row.get("building"));
    assertEquals("B1", row.get("building_code"));
    // without a host type, building or rack: the model alone, the lab alone, none
    Map<String, Object> elsewhere =
        find(Map.of("lab", String.valueOf(otherLab)), 1, 0).rows().get(0);
    assertEquals("other-hw", elsewhere.get("hardware"));
    assertEquals("1 in lab2", elsewhere.get("rack"));
    assertEquals(List.of(), elsewhere.get("cards"));
    assertEquals(false, elsewhere.get("booked"));
  }

  @Test
  void theBookedDayIsCountedInTheConfiguredZone() {
    Instant during = LATE_EVENING.minus(Duration.ofHours(1));
    BookableSearch.Filters filters =
        BookableSearch.Filters.of(Map.of("lab", String.valueOf(otherLab)), me);
    Map<String, Object> utc =
        tx.readOnly(em -> search.search(Sql.of(em), filters, during, 1, 0)).rows().get(0);
    assertEquals("Booked until 01/01/30 by other", utc.get("booked"));
    SearchCache tokyo = new SearchCache(new BookableSearch(java.time.ZoneId.of("Asia/Tokyo")));
    Map<String, Object> there =
        tx.readOnly(em -> tokyo.search(Sql.of(em), filters, during, 1, 0)).rows().get(0);
    assertEquals("Booked until 02/01/30 by other", there.get("booked"));
    assertEquals(LATE_EVENING, there.get("booked_until"));
  }

  @Test
  void mineMygroupLabHardwareAndTypeFilter() {
    assertEquals(30, find(Map.of("mine", "1"), 50, 0).count());
    assertEquals(20, find(Map.of("mygroup", "1"), 50, 0).count());
    assertEquals(List.of("elsewhere"), names(find(Map.of("lab", String.valueOf(otherLab)), 50, 0)));
    assertEquals(
        List.of("elsewhere"), names(find(Map.of("hw", String.valueOf(otherHardware)), 50, 0)));
    assertEquals(60, find(Map.of("active", "1"), 50, 0).count());
  }

  @Test
  void buildingAndHostTypeFilterThroughRackAndHardware() {
    // "elsewhere" is in a lab without building and has hardware without host type
    assertEquals(60, find(Map.of("building", String.valueOf(fixture.building)), 50, 0).count());
    assertEquals(60, find(Map.of("htype", String.valueOf(fixture.hostType)), 50, 0).count());
    assertEquals(0, find(Map.of("building", "999999"), 50, 0).count());
    assertEquals(
        List.of("elsewhere"), names(find(Map.of("lab", otherLab + "," + fixture.lab), 1, 0)));
  }

  @Test
  void pagesAndIpOrdering() {
    BookableSearch.Result second = find(Map.of("ipsort", "1"), 50, 50);
    assertEquals(61, second.count());
    assertEquals(11, second.rows().size());
    // ip descends as the number rises: host-59 has the lowest ip; the host without ip comes last
    assertEquals("host-59", names(find(Map.of("ipsort", "1"), 1, 0)).get(0));
    assertEquals(61, find(Map.of(), 10, 500).count());
  }

  @Test
  void aPagePastTheEndAndAnEmptySearchCountInTheOneStatementToo() {
    find(Map.of(), 1, 0);
    int before = db.statements.get();
    BookableSearch.Result past = find(Map.of("active", "1"), 50, 500);
    assertEquals(1, db.statements.get() - before);
    assertEquals(List.of(), past.rows());
    assertEquals(find(Map.of("active", "1"), 50, 0).count(), past.count());
    BookableSearch.Result none = find(Map.of("hw", "999999"), 50, 0);
    assertEquals(0, none.count());
    assertEquals(List.of(), none.rows());
  }

  @Test
  void oneBookableHasTheListsRowShape() {
    Map<String, Object> first = find(Map.of("active", "1"), 1, 0).rows().get(0);
    Map<String, Object> one =
        tx.readOnly(em -> search.one(Sql.of(em), (Long) first.get("id"), NOW));
    assertEquals(first, one);
    Map<String, Object> none = tx.readOnly(em -> search.one(Sql.of(em), 999_999, NOW));
    assertEquals(null, none);
  }

  @Test
  void theOriginalsOrderingByHostnameIsTakenBothWays() {
    assertEquals(
        names(find(Map.of("ordering", "hostname"), 5, 0)),
        names(find(Map.of("ordering", "host__hostname"), 5, 0)));
    assertEquals(
        names(find(Map.of("ordering", "-hostname"), 5, 0)),
        names(find(Map.of("ordering", "-host__hostname"), 5, 0)));
    assertNotEquals(
        names(find(Map.of("ordering", "hostname"), 5, 0)),
        names(find(Map.of("ordering", "-host__hostname"), 5, 0)));
  }

  @Test
  void badFilterValuesNameTheParameter() {
    Executable bad = () -> BookableSearch.Filters.of(Map.of("lab", "1,x", "free", "maybe"), null);
    ProblemException e = org.junit.jupiter.api.Assertions.assertThrows(ProblemException.class, bad);
    assertEquals(2, e.errors().size(), e.errors().toString());
  }
}
