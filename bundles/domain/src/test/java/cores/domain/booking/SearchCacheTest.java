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

  @Test
  void anUnchangedPageIsServedAgainAfterOneSmallStatement() {
    find(Map.of(), NOW); // EclipseLink's first transaction reads server settings
    int before = db.statements.get();
    BookableSearch.Result first = find(FREE, NOW.plusSeconds(1));
    // the search with the cache's snapshot and next boundary (BEGIN READ ONLY goes with it)
    assertEquals(1, db.statements.get() - before);
    before = db.statements.get();
    BookableSearch.Result again = find(FREE, NOW.plusSeconds(2));
    // the check (BEGIN READ ONLY goes with it)
    assertEquals(1, db.statements.get() - before);
    assertSame(first.rows(), again.rows());
    assertEquals(List.of("host-0", "host-1", "host-2"), hostnames(again));
  }

  @Test
  void aCommittedBookingIsSeenByTheNextSearch() throws Exception {
    assertEquals(3, find(FREE, NOW).count());
    booking(bookables[1], NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofHours(1)));
    BookableSearch.Result after = find(FREE, NOW);
    assertEquals(List.of("host-0", "host-2"), hostnames(after));
  }

  @Test
  void aChangeNotYetCommittedNeitherShowsNorEmptiesThePageUntilItCommits() throws Exception {
    BookableSearch.Result before = find(FREE, NOW);
    try (Connection writer = db.connect();
        Statement statement = writer.createStatement()) {
      writer.setAutoCommit(false);
      statement.execute(
          "UPDATE booking_bookable SET status = 'suspended' WHERE id = " + bookables[0]);
      assertSame(before.rows(), find(FREE, NOW).rows());
      writer.commit();
    }
    assertEquals(List.of("host-1", "host-2"), hostnames(find(FREE, NOW)));
  }

  @Test
  void aPageEndsWhenABookingStarts() throws Exception {
    Instant start = NOW.plus(Duration.ofHours(1));
    booking(bookables[2], start, start.plus(Duration.ofHours(1)));
    BookableSearch.Result page = find(FREE, NOW);
    assertSame(page.rows(), find(FREE, start.minusMillis(1)).rows());
    assertEquals(List.of("host-0", "host-1"), hostnames(find(FREE, start)));
  }

  @Test
  void aPageEndsWhenABookingEnds() throws Exception {
    Instant end = NOW.plus(Duration.ofMinutes(10));
    booking(bookables[0], NOW.minus(Duration.ofHours(1)), end);
    assertEquals(List.of("host-1", "host-2"), hostnames(find(FREE, NOW)));
    assertEquals(List.of("host-0", "host-1", "host-2"), hostnames(find(FREE, end)));
  }

  @Test
  void aPageEndsWhenAReservationStarts() throws Exception {
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
  void changesOfColumnsTheSearchDoesNotReadKeepThePage() throws Exception {
    booking(bookables[0], NOW.plus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(2)));
    BookableSearch.Result page = find(FREE, NOW);
    db.execute(
        "UPDATE booking_booking SET start_reminder_sent = true",
        "UPDATE inventory_host SET lastseen = now()",
        "UPDATE auth_user SET last_login = now()");
    assertSame(page.rows(), find(FREE, NOW).rows());
  }

  @Test
  void aPageIsComputedAgainAfterAnHourWhateverTheChecksSay() {
    BookableSearch.Result page = find(FREE, NOW);
    assertSame(page.rows(), find(FREE, NOW.plus(SearchCache.MAX_AGE).minusMillis(1)).rows());
    assertNotSame(page.rows(), find(FREE, NOW.plus(SearchCache.MAX_AGE)).rows());
  }

  @Test
  void theLeastRecentlyUsedPagesGoWhenTheRowsExceedTheBudget() {
    SearchCache small = new SearchCache(new BookableSearch(ZoneOffset.UTC), 7);
    BookableSearch.Filters byName = BookableSearch.Filters.of(Map.of(), owner);
    BookableSearch.Filters byNameDown =
        BookableSearch.Filters.of(Map.of("ordering", "-hostname"), owner);
    BookableSearch.Filters free = BookableSearch.Filters.of(FREE, owner);
    List<List<Map<String, Object>>> pages =
        tx.readOnly(
            em -> {
              Sql sql = Sql.of(em);
              var first = small.search(sql, byName, NOW, 50, 0).rows();
              var second = small.search(sql, byNameDown, NOW, 50, 0).rows();
              // 6 rows kept; reading the first makes the second the least recently used
              small.search(sql, byName, NOW, 50, 0);
              small.search(sql, free, NOW, 50, 0); // 9 rows: the second goes
              return List.of(
                  first,
                  second,
                  small.search(sql, byName, NOW, 50, 0).rows(),
                  small.search(sql, byNameDown, NOW, 50, 0).rows());
            });
    assertSame(pages.get(0), pages.get(2));
    assertNotSame(pages.get(1), pages.get(3));
  }

  @Test
  void theSearchesOfOneUserAreNotKept() throws Exception {
    long group = db.number("INSERT INTO auth_group (name) VALUES ('team') RETURNING id");
    db.execute("UPDATE inventory_host SET group_id = " + group);
    Map<String, String> mygroup = Map.of("mygroup", "1");
    assertEquals(0, find(mygroup, NOW).count());
    // group membership is the accounts bundle's: no trigger of the domain's tells the cache
    db.execute(
        "INSERT INTO auth_user_groups (user_id, group_id) VALUES (" + owner + ", " + group + ")");
    assertEquals(3, find(mygroup, NOW).count());
  }
}
