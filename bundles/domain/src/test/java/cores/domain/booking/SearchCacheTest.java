package cores.domain.booking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.domain.DomainDatabase;
import cores.domain.Fixture;
import cores.domain.sql.Sql;
import cores.testing.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The bookable search's cache serves a page again only while it is what the search would say. */
class SearchCacheTest {
  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private static final Map<String, String> FREE = Map.of("active", "1", "free", "1");

  private final SearchCache cache = new SearchCache(new BookableSearch(ZoneOffset.UTC));
  private DomainDatabase db;
  private TestDatabase.Tx tx;
  private Fixture fixture;
  private long owner;
  private final long[] bookables = new long[3];

  @BeforeEach
  void setUp() throws Exception {
    db = new DomainDatabase();
    tx = db.transactions();
    fixture = new Fixture(db);
    owner = db.user("ann", false, Set.of()).id();
    for (int i = 0; i < bookables.length; i++) {
      bookables[i] = fixture.bookable("host-" + i, "active");
    }
  }

  @AfterEach
  void tearDown() throws Exception {
    tx.close();
    db.close();
  }

  private BookableSearch.Result find(Map<String, String> query, Instant now) {
    BookableSearch.Filters filters = BookableSearch.Filters.of(query, owner);
    return tx.readOnly(em -> cache.search(Sql.of(em), filters, now, 50, 0));
  }

  private List<Object> hostnames(BookableSearch.Result result) {
    return result.rows().stream().map(row -> row.get("hostname")).toList();
  }

  private void booking(long bookable, Instant start, Instant end) throws Exception {
    fixture.booking(bookable, owner, start, end);
  }

  /** The statements of a search at {@code now}. */
  private int statements(Map<String, String> query, Instant now) {
    int before = db.statements.get();
    find(query, now);
    return db.statements.get() - before;
  }

  @Test
  void anUnchangedSearchIsAnsweredAfterOneSmallStatement() {
    find(
        Map.of(), NOW); // EclipseLink's first transaction reads server settings, the cache its rows
    // the check (BEGIN READ ONLY goes with it): the rows and holdings kept are used
    assertEquals(1, statements(FREE, NOW.plusSeconds(1)));
    assertEquals(1, statements(Map.of("ordering", "-ip", "nores", "1"), NOW.plusSeconds(2)));
    assertEquals(List.of("host-0", "host-1", "host-2"), hostnames(find(FREE, NOW.plusSeconds(3))));
  }

  @Test
  void aPageAskedAgainIsKeptWithTheRowsAndGoesWithThem() throws Exception {
    BookableSearch.Result first = find(FREE, NOW);
    assertSame(first.rows(), find(FREE, NOW.plusSeconds(1)).rows());
    db.execute("UPDATE booking_bookable SET comment = 'changed' WHERE id = " + bookables[2]);
    BookableSearch.Result changed = find(FREE, NOW.plusSeconds(2));
    assertNotSame(first.rows(), changed.rows());
    assertEquals("changed", changed.rows().get(2).get("comment"));
  }

