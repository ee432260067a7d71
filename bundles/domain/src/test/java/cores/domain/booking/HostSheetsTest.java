package cores.domain.booking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.accounts.User;
import cores.api.booking.HostSheet;
import cores.domain.DomainDatabase;
import cores.domain.Fixture;
import cores.testing.TestDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Host pages' sheets are kept between requests only while they are what reading again would give: a
 * write through another connection (as another Cores instance writes) shows on the next page, the
 * accounts' names and the NICs' lastseen included, and so does the passing of time.
 */
class HostSheetsTest {
  private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

  /**
   * A clock the tests move, from today's noon in the site's zone: a sheet is also read again at
   * midnight there, so a test's minutes starting from the real time (22:50 UTC is 23:50 in Berlin)
   * would cross a day on some runs.
   */
  private static final class Moving extends Clock {
    private Instant now = LocalDate.now(ZONE).atTime(12, 0).atZone(ZONE).toInstant();

    @Override
    public ZoneId getZone() {
      return ZONE;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private final Moving clock = new Moving();
  private DomainDatabase db;
  private TestDatabase.Tx tx;
  private BookingDeskService desk;
  private User ann;
  private long host;
  private long bookable;
  private long group;

  @BeforeEach
  void setUp() throws Exception {
    db = new DomainDatabase();
    tx = db.transactions();
    Fixture fixture = new Fixture(db);
    BookingMail mail = DomainDatabase.mail(tx, ZONE);
    desk = new BookingDeskService(tx, mail, new SearchCache(mail), clock);
    ann = db.user("ann", false, Set.of());
    bookable = fixture.bookable("sheet-host", "active");
    host = db.number("SELECT host_id FROM booking_bookable WHERE id = " + bookable);
    group = db.number("INSERT INTO auth_group (name) VALUES ('team-a') RETURNING id");
    db.execute(
        "UPDATE inventory_host SET owner_id = " + ann.id() + ", group_id = " + group,
        "INSERT INTO inventory_nic (mac, host_id, \"primary\") VALUES ('02:00:00:00:00:aa', "
            + host
            + ", true)");
  }

  @AfterEach
  void tearDown() throws Exception {
    tx.close();
    db.close();
  }

  private HostSheet sheet() {
    return desk.host(host).orElseThrow();
  }

  @Test
  void anUnchangedSheetIsServedAgainAfterOneStatement() {
    sheet(); // EclipseLink's first transaction reads server settings
    HostSheet first = sheet();
    int before = db.statements.get();
    int transactions = db.transactions.get();
    clock.now = clock.now.plusSeconds(1);
    HostSheet again = sheet();
    // the check alone, in autocommit: no transaction
    assertEquals(1, db.statements.get() - before);
    assertEquals(0, db.transactions.get() - transactions);
    assertSame(first, again);
    assertEquals("ann", again.owner().username());
    assertEquals("team-a", again.group());
  }

  @Test
  void aNicSeenByTheScanShowsOnTheNextPage() throws Exception {
    assertNull(sheet().nics().get(0).lastSeen());
    db.execute("UPDATE inventory_nic SET lastseen = now() WHERE host_id = " + host);
    assertNotNull(sheet().nics().get(0).lastSeen());
  }

  @Test
  void anUpdateOfOnlyTheHostsLastseenShowsOnTheNextPage() throws Exception {
    assertNull(sheet().lastSeen());
    db.execute("UPDATE inventory_host SET lastseen = now() WHERE id = " + host);
    assertNotNull(sheet().lastSeen());
  }

  @Test
  void renamedUsersAndGroupsShowOnTheNextPage() throws Exception {
    long bob = db.user("bob", false, Set.of()).id();
    db.execute(
        "INSERT INTO booking_booking (bookable_id, owner_id, start_time, end_time) VALUES ("
            + bookable
            + ", "
            + bob
            + ", '"
            + clock.now.plus(2, ChronoUnit.DAYS)
            + "', '"
            + clock.now.plus(3, ChronoUnit.DAYS)
            + "')");
    assertEquals("bob", sheet().holds().get(0).owner().name());
    db.execute("UPDATE auth_user SET first_name = 'Bob', last_name = 'Builder' WHERE id = " + bob);
    assertEquals("Bob Builder", sheet().holds().get(0).owner().name());
    db.execute("UPDATE auth_user SET username = 'anne' WHERE id = " + ann.id());
    assertEquals("anne", sheet().owner().username());
    db.execute("UPDATE auth_group SET name = 'team-b' WHERE id = " + group);
    assertEquals("team-b", sheet().group());
  }

  @Test
  void aBookingThroughAnotherConnectionShowsOnTheNextPage() throws Exception {
    assertTrue(sheet().holds().isEmpty());
    db.execute(
        "INSERT INTO booking_booking (bookable_id, owner_id, start_time, end_time) VALUES ("
            + bookable
            + ", "
            + ann.id()
            + ", '"
            + clock.now.plus(2, ChronoUnit.DAYS)
            + "', '"
            + clock.now.plus(3, ChronoUnit.DAYS)
            + "')");
    assertEquals(1, sheet().holds().size());
  }

  @Test
  void aSheetIsReadAgainWhenAHoldStartsOrEnds() throws Exception {
    Instant start = clock.now.plus(10, ChronoUnit.MINUTES);
    Instant end = clock.now.plus(20, ChronoUnit.MINUTES);
    db.execute(
        "INSERT INTO booking_reservation (bookable_id, owner_id, start_time, end_time) VALUES ("
            + bookable
            + ", "
            + ann.id()
            + ", '"
            + start
            + "', '"
            + end
            + "')");
    HostSheet before = sheet();
    assertNull(before.bookable().reservation());
    clock.now = start.minusSeconds(1);
    assertSame(before, sheet());
    clock.now = start;
    assertNotNull(sheet().bookable().reservation(), "reserved from its start");
    clock.now = end;
    HostSheet after = sheet();
    assertNull(after.bookable().reservation());
    assertTrue(after.holds().isEmpty(), "ended");
  }

  @Test
  void aSheetIsReadAgainOnTheNextDay() {
    // half an hour before midnight in the site's zone, so that the age does not count
    LocalDate date = LocalDate.now(ZONE);
    clock.now = date.atTime(23, 30).atZone(ZONE).toInstant();
    HostSheet today = sheet();
    clock.now = date.plusDays(1).atStartOfDay(ZONE).toInstant().minusSeconds(1);
    assertSame(today, sheet());
    clock.now = clock.now.plusSeconds(1);
    HostSheet tomorrow = sheet();
    assertNotSame(today, tomorrow);
    assertEquals(date.plusDays(1), tomorrow.days().get(0).date());
  }

  @Test
  void aSheetIsReadAgainAfterAnHour() {
    // far from midnight in the site's zone, so that only the age counts
    clock.now = LocalDate.now(ZONE).atTime(1, 0).atZone(ZONE).toInstant();
    HostSheet first = sheet();
    clock.now = clock.now.plus(HostSheets.MAX_AGE).minusSeconds(1);
    assertSame(first, sheet());
    clock.now = clock.now.plusSeconds(1);
    assertNotSame(first, sheet());
  }
}
