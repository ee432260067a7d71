package cores.domain.loans;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.accounts.User;
import cores.api.web.ProblemException;
import cores.domain.DomainDatabase;
import cores.domain.Fixture;
import cores.domain.booking.Bookables;
import cores.domain.inventory.Inventory;
import cores.domain.inventory.Rules;
import cores.domain.sql.Sql;
import cores.testing.TestDatabase;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoansTest {
  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

  private Inventory inventory;
  private final Loans loans = new Loans(ZoneId.of("UTC"));
  private DomainDatabase db;
  private TestDatabase.Tx tx;
  private Fixture fixture;
  private Rules.Actor actor;
  private long customer;

  @BeforeAll
  void setUp() throws Exception {
    db = new DomainDatabase();
    tx = db.transactions();
    inventory =
        new Inventory(
            new Bookables(DomainDatabase.mail(tx, ZoneOffset.UTC), Clock.systemUTC()),
            ZoneOffset.UTC);
    fixture = new Fixture(db);
    User staff = db.user("lender", true, Set.of());
    actor = new Rules.Actor(staff, NOW);
    customer = customer("ACME", "ops@acme.example");
  }

  @AfterAll
  void tearDown() throws Exception {
    tx.close();
    db.close();
  }

  private Map<String, Object> lend(long host, Map<String, Object> more) {
    Map<String, Object> input = new HashMap<>(more);
    input.put("host", host);
    input.put("customer", customer);
    input.putIfAbsent("start", "2026-11-20");
    return tx.required(em -> loans.create(inventory, Sql.of(em), Loans.LOAN, input, actor));
  }

  private Map<String, Object> patch(long loan, Map<String, Object> input) {
    return tx.required(
        em -> loans.update(inventory, Sql.of(em), Loans.LOAN, loan, input, true, actor));
  }

  private void delete(long loan) {
    tx.required(
        em -> {
          loans.delete(inventory, Sql.of(em), Loans.LOAN, loan, actor);
          return null;
        });
  }

  private String hostStatus(long host) throws SQLException {
    return text("SELECT status FROM inventory_host WHERE id = " + host);
  }

  private String bookableStatus(long bookable) throws SQLException {
    return text("SELECT status FROM booking_bookable WHERE id = " + bookable);
  }

  private String text(String query) throws SQLException {
    try (var c = db.connect();
        var s = c.createStatement();
        var rs = s.executeQuery(query)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private long hostOf(long bookable) throws SQLException {
    return db.number("SELECT host_id FROM booking_bookable WHERE id = " + bookable);
  }

  @Test
  void lendingAHostSetsItOnLoanAndSuspendsItsBookable() throws SQLException {
    long bookable = fixture.bookable("lent-1", "active");
    long host = hostOf(bookable);
    // the original's name for the user responsible for the loan
    Map<String, Object> loan = lend(host, Map.of("user", actor.user().id()));
    assertEquals(actor.user().id(), loan.get("user"));
    assertEquals("on_loan", hostStatus(host));
    assertEquals("suspended", bookableStatus(bookable));
    assertEquals("active", loan.get("previous_status"));
    assertEquals(false, loan.get("returned"));
    assertEquals("2026-11-20", loan.get("start"));
  }

  @Test
  void returningALoanSetsTheHostBackToTheStatusItHadBefore() throws SQLException {
    long host = fixture.host("lent-2", "offline");
    long loan = (Long) lend(host, Map.of()).get("id");
    assertEquals("on_loan", hostStatus(host));
    Map<String, Object> returned = patch(loan, Map.of("returned", true));
    assertEquals("offline", hostStatus(host));
    assertEquals(true, returned.get("returned"));
    assertEquals("2026-11-25", returned.get("returned_date"));
  }

  @Test
  void theReturnedDateSetOnReturnIsTodayInTheConfiguredZone() throws SQLException {
    long loan = (Long) lend(fixture.host("lent-tz", "active"), Map.of()).get("id");
    // 23:30 UTC is already the next day in Berlin
    Rules.Actor late = new Rules.Actor(actor.user(), Instant.parse("2026-11-25T23:30:00Z"));
    Loans berlin = new Loans(ZoneId.of("Europe/Berlin"));
    Map<String, Object> returned =
        tx.required(
            em ->
                berlin.update(
                    inventory, Sql.of(em), Loans.LOAN, loan, Map.of("returned", true), true, late));
    assertEquals("2026-11-26", returned.get("returned_date"));
  }

  @Test
  void aLoanReturnedBeforeItsStartIsReturnedOnItsStartDay() throws SQLException {
    long host = fixture.host("lent-early", "active");
    long loan = (Long) lend(host, Map.of("start", "2026-12-01")).get("id");
    Map<String, Object> returned = patch(loan, Map.of("returned", true));
    assertEquals("2026-12-01", returned.get("returned_date"));
    assertEquals("active", hostStatus(host));
    Map<String, Object> recorded =
        lend(
            fixture.host("lent-early-2", "active"),
            Map.of("start", "2026-12-02", "returned", true));
    assertEquals("2026-12-02", recorded.get("returned_date"));
  }

  @Test
  void aLoanThatStartsOnALaterDayPutsItsHostOnLoanOnThatDayByTheNightlyJob() throws SQLException {
    long bookable = fixture.bookable("lent-later", "active");
    long host = hostOf(bookable);
    Map<String, Object> loan = lend(host, Map.of("start", "2026-11-27"));
    assertEquals("active", hostStatus(host));
    assertEquals("active", bookableStatus(bookable));
    assertEquals(null, loan.get("previous_status"));
    // the day before its start the job leaves it; on the day (in the configured zone) it starts it
    assertEquals(0L, startDue(loans, "2026-11-26T12:00:00Z").get("loans_started"));
    assertEquals("active", hostStatus(host));
    Loans berlin = new Loans(ZoneId.of("Europe/Berlin"));
    assertEquals(1L, startDue(berlin, "2026-11-26T23:30:00Z").get("loans_started"));
    assertEquals("on_loan", hostStatus(host));
    assertEquals("suspended", bookableStatus(bookable));
    assertEquals(
        "active", text("SELECT previous_status FROM loans_loan WHERE id = " + loan.get("id")));
    assertEquals(0L, startDue(loans, "2026-11-28T03:00:00Z").get("loans_started"));
    patch((Long) loan.get("id"), Map.of("returned", true));
    assertEquals("active", hostStatus(host));
  }

  @Test
  void movingAnOpenLoansStartLaterSetsTheHostBackAndEarlierPutsItOnLoan() throws SQLException {
    long host = fixture.host("lent-moved", "offline");
    long loan = (Long) lend(host, Map.of()).get("id");
    assertEquals("on_loan", hostStatus(host));
    Map<String, Object> later = patch(loan, Map.of("start", "2026-12-10"));
    assertEquals("offline", hostStatus(host));
    assertEquals(null, later.get("previous_status"));
    Map<String, Object> sooner = patch(loan, Map.of("start", "2026-11-24"));
    assertEquals("on_loan", hostStatus(host));
    assertEquals("offline", sooner.get("previous_status"));
  }

  @Test
  void aLoanReturnedBeforeItStartedLeavesItsHostAsItWas() throws SQLException {
    long host = fixture.host("lent-never", "active");
    long loan = (Long) lend(host, Map.of("start", "2026-12-10")).get("id");
    db.execute("UPDATE inventory_host SET status = 'on_loan' WHERE id = " + host);
    patch(loan, Map.of("returned", true));
    // it never put the host on loan, so it has no status to give back
    assertEquals("on_loan", hostStatus(host));
    assertEquals(0L, startDue(loans, "2026-12-10T12:00:00Z").get("loans_started"));
  }

  private Map<String, Long> startDue(Loans rules, String now) {
    return tx.required(em -> rules.startDue(inventory, Sql.of(em), Instant.parse(now)));
  }

  @Test
  void returningLeavesTheBookableSuspendedForAnAdminToReactivate() throws SQLException {
    long bookable = fixture.bookable("lent-3", "active");
    long host = hostOf(bookable);
    long loan = (Long) lend(host, Map.of()).get("id");
    patch(loan, Map.of("returned", true, "returned_date", "2026-11-24"));
    assertEquals("active", hostStatus(host));
    assertEquals("suspended", bookableStatus(bookable));
    assertEquals("2026-11-24", text("SELECT returned_date FROM loans_loan WHERE id = " + loan));
  }

  @Test
  void returningLeavesAStatusSetByHandDuringTheLoan() throws SQLException {
    long host = fixture.host("lent-4", "active");
    long loan = (Long) lend(host, Map.of()).get("id");
    db.execute("UPDATE inventory_host SET status = 'missing' WHERE id = " + host);
    patch(loan, Map.of("returned", true));
    assertEquals("missing", hostStatus(host));
  }

  @Test
  void aHostIsOnAtMostOneOpenLoan() throws SQLException {
    long host = fixture.host("lent-5", "active");
    long first = (Long) lend(host, Map.of()).get("id");
    ProblemException twice = assertThrows(ProblemException.class, () -> lend(host, Map.of()));
    assertEquals(409, twice.status());
    // the host by its name and the open loan by what it is, not "Host 7 is already on loan 3"
    assertTrue(twice.detail().startsWith("Host lent-5 is already on loan to "), twice.detail());
    assertEquals(List.of("host"), List.copyOf(twice.errors().keySet()));
    // the partial unique index holds whatever the code does
    ProblemException generic =
        assertThrows(
            ProblemException.class,
            () ->
                tx.required(
                    em ->
                        inventory.create(
                            Sql.of(em),
                            Loans.LOAN,
                            Map.of("host", host, "customer", customer, "start", "2026-11-21"),
                            Map.of("previous_status", "active"))));
    assertEquals(409, generic.status());
    assertEquals(1, db.number("SELECT count(*) FROM loans_loan WHERE host_id = " + host));
    patch(first, Map.of("returned", true));
    lend(host, Map.of("start", "2026-11-25"));
    assertEquals("on_loan", hostStatus(host));
  }

  @Test
  void aBrokenLoanOfAHostOnLoanIsA400AtItsFieldsBeforeTheConflict() throws SQLException {
    long host = fixture.host("lent-5b", "active");
    lend(host, Map.of());
    ProblemException broken =
        assertThrows(
            ProblemException.class,
            () -> lend(host, Map.of("start", "not a date", "due_return", 5, "colour", "red")));
    assertEquals(400, broken.status(), broken.detail());
    Map<String, List<String>> errors = broken.errors();
    assertTrue(errors.containsKey("start"), errors.toString());
    assertTrue(errors.containsKey("due_return"), errors.toString());
    assertEquals(List.of("unknown field"), errors.get("colour"));
    // an open loan has no returned date: the field's 400, not the conflict
    ProblemException dated =
        assertThrows(
            ProblemException.class, () -> lend(host, Map.of("returned_date", "2026-11-21")));
    assertEquals(400, dated.status(), dated.detail());
    // a valid request is told of the conflict
    assertEquals(409, assertThrows(ProblemException.class, () -> lend(host, Map.of())).status());
    assertEquals(1, db.number("SELECT count(*) FROM loans_loan WHERE host_id = " + host));
  }

  @Test
  void anOpenLoanCannotBeDeletedAReturnedOneCan() throws SQLException {
    long host = fixture.host("lent-6", "active");
    long loan = (Long) lend(host, Map.of()).get("id");
    ProblemException open = assertThrows(ProblemException.class, () -> delete(loan));
    assertEquals(409, open.status());
    assertEquals("on_loan", hostStatus(host));
    patch(loan, Map.of("returned", true));
    delete(loan);
    assertEquals(0, db.number("SELECT count(*) FROM loans_loan WHERE id = " + loan));
    assertEquals(404, assertThrows(ProblemException.class, () -> delete(loan)).status());
  }

  @Test
  void aReturnedLoanCannotBeReopenedAndALoanStaysWithItsHost() throws SQLException {
    long host = fixture.host("lent-7", "active");
    long other = fixture.host("lent-7b", "active");
    long loan = (Long) lend(host, Map.of()).get("id");
    ProblemException moved =
        assertThrows(ProblemException.class, () -> patch(loan, Map.of("host", other)));
    assertEquals(Set.of("host"), moved.errors().keySet());
    assertEquals("active", hostStatus(other));
    patch(loan, Map.of("returned", true));
    ProblemException reopened =
        assertThrows(ProblemException.class, () -> patch(loan, Map.of("returned", false)));
    assertEquals(Set.of("returned"), reopened.errors().keySet());
    assertEquals("active", hostStatus(host));
    patch(loan, Map.of("comment", "came back fine"));
    assertEquals("active", hostStatus(host));
  }

  @Test
  void anOpenLoanHasNoReturnedDate() throws SQLException {
    long host = fixture.host("lent-7c", "active");
    ProblemException created =
        assertThrows(
            ProblemException.class, () -> lend(host, Map.of("returned_date", "2026-11-21")));
    assertEquals(Set.of("returned_date"), created.errors().keySet());
    assertEquals("active", hostStatus(host), "nothing written");
    long loan = (Long) lend(host, Map.of()).get("id");
    ProblemException patched =
        assertThrows(
            ProblemException.class, () -> patch(loan, Map.of("returned_date", "2026-11-21")));
    assertEquals(Set.of("returned_date"), patched.errors().keySet());
    patch(loan, Map.of("returned", true, "returned_date", "2026-11-21"));
    assertEquals("active", hostStatus(host));
  }

  @Test
  void aLoanRecordedAsAlreadyReturnedLeavesTheHostAlone() throws SQLException {
    long host = fixture.host("lent-8", "active");
    Map<String, Object> history =
        lend(host, Map.of("start", "2025-01-01", "returned", true, "returned_date", "2025-02-01"));
    assertEquals("active", hostStatus(host));
    assertEquals(true, history.get("returned"));
    lend(host, Map.of());
    assertEquals("on_loan", hostStatus(host));
  }

  @Test
  void badLoanInputIsRefusedWithFieldErrorsAndNothingIsWritten() throws SQLException {
    long host = fixture.host("lent-9", "active");
    long before = db.number("SELECT count(*) FROM loans_loan");
    ProblemException e =
        assertThrows(
            ProblemException.class,
            () ->
                tx.required(
                    em ->
                        loans.create(
                            inventory,
                            Sql.of(em),
                            Loans.LOAN,
                            Map.of(
                                "host",
                                host,
                                "customer",
                                987654,
                                "start",
                                "25.11.2026",
                                "previous_status",
                                "retired"),
                            actor)));
    assertEquals(Set.of("customer", "start", "previous_status"), e.errors().keySet());
    ProblemException noHost =
        assertThrows(
            ProblemException.class,
            () ->
                tx.required(
                    em ->
                        loans.create(
                            inventory,
                            Sql.of(em),
                            Loans.LOAN,
                            Map.of("host", 987654, "customer", customer, "start", "2026-11-20"),
                            actor)));
    assertEquals(Set.of("host"), noHost.errors().keySet());
    ProblemException badEmail =
        assertThrows(ProblemException.class, () -> customer("Initech", "not an address"));
    assertEquals(Map.of("contact_email", List.of("not a valid email address")), badEmail.errors());
    assertEquals(before, db.number("SELECT count(*) FROM loans_loan"));
    assertEquals("active", hostStatus(host));
  }

  @Test
  void aLoanDueOrReturnedBeforeItStartsIsAFieldErrorAndLeavesTheHostAlone() throws SQLException {
    long host = fixture.host("lent-10", "active");
    ProblemException due =
        assertThrows(
            ProblemException.class,
            () -> lend(host, Map.of("start", "2030-01-01", "due_return", "2029-01-01")));
    assertEquals(Map.of("due_return", List.of("must be on or after the start")), due.errors());
    ProblemException returned =
        assertThrows(
            ProblemException.class,
            () ->
                lend(
                    host,
                    Map.of(
                        "start", "2030-01-01", "returned", true, "returned_date", "2029-12-31")));
    assertEquals(
        Map.of("returned_date", List.of("must be on or after the start")), returned.errors());
    assertEquals("active", hostStatus(host));
  }

  @Test
  void aCustomerKeepsAnEmailStoredBeforeTheStricterCheckAcrossEditsThatLeaveItAlone()
      throws SQLException {
    long kept = customer("Globex", "ops@globex.example");
    // as the original's data holds it: its form took addresses this check does not
    db.execute("UPDATE loans_customer SET contact_email = 'Ops Desk' WHERE id = " + kept);
    Map<String, Object> edited =
        tx.required(
            em ->
                inventory.update(
                    Sql.of(em),
                    Loans.CUSTOMER,
                    kept,
                    Map.of("name", "Globex Corp", "contact_email", "Ops Desk"),
                    false));
    assertEquals("Globex Corp", edited.get("name"));
    assertEquals("Ops Desk", edited.get("contact_email"));
    ProblemException changed =
        assertThrows(
            ProblemException.class,
            () ->
                tx.required(
                    em ->
                        inventory.update(
                            Sql.of(em),
                            Loans.CUSTOMER,
                            kept,
                            Map.of("contact_email", "Ops Desk 2"),
                            true)));
    assertEquals(Map.of("contact_email", List.of("not a valid email address")), changed.errors());
  }

  /** A loan customer added through the domain's writes: its id. */
  private long customer(String name, String email) {
    return (Long)
        tx.required(
                em ->
                    inventory.create(
                        Sql.of(em), Loans.CUSTOMER, Map.of("name", name, "contact_email", email)))
            .get("id");
  }
}
