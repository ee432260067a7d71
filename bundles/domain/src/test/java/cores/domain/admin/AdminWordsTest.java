package cores.domain.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cores.api.accounts.User;
import cores.api.admin.AdminDesk;
import cores.api.admin.AdminModel;
import cores.api.admin.NamingProblem;
import cores.api.web.ProblemException;
import cores.domain.DomainDatabase;
import cores.domain.Fixture;
import cores.domain.booking.Bookables;
import cores.domain.booking.BookingMail;
import cores.domain.inventory.Models;
import cores.domain.loans.Loans;
import cores.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What the admin says, in a site whose zone is not UTC: every problem of a form at once, objects
 * named as people know them (a loan by its host, customer and start), times in the site's zone.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminWordsTest {
  private static final ZoneId ZURICH = ZoneId.of("Europe/Zurich");
  private static final Instant DEC_24 = Instant.parse("2099-12-24T10:00:00Z");

  private DomainDatabase db;
  private TestDatabase.Tx tx;
  private Fixture fixture;
  private AdminDeskService admin;
  private User staff;

  @BeforeAll
  void setUp() throws Exception {
    db = new DomainDatabase();
    tx = db.transactions();
    fixture = new Fixture(db);
    BookingMail mail = DomainDatabase.mail(tx, ZURICH);
    admin = new AdminDeskService(tx, mail);
    staff =
        db.user(
            "wordsadmin",
            true,
            Set.of(
                Models.RACK.permission("add"),
                Models.HOST.permission("view"),
                Models.HOST.permission("change"),
                Models.HOST.permission("delete"),
                Loans.LOAN.permission("add"),
                Loans.LOAN.permission("view"),
                Loans.LOAN.permission("delete"),
                Catalog.BOOKING.permission("view")));
  }

  @AfterAll
  void tearDown() throws Exception {
    tx.close();
    db.close();
  }

  private AdminModel model(String name) {
    return admin.models().stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
  }

  /**
   * As Django's admin says what an action did ("2 hosts were made bookable."): every bulk action of
   * the domain's models declares its past tense with its label, none falling back to the label.
   */
  @Test
  void everyBulkActionSaysWhatItDidInThePastTense() {
    for (AdminModel model : admin.models()) {
      assertEquals(model.actions().keySet(), model.done().keySet(), model.name());
    }
    assertEquals("made bookable", model("host").did(HostActions.MAKE_BOOKABLE));
    assertEquals("suspended for booking", model("host").did(HostActions.SUSPEND));
    assertEquals("given the status on loan", model("host").did("status_on_loan"));
    assertEquals("returned", model("loan").did(Catalog.RETURN));
    assertEquals("marked resolved", model("scanconflict").did(LiveCatalog.RESOLVE));
  }

  /** A number that is not one hid the blank required field until the next save. */
  @Test
  void aValueThatDoesNotParseIsToldWithTheOtherFieldsProblems() throws Exception {
    ProblemException added =
        assertThrows(
            ProblemException.class,
            () -> admin.create(staff, model("rack"), Map.of("lab", "", "number", "x")));
    assertEquals(Set.of("lab", "number"), added.errors().keySet(), added.errors().toString());
    assertEquals(List.of("must be a whole number"), added.errors().get("number"));

    long host = fixture.host("words-parse", "active");
    Map<String, String> values = values(host);
    values.put("hostname", "");
    values.put("rack", "not a rack");
    ProblemException changed =
        assertThrows(
            ProblemException.class, () -> admin.update(staff, model("host"), host, values));
    assertEquals(
        Set.of("hostname", "rack"), changed.errors().keySet(), changed.errors().toString());
    assertEquals(List.of("must be a whole number"), changed.errors().get("rack"));
    assertEquals("words-parse", admin.get(staff, model("host"), host).get("hostname"));
  }

  private Map<String, String> values(long host) {
    Map<String, String> values = new LinkedHashMap<>(admin.get(staff, model("host"), host));
    List.of("id", "ip", "lastseen", "bookable").forEach(values::remove);
    return values;
  }

  /**
   * A loan is its host, customer and start ("loan loan #4" was its title), and a second loan of a
   * host names the first's customer and start at the host field, the host by its name.
   */
  @Test
  void aLoanIsNamedByItsHostCustomerAndStart() throws Exception {
    long host = fixture.host("words-lent", "active");
    long customer = db.number("INSERT INTO loans_customer (name) VALUES ('Acme') RETURNING id");
    Map<String, String> loan =
        Map.of("host", String.valueOf(host), "customer", String.valueOf(customer));
    Map<String, String> first = new LinkedHashMap<>(loan);
    first.put("start", "2026-12-01");
    long id = admin.create(staff, model("loan"), first);
    assertEquals("words-lent to Acme from 2026-12-01", admin.label(model("loan"), id));

    Map<String, String> second = new LinkedHashMap<>(loan);
    second.put("start", "2026-12-05");
    ProblemException twice =
        assertThrows(ProblemException.class, () -> admin.create(staff, model("loan"), second));
    assertEquals(409, twice.status());
    assertEquals(
        Map.of("host", List.of("already on loan to Acme since 2026-12-01: return that loan first")),
        twice.errors());
    assertEquals(
        "Host words-lent is already on loan to Acme since 2026-12-01: return that loan first.",
        twice.detail());
    // the open loan named where the message names it, for the admin to link it
    assertEquals(
        List.of(
            new NamingProblem.Named("host", "loan to Acme since 2026-12-01", "loans", "loan", id)),
        ((NamingProblem) twice).named());
    assertEquals(
        List.of("the loan of words-lent to Acme from 2026-12-01 is still open: return it first"),
        admin.obstacles(staff, model("loan"), List.of(id)));
    assertEquals(
        List.of("1 loan refers to it by host: words-lent to Acme from 2026-12-01"),
        admin.obstacles(staff, model("host"), List.of(host)));
  }

  /**
   * A scan conflict is its kind and what it is about: "nic conflict #3" said "conflict" after the
   * model's name said it ("View scanconflict nic conflict #3"), and named neither MAC nor host.
   */
  @Test
  void aScanConflictIsNamedByItsKindAndWhatItIsAbout() throws Exception {
    long host = fixture.host("words-conflicted", "active");
    long nic =
        db.number(
            "INSERT INTO inventory_nic (mac, host_id) VALUES ('00:50:56:00:00:01', "
                + host
                + ") RETURNING id");
    long lab = db.number("INSERT INTO inventory_lab (name) VALUES ('Lab W') RETURNING id");
    String conflict =
        "INSERT INTO live_scanconflict (kind, mac, ip, nic_id, host_id, lab_id, created, lastseen)"
            + " VALUES (%s, now(), now()) RETURNING id";
    long unknown =
        db.number(
            String.format(
                conflict, "'unknown', '00:50:56:00:00:02', '10.0.0.9', null, null, " + lab));
    long moved =
        db.number(String.format(conflict, "'nic', null, '10.0.0.7', " + nic + ", null, null"));
    long located =
        db.number(String.format(conflict, "'location', null, null, null, " + host + ", " + lab));
    AdminModel model = model("scanconflict");
    assertEquals(
        List.of(
            "unknown device 00:50:56:00:00:02 at 10.0.0.9",
            "NIC 00:50:56:00:00:01 of words-conflicted seen at 10.0.0.7",
            "location of words-conflicted (seen in Lab W)",
            "#0"),
        List.copyOf(admin.labels(model, List.of(unknown, moved, located, 0L)).values()));
    // a bulk action's confirmation names only those that exist
    assertEquals(
        List.of(located, unknown),
        List.copyOf(admin.existing(model, List.of(0L, located, unknown)).keySet()));
    assertEquals(
        "NIC 00:50:56:00:00:01 of words-conflicted seen at 10.0.0.7", admin.label(model, moved));
  }

  /** A host's lastseen, set by Cores, is the site's time with its zone, not raw UTC. */
  @Test
  void aTimeCoresSetsIsShownInTheSitesZoneWithItsName() throws Exception {
    long host = fixture.host("words-seen", "active");
    db.execute(
        "UPDATE inventory_host SET lastseen = '2026-07-01T10:00:00.123456Z' WHERE id = " + host);
    assertEquals(
        "2026-07-01 12:00:00 Europe/Zurich", admin.get(staff, model("host"), host).get("lastseen"));
  }

  /**
   * A booking's label (its page's title, its delete confirmation, a change log's line) and its
   * list's times are the site's, the zone named: they were UTC.
   */
  @Test
  void aBookingIsNamedAndListedAtTheSitesTimes() throws Exception {
    long bookable = fixture.bookable("words-listed", Bookables.ACTIVE);
    User owner = db.user("wordslisted", false, Set.of());
    long booking = fixture.booking(bookable, owner.id(), DEC_24, DEC_24.plus(Duration.ofDays(1)));
    assertEquals(
        "words-listed from 2099-12-24 11:00:00 Europe/Zurich",
        admin.label(model("booking"), booking));
    Map<String, String> row =
        admin
            .list(staff, model("booking"), "", Map.of("owner", String.valueOf(owner.id())), "", 1)
            .rows()
            .get(0);
    assertEquals("2099-12-24 11:00:00 Europe/Zurich", row.get("start"));
    assertEquals("2099-12-25 11:00:00 Europe/Zurich", row.get("end"));
  }

  /** A delete confirmation's bookings are at the site's times, its zone named, with their owner. */
  @Test
  void aDeleteConfirmationNamesBookingsAtTheSitesTimes() throws Exception {
    long bookable = fixture.bookable("words-booked", Bookables.ACTIVE);
    long host = db.number("SELECT host_id FROM booking_bookable WHERE id = " + bookable);
    User owner = db.user("wordsowner", false, Set.of());
    fixture.booking(bookable, owner.id(), DEC_24, DEC_24.plus(Duration.ofDays(1)));
    assertEquals(
        "1 booking (by bookable) will be deleted too: words-booked from 2099-12-24 11:00:00"
            + " Europe/Zurich (owner wordsowner)",
        admin.consequences(staff, model("host"), List.of(host)).get(1));
  }

  /**
   * The domain's rows that stop deleting a user or a group are named, as a host's delete names its
   * bookings, not counted by the accounts ("2 bookings refer to it as owner").
   */
  @Test
  void theRowsThatStopDeletingAUserOrAGroupAreNamed() throws Exception {
    long bookable = fixture.bookable("words-owned", Bookables.ACTIVE);
    long host = db.number("SELECT host_id FROM booking_bookable WHERE id = " + bookable);
    User owner = db.user("wordsholder", false, Set.of());
    long booking = fixture.booking(bookable, owner.id(), DEC_24, DEC_24.plus(Duration.ofDays(1)));
    long group = db.number("INSERT INTO auth_group (name) VALUES ('words-team') RETURNING id");
    db.execute(
        "UPDATE inventory_host SET owner_id = "
            + owner.id()
            + ", group_id = "
            + group
            + " WHERE id = "
            + host);
    String instead = "deactivate the user instead, or change those first";
    assertEquals(
        List.of(
            new AdminDesk.Referrers(
                "booking",
                "booking",
                "1 booking refers to it as owner",
                Map.of(booking, "words-owned from 2099-12-24 11:00:00 Europe/Zurich"),
                0,
                instead),
            new AdminDesk.Referrers(
                "inventory",
                "host",
                "1 host refers to it as owner",
                Map.of(host, "words-owned"),
                0,
                instead)),
        admin.referrers(staff, accounts("user"), List.of(owner.id())));
    assertEquals(
        List.of(
            new AdminDesk.Referrers(
                "inventory",
                "host",
                "1 host refers to it as group",
                Map.of(host, "words-owned"),
                0,
                "change those first")),
        admin.referrers(staff, accounts("group"), List.of(group)));
    assertEquals(List.of(), admin.referrers(staff, model("host"), List.of(host)));
  }

  /**
   * What deleting a user or a group takes along of the domain's rows or leaves without them is the
   * domain's to say, in the admin's words (the accounts read only their own tables).
   */
  @Test
  void theRowsThatDeletingAUserOrAGroupTakesAlongAreNamed() throws Exception {
    User author = db.user("wordsauthor", false, Set.of());
    long group = db.number("INSERT INTO auth_group (name) VALUES ('words-readers') RETURNING id");
    db.execute(
        "INSERT INTO notices_notice (title, message, author_id, group_id) VALUES ('Words closed',"
            + " 'm', "
            + author.id()
            + ", "
            + group
            + ")",
        "INSERT INTO loans_customer (name, internal_contact_id) VALUES ('Words Ltd', "
            + author.id()
            + ")");
    assertEquals(
        List.of(
            "1 customer will lose its internal contact: Words Ltd",
            "1 notice will lose its author: Words closed"),
        admin.dependents(staff, accounts("user"), List.of(author.id())));
    assertEquals(
        List.of("1 notice (by group) will be deleted too: Words closed"),
        admin.dependents(staff, accounts("group"), List.of(group)));
    assertEquals(List.of(), admin.dependents(staff, model("notice"), List.of(1L)));
  }

  /** The accounts' model of that name, as its desk describes it (the domain reads app and name). */
  private static AdminModel accounts(String name) {
    return new AdminModel(
        "auth", name, name + "s", List.of(), List.of(), List.of(), "", Map.of(), List.of());
  }
}