  @Test
  void aCommittedBookingIsSeenByTheNextSearch() throws Exception {
    assertEquals(3, find(FREE, NOW).count());
    booking(bookables[1], NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofHours(1)));
    BookableSearch.Result after = find(FREE, NOW);
    assertEquals(List.of("host-0", "host-2"), hostnames(after));
  }

  @Test
  void aChangeNotYetCommittedNeitherShowsNorEmptiesTheRowsUntilItCommits() throws Exception {
    find(FREE, NOW);
    try (Connection writer = db.connect();
        Statement statement = writer.createStatement()) {
      writer.setAutoCommit(false);
      statement.execute(
          "UPDATE booking_bookable SET status = 'suspended' WHERE id = " + bookables[0]);
      assertEquals(1, statements(FREE, NOW));
      assertEquals(List.of("host-0", "host-1", "host-2"), hostnames(find(FREE, NOW)));
      writer.commit();
    }
    assertEquals(List.of("host-1", "host-2"), hostnames(find(FREE, NOW)));
  }

  @Test
  void anotherInstancesWriteShowsOnTheNextSearch() throws Exception {
    // two instances: two caches on one database, each with its rows kept
    SearchCache other = new SearchCache(new BookableSearch(ZoneOffset.UTC));
    BookableSearch.Filters all = BookableSearch.Filters.of(Map.of(), owner);
    tx.readOnly(em -> other.search(Sql.of(em), all, NOW, 50, 0));
    find(Map.of(), NOW);
    // the other instance's writes: through its own connection, as its REST API would
    db.execute(
        "UPDATE inventory_host SET hostname = 'renamed' WHERE id = (SELECT host_id FROM"
            + " booking_bookable WHERE id = "
            + bookables[1]
            + ")",
        "UPDATE inventory_building SET code = 'B9'",
        "UPDATE inventory_hosttype SET name = 'retyped'");
    Map<String, Object> row = find(Map.of(), NOW).rows().get(2);
    assertEquals("renamed", row.get("hostname"));
    assertEquals("0 in B9/lab1", row.get("rack"));
    assertEquals("[retyped] R640", row.get("hardware"));
    assertEquals(
        List.of("host-0", "host-2", "renamed"),
        hostnames(tx.readOnly(em -> other.search(Sql.of(em), all, NOW, 50, 0))));
  }

  private static final Map<String, String> BY_NAME_DOWN = Map.of("ordering", "-hostname");

  /** The host of a bookable, by its id (the fixture's hosts are one a bookable). */
  private String host(long bookable) {
    return "(SELECT host_id FROM booking_bookable WHERE id = " + bookable + ")";
  }

  @Test
  void aRenamedHostMovesInTheNameOrderWhileTheRowsUnchangedAreKept() throws Exception {
    BookableSearch.Result before = find(Map.of(), NOW);
    db.execute("UPDATE inventory_host SET hostname = 'a-first' WHERE id = " + host(bookables[2]));
    // the check, and the rows changed with every bookable's places (one statement)
    assertEquals(2, statements(Map.of(), NOW));
    BookableSearch.Result after = find(Map.of(), NOW);
    assertEquals(List.of("a-first", "host-0", "host-1"), hostnames(after));
    assertEquals(List.of("host-1", "host-0", "a-first"), hostnames(find(BY_NAME_DOWN, NOW)));
    // the others' rows were kept, not read again
    assertSame(before.rows().get(0).get("hostname"), after.rows().get(1).get("hostname"));
    assertSame(before.rows().get(1).get("hostname"), after.rows().get(2).get("hostname"));
  }

  @Test
  void aHostsNewIpMovesInTheIpOrder() throws Exception {
    db.execute(
        "UPDATE inventory_host SET ip = ('10.0.0.' || id)::inet",
        "UPDATE inventory_host SET ip = NULL WHERE id = " + host(bookables[0]));
    Map<String, String> byIp = Map.of("ordering", "ip");
    assertEquals(List.of("host-1", "host-2", "host-0"), hostnames(find(byIp, NOW)));
    db.execute("UPDATE inventory_host SET ip = '10.0.0.0' WHERE id = " + host(bookables[0]));
    assertEquals(List.of("host-0", "host-1", "host-2"), hostnames(find(byIp, NOW)));
    assertEquals("10.0.0.0", find(byIp, NOW).rows().get(0).get("ip"));
  }

  @Test
  void aBookableMadeInactiveLeavesTheActiveResults() throws Exception {
    Map<String, String> active = Map.of("active", "1");
    assertEquals(3, find(active, NOW).count());
    db.execute("UPDATE booking_bookable SET status = 'inactive' WHERE id = " + bookables[1]);
    assertEquals(List.of("host-0", "host-2"), hostnames(find(active, NOW)));
    assertEquals("inactive", find(Map.of(), NOW).rows().get(1).get("status"));
  }

  @Test
  void aNewBookableAppearsInItsPlaceAndADeletedOneLeaves() throws Exception {
    find(Map.of(), NOW);
    long added = fixture.bookable("host-10", "active");
    assertEquals(List.of("host-0", "host-1", "host-10", "host-2"), hostnames(find(Map.of(), NOW)));
    assertEquals(
        List.of("host-2", "host-10", "host-1", "host-0"), hostnames(find(BY_NAME_DOWN, NOW)));
    db.execute("DELETE FROM inventory_host WHERE id = " + host(bookables[1]));
    assertEquals(List.of("host-0", "host-10", "host-2"), hostnames(find(Map.of(), NOW)));
    db.execute("DELETE FROM booking_bookable WHERE id = " + added);
    assertEquals(List.of("host-0", "host-2"), hostnames(find(Map.of(), NOW)));
  }

  @Test
  void aHostsCardsAndRackAreReadAgainWithItsRow() throws Exception {
    find(Map.of(), NOW);
    long type = db.number("INSERT INTO inventory_cardtype (name) VALUES ('nic') RETURNING id");
    db.execute(
        "INSERT INTO inventory_card (cardtype_id, details, host_id) VALUES ("
            + type
            + ", 'dual port', "
            + host(bookables[0])
            + ")");
    // a new card type: read whole
    assertEquals(
        List.of(Map.of("id", cardId(), "cardtype__name", "nic", "details", "dual port")),
        find(Map.of(), NOW).rows().get(0).get("cards"));
    db.execute("UPDATE inventory_card SET host_id = " + host(bookables[1]));
    List<Map<String, Object>> rows = find(Map.of(), NOW).rows();
    assertEquals(List.of(), rows.get(0).get("cards"));
    assertEquals(1, ((List<?>) rows.get(1).get("cards")).size());
    db.execute("UPDATE inventory_host SET rack_id = NULL WHERE id = " + host(bookables[2]));
    assertEquals(null, find(Map.of(), NOW).rows().get(2).get("rack"));
  }

  @Test
  void theRowsOfAReadKeepOneObjectForEqualValues() {
    List<Map<String, Object>> rows = find(Map.of(), NOW).rows();
    assertEquals("active", rows.get(0).get("status"));
    // the driver reads "active" once a row: kept once, the rows are memory held for hours
    assertSame(rows.get(0).get("status"), rows.get(1).get("status"));
    assertSame(rows.get(1).get("status"), rows.get(2).get("status"));
  }

  private long cardId() throws Exception {
    return db.number("SELECT id FROM inventory_card");
  }

  @Test
  void twoInstancesFollowTheSameWritesRowByRow() throws Exception {
    SearchCache other = new SearchCache(new BookableSearch(ZoneOffset.UTC));
    BookableSearch.Filters active = BookableSearch.Filters.of(Map.of("active", "1"), owner);
    tx.readOnly(em -> other.search(Sql.of(em), active, NOW, 50, 0));
    find(Map.of("active", "1"), NOW);
    db.execute(
        "UPDATE inventory_host SET hostname = 'zz' WHERE id = " + host(bookables[0]),
        "UPDATE booking_bookable SET status = 'inactive' WHERE id = " + bookables[1]);
    // one instance reads the change, writes follow, then the other reads both at once
    assertEquals(List.of("host-2", "zz"), hostnames(find(Map.of("active", "1"), NOW)));
    db.execute("UPDATE inventory_host SET hostname = 'a' WHERE id = " + host(bookables[2]));
    List<Object> expected = List.of("a", "zz");
    assertEquals(expected, hostnames(find(Map.of("active", "1"), NOW)));
    assertEquals(
        expected, hostnames(tx.readOnly(em -> other.search(Sql.of(em), active, NOW, 50, 0))));
  }

  @Test
  void aRenamedBuildingIsReadWhole() throws Exception {
    find(Map.of(), NOW);
    db.execute("UPDATE inventory_building SET code = 'B9'");
    // the check, the rows changed (none: a building's change is not followed row by row), all rows
    assertEquals(3, statements(Map.of(), NOW));
    assertEquals("0 in B9/lab1", find(Map.of(), NOW).rows().get(0).get("rack"));
  }

  @Test
  void aBookingStartingFlipsFreeToBookedOnTime() throws Exception {
    Instant start = NOW.plus(Duration.ofHours(1));
    booking(bookables[2], start, start.plus(Duration.ofHours(1)));
    assertEquals(List.of("host-0", "host-1", "host-2"), hostnames(find(FREE, NOW)));
    // nothing starts or ends before: the holdings kept are used
    assertEquals(1, statements(FREE, start.minusNanos(1000)));
    assertEquals(
        List.of("host-0", "host-1", "host-2"), hostnames(find(FREE, start.minusNanos(1000))));
    assertEquals(List.of("host-0", "host-1"), hostnames(find(FREE, start)));
    // times finer than PostgreSQL's microseconds count as their microsecond, as in the database
    assertEquals(List.of("host-0", "host-1", "host-2"), hostnames(find(FREE, start.minusNanos(1))));
    assertEquals(List.of("host-0", "host-1"), hostnames(find(FREE, start.plusNanos(500))));
    Map<String, Object> booked = find(Map.of(), start).rows().get(2);
    assertEquals(start.plus(Duration.ofHours(1)), booked.get("booked_until"));
    assertEquals("ann", booked.get("booked_by"));
  }

  @Test
  void aBookingEndingFlipsBookedToFreeOnTime() throws Exception {
    Instant end = NOW.plus(Duration.ofMinutes(10));
    booking(bookables[0], NOW.minus(Duration.ofHours(1)), end);
    assertEquals(List.of("host-1", "host-2"), hostnames(find(FREE, NOW)));
    assertEquals(List.of("host-1", "host-2"), hostnames(find(FREE, end.minusNanos(1000))));
    assertEquals(List.of("host-0", "host-1", "host-2"), hostnames(find(FREE, end)));
    // and back, for a request whose time is earlier than the last one's
    assertEquals(List.of("host-1", "host-2"), hostnames(find(FREE, NOW)));
  }

  @Test
  void aReservationStartingAndAnOpenOneHold() throws Exception {
    Map<String, String> unreserved = Map.of("nores", "1");
    Instant start = NOW.plus(Duration.ofHours(2));
    db.execute(
        "INSERT INTO booking_reservation (bookable_id, owner_id, start_time) VALUES ("
            + bookables[1]
            + ", "
            + owner
            + ", '"
            + start
            + "')");
    assertEquals(3, find(unreserved, NOW).count());
    assertEquals(List.of("host-0", "host-2"), hostnames(find(unreserved, start)));
    assertEquals(
        true, find(Map.of(), start.plus(Duration.ofDays(400))).rows().get(1).get("reserved"));
  }

  @Test
  void aRenamedOwnerOfABookingShownIsShownWithTheNewName() throws Exception {
    booking(bookables[0], NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofHours(5)));
    Map<String, Object> row = find(Map.of(), NOW).rows().get(0);
    assertEquals("ann", row.get("booked_by"));
    assertTrue(((String) row.get("booked")).endsWith(" by ann"), row.toString());
    db.execute("UPDATE auth_user SET username = 'anne' WHERE id = " + owner);
    row = find(Map.of(), NOW).rows().get(0);
    assertEquals("anne", row.get("booked_by"));
    assertTrue(((String) row.get("booked")).endsWith(" by anne"), row.toString());
  }

  @Test
  void changesOfColumnsTheSearchDoesNotReadKeepTheRows() throws Exception {
    booking(bookables[0], NOW.plus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(2)));
    find(FREE, NOW);
    db.execute(
        "UPDATE booking_booking SET start_reminder_sent = true",
        "UPDATE inventory_host SET lastseen = now()",
        "UPDATE auth_user SET last_login = now()");
    assertEquals(1, statements(FREE, NOW));
  }

  @Test
  void theRowsAreReadAgainAfterAnHourWhateverTheChecksSay() {
    find(FREE, NOW);
    assertEquals(1, statements(FREE, NOW.plus(SearchCache.MAX_AGE).minusMillis(1)));
    // the rows, the holdings (BEGIN READ ONLY goes with the first)
    assertEquals(2, statements(FREE, NOW.plus(SearchCache.MAX_AGE)));
  }

  @Test
  void theSearchesOfOneUserAreNotKept() throws Exception {
    long group = db.number("INSERT INTO auth_group (name) VALUES ('team') RETURNING id");
    db.execute("UPDATE inventory_host SET group_id = " + group);
    Map<String, String> mygroup = Map.of("mygroup", "1");
    assertEquals(0, find(mygroup, NOW).count());
    // the user's groups, the check (BEGIN READ ONLY goes with the first)
    assertEquals(2, statements(mygroup, NOW));
    // group membership is the accounts bundle's: no trigger of the domain's tells the cache
    db.execute(
        "INSERT INTO auth_user_groups (user_id, group_id) VALUES (" + owner + ", " + group + ")");
    assertEquals(3, find(mygroup, NOW).count());
  }
}
