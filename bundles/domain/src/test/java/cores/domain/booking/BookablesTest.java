package cores.domain.booking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.accounts.Permissions;
import cores.api.accounts.User;
import cores.api.admin.AdminModel;
import cores.api.web.ProblemException;
import cores.domain.DomainDatabase;
import cores.domain.Fixture;
import cores.domain.admin.AdminDeskService;
import cores.domain.inventory.Inventory;
import cores.domain.inventory.Models;
import cores.domain.sql.Sql;
import cores.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The bookables' rules on every path that writes hosts and bookables (REST and admin through the
 * inventory, the bulk creation): a bookable is active only while its host is, and one that stops
 * being active (deleted alone or with its host) tells its holders.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BookablesTest {
  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private static final Instant HOUR = NOW.plus(Duration.ofHours(1));

  private DomainDatabase db;
  private TestDatabase.Tx tx;
  private Fixture fixture;
  private Bookables bookables;
  private Inventory inventory;
  private AdminDeskService admin;
  private User staff;

  @BeforeAll
  void setUp() throws Exception {
    db = new DomainDatabase();
    tx = db.transactions();
    fixture = new Fixture(db);
    BookingMail mail = DomainDatabase.mail(tx, ZoneOffset.UTC);
    bookables = new Bookables(mail, Clock.fixed(NOW, ZoneOffset.UTC));
    inventory = new Inventory(bookables, ZoneOffset.UTC);
    admin = new AdminDeskService(tx, mail);
    staff =
        db.user(
            "admin",
            true,
            Set.of(
                Bookables.MODEL.permission("add"),
                Bookables.MODEL.permission("change"),
                Models.HOST.permission("view"),
                Models.HOST.permission("delete")));
  }

  @AfterAll
  void tearDown() throws Exception {
    tx.close();
    db.close();
  }

  private AdminModel hosts() {
    return admin.models().stream().filter(m -> m.name().equals("host")).findFirst().orElseThrow();
  }

  private String status(long bookable) throws Exception {
    return db.texts("SELECT status FROM booking_bookable WHERE id = " + bookable).get(0);
  }

  private long hostOf(long bookable) throws Exception {
    return db.number("SELECT host_id FROM booking_bookable WHERE id = " + bookable);
  }

  /** A future booking and an open reservation of the bookable, by two new users. */
  private List<User> holders(String name, long bookable) throws Exception {
    User booker = db.user(name + "-booker", false, Set.of());
    User reserver = db.user(name + "-reserver", false, Set.of(Permissions.ADD_RESERVATION));
    fixture.booking(bookable, booker.id(), HOUR, HOUR.plus(Duration.ofHours(2)));
    db.execute(
        "INSERT INTO booking_reservation (bookable_id, owner_id, start_time) VALUES ("
            + bookable
            + ", "
            + reserver.id()
            + ", '"
            + HOUR.plus(Duration.ofDays(1))
            + "')");
    return List.of(booker, reserver);
  }

  private void assertToldUnavailable(List<User> holders) throws Exception {
    for (User holder : holders) {
      assertEquals(List.of("bookable_unavailable"), db.mailsTo(holder.id()), holder.username());
      String data = db.mailData(holder.id(), "bookable_unavailable");
      assertTrue(data.contains("\"host\": "), data);
    }
  }

  @Test
  void deletingAHostTellsItsBookablesHoldersAsDeletingTheBookableDoes() throws Exception {
    long alone = fixture.bookable("delete-bookable", "active");
    List<User> aloneHolders = holders("delete-bookable", alone);
    tx.required(
        em -> {
          inventory.delete(Sql.of(em), Bookables.MODEL, alone);
          return null;
        });
    assertToldUnavailable(aloneHolders);

    long withHost = fixture.bookable("delete-host", "active");
    List<User> hostHolders = holders("delete-host", withHost);
    long host = hostOf(withHost);
    tx.required(
        em -> {
          inventory.delete(Sql.of(em), Models.HOST, host);
          return null;
        });
    assertToldUnavailable(hostHolders);
    assertEquals(0, db.number("SELECT count(*) FROM booking_bookable WHERE id = " + withHost));
  }

  @Test
  void deletingAHostOnTheAdminPagesTellsItsBookablesHolders() throws Exception {
    long bookable = fixture.bookable("delete-host-admin", "active");
    List<User> holders = holders("delete-host-admin", bookable);
    admin.delete(staff, hosts(), List.of(hostOf(bookable)));
    assertToldUnavailable(holders);
  }

  @Test
  void deletingAHostWhoseBookableWasSuspendedDoesNotTellTheHoldersTwice() throws Exception {
    long bookable = fixture.bookable("delete-host-suspended", "active");
    List<User> holders = holders("delete-host-suspended", bookable);
    long host = hostOf(bookable);
    tx.required(
        em -> inventory.update(Sql.of(em), Models.HOST, host, Map.of("status", "retired"), true));
    tx.required(
        em -> {
          inventory.delete(Sql.of(em), Models.HOST, host);
          return null;
        });
    assertToldUnavailable(holders);
  }

  @Test
  void aBookableOfAHostNotActiveCannotBeMadeActiveBySinglePatchOrCreate() throws Exception {
    long bookable = fixture.bookable("activate-retired", "suspended");
    long host = hostOf(bookable);
    db.execute("UPDATE inventory_host SET status = 'retired' WHERE id = " + host);
    ProblemException patch =
        assertThrows(
            ProblemException.class,
            () ->
                tx.required(
                    em ->
                        inventory.update(
                            Sql.of(em),
                            Bookables.MODEL,
                            bookable,
                            Map.of("status", "active"),
                            true)));
    assertEquals(409, patch.status());
    assertEquals(
        List.of(
            "The host is retired, not active: its bookable cannot be active. Set the host's status to active first."),
        patch.errors().get("status"));
    assertEquals("suspended", status(bookable));

    long other = fixture.host("activate-retired-new", "retired");
    assertEquals(
        409,
        assertThrows(
                ProblemException.class,
                () ->
                    tx.required(
                        em ->
                            inventory.create(
                                Sql.of(em),
                                Bookables.MODEL,
                                Map.of("host", other, "status", "active"))))
            .status());
    assertEquals(0, db.number("SELECT count(*) FROM booking_bookable WHERE host_id = " + other));

    // nor by moving an active bookable to such a host
    long active = fixture.bookable("activate-moved", "active");
    assertEquals(
        409,
        assertThrows(
                ProblemException.class,
                () ->
                    tx.required(
                        em ->
                            inventory.update(
                                Sql.of(em), Bookables.MODEL, active, Map.of("host", other), true)))
            .status());
  }

  @Test
  void aBookableOfAHostNotActiveCannotBeMadeActiveByBulkWhichNamesTheRefused() throws Exception {
    long retired = fixture.host("bulk-retired", "retired");
    long suspendedOfRetired = fixture.bookable("bulk-retired-bookable", "suspended");
    long retiredWithBookable = hostOf(suspendedOfRetired);
    db.execute("UPDATE inventory_host SET status = 'retired' WHERE id = " + retiredWithBookable);
    long active = fixture.host("bulk-active", "active");
    Bookables.Bulk done =
        tx.required(
            em ->
                bookables.createFor(
                    Sql.of(em), List.of(retired, retiredWithBookable, active), Bookables.ACTIVE));
    assertEquals(1, done.created());
    String reason =
        "The host is retired, not active: its bookable cannot be active. Set the host's status to active first.";
    assertEquals(
        List.of(
            Map.of("host", retired, "reason", reason),
            Map.of("host", retiredWithBookable, "reason", reason)),
        done.refused());
    assertEquals(0, db.number("SELECT count(*) FROM booking_bookable WHERE host_id = " + retired));
    assertEquals("suspended", status(suspendedOfRetired));
    assertEquals(
        List.of("active"),
        db.texts("SELECT status FROM booking_bookable WHERE host_id = " + active));
  }

  @Test
  void aBookableOfAHostNotActiveCannotBeMadeActiveOnTheAdminPages() throws Exception {
    long retired = fixture.host("admin-retired", "retired");
    long active = fixture.host("admin-active", "active");
    ProblemException e =
        assertThrows(
            ProblemException.class,
            () -> admin.bulk(staff, hosts(), "bookable", List.of(active, retired)));
    assertEquals(409, e.status());
    assertTrue(e.getMessage().contains("host admin-retired: "), e.getMessage());
    // all or none, as the admin's other writes
    assertEquals(
        0,
        db.number(
            "SELECT count(*) FROM booking_bookable WHERE host_id IN ("
                + active
                + ", "
                + retired
                + ")"));
    admin.bulk(staff, hosts(), "bookable", List.of(active));
    assertEquals(
        List.of("active"),
        db.texts("SELECT status FROM booking_bookable WHERE host_id = " + active));
  }
}
