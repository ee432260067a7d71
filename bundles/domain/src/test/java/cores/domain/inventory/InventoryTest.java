package cores.domain.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.web.ProblemException;
import cores.domain.DomainDatabase;
import cores.domain.Fixture;
import cores.domain.booking.Bookables;
import cores.domain.loans.Loans;
import cores.domain.sql.Sql;
import cores.testing.TestDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InventoryTest {
  private Inventory inventory;
  private DomainDatabase db;
  private TestDatabase.Tx tx;
  private Fixture fixture;

  @BeforeAll
  void setUp() throws Exception {
    db = new DomainDatabase();
    tx = db.transactions();
    inventory =
        new Inventory(
            new Bookables(DomainDatabase.mail(tx, ZoneOffset.UTC), Clock.systemUTC()),
            ZoneOffset.UTC);
    fixture = new Fixture(db);
  }

  @AfterAll
  void tearDown() throws Exception {
    tx.close();
    db.close();
  }

  private Map<String, Object> create(Model model, Map<String, Object> input) {
    return tx.required(em -> inventory.create(Sql.of(em), model, input));
  }

  private Map<String, Object> patch(Model model, long id, Map<String, Object> input) {
    return tx.required(em -> inventory.update(Sql.of(em), model, id, input, true));
  }

  private Map<String, Object> host(long id) {
    return tx.readOnly(em -> inventory.get(Sql.of(em), Models.HOST, id));
  }

  private static ProblemException refused(Runnable call) {
    return assertThrows(ProblemException.class, call::run);
  }

  @Test
  void concurrentIpChangesOnTwoNicsLeaveTheHostWithThePrimaryNicsIp() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int i = 0; i < 60; i++) {
        long host = fixture.host("race-" + i, "active");
        String prefix = String.format("00:00:00:%02x:%02x:", 0x40 + i / 200, i % 200);
        long primary =
            (Long)
                create(
                        Models.NIC,
                        Map.of(
                            "mac",
                            prefix + "01",
                            "host",
                            host,
                            "ip",
                            "10.4.1." + i,
                            "primary",
                            true))
                    .get("id");
        long other =
            (Long)
                create(Models.NIC, Map.of("mac", prefix + "02", "host", host, "ip", "10.4.2." + i))
                    .get("id");
        String primaryIp = "10.4.3." + i;
        String otherIp = "10.4.4." + i;
        CyclicBarrier start = new CyclicBarrier(2);
        Future<?> first =
            pool.submit(
                () -> {
                  start.await();
                  return patch(Models.NIC, primary, Map.of("ip", primaryIp));
                });
        Future<?> second =
            pool.submit(
                () -> {
                  start.await();
                  return patch(Models.NIC, other, Map.of("ip", otherIp));
                });
        first.get();
        second.get();
        assertEquals(primaryIp, host(host).get("ip"), "try " + i);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aNullGivenForAnOptionalFieldTakesTheColumnsDefaultOnCreateAsOnReplace() {
    Map<String, Object> input = new HashMap<>();
    input.put("name", "null-details");
    input.put("details", null);
    Map<String, Object> created = create(Models.HOSTTYPE, input);
    assertEquals("", created.get("details"));
    long id = (Long) created.get("id");
    tx.required(em -> inventory.update(Sql.of(em), Models.HOSTTYPE, id, input, false));
    assertEquals(
        "", tx.readOnly(em -> inventory.get(Sql.of(em), Models.HOSTTYPE, id)).get("details"));
  }

  @Test
  void hostIpIsThePrimaryNicsElseTheFirstNicWithAnIp() throws Exception {
    long host = fixture.host("derive-ip", "new");
    create(Models.NIC, Map.of("mac", "00:00:00:00:01:01", "host", host));
    long second =
        (Long)
            create(Models.NIC, Map.of("mac", "00:00:00:00:01:02", "host", host, "ip", "10.1.0.2"))
                .get("id");
    long third =
        (Long)
            create(Models.NIC, Map.of("mac", "00:00:00:00:01:03", "host", host, "ip", "10.1.0.3"))
                .get("id");
    assertEquals("10.1.0.2", host(host).get("ip"));
    patch(Models.NIC, third, Map.of("primary", true));
    assertEquals("10.1.0.3", host(host).get("ip"));
    tx.required(
        em -> {
          inventory.delete(Sql.of(em), Models.NIC, third);
          return null;
        });
    assertEquals("10.1.0.2", host(host).get("ip"));
    Map<String, Object> detach = new HashMap<>();
    detach.put("host", null);
    patch(Models.NIC, second, detach);
    assertNull(host(host).get("ip"));
  }

  @Test
  void hostLastseenIsTheNewestOfItsNics() throws Exception {
    long host = fixture.host("derive-lastseen", "new");
    create(Models.NIC, Map.of("mac", "00:00:00:00:02:01", "host", host));
    create(Models.NIC, Map.of("mac", "00:00:00:00:02:02", "host", host));
    db.execute(
        "UPDATE inventory_nic SET lastseen = '2026-01-01T00:00:00Z' WHERE mac = '00:00:00:00:02:01'",
        "UPDATE inventory_nic SET lastseen = '2026-02-01T00:00:00Z' WHERE mac = '00:00:00:00:02:02'");
    tx.required(
        em -> {
          HostDerivation.refresh(Sql.of(em), List.of(host));
          return null;
        });
    assertEquals(Instant.parse("2026-02-01T00:00:00Z"), host(host).get("lastseen"));
  }

  /**
   * A scan that sees a host's NICs again moves its lastseen only: the host is not marked changed
   * (the caches behind the change markers stay valid); a moved IP marks it.
   */
  @Test
  void aNewLastseenAloneDoesNotMarkTheHostChanged() throws Exception {
    long host = fixture.host("derive-marker", "new");
    create(Models.NIC, Map.of("mac", "00:00:00:00:0d:01", "host", host, "ip", "10.1.4.1"));
    String marked =
        "SELECT count(*) AS n FROM domain_change WHERE tbl = 'inventory_host'"
            + " AND xid = pg_current_xact_id()";
    assertEquals(0L, markedWhenRefreshed(host, marked, "2026-03-01T00:00:00Z", null));
    assertEquals(Instant.parse("2026-03-01T00:00:00Z"), host(host).get("lastseen"));
    assertEquals(1L, markedWhenRefreshed(host, marked, "2026-03-02T00:00:00Z", "10.1.4.9"));
    assertEquals("10.1.4.9", host(host).get("ip"));
  }

  /** Sets the host's NIC's lastseen (and IP, unless null) as a scan would, and refreshes it. */
  private long markedWhenRefreshed(long host, String marked, String lastseen, String ip) {
    return tx.required(
        em -> {
          Sql sql = Sql.of(em);
          sql.update(
              "UPDATE inventory_nic SET lastseen = ?::timestamptz, ip = coalesce(?::inet, ip)"
                  + " WHERE host_id = ?",
              Arrays.asList(lastseen, ip, host));
          HostDerivation.refresh(sql, List.of(host));
          return (Long) sql.row(marked, List.of()).get("n");
        });
  }

  @Test
  void hostHasAtMostOnePrimaryNic() throws Exception {
    long host = fixture.host("one-primary", "new");
    create(Models.NIC, Map.of("mac", "00:00:00:00:03:01", "host", host, "primary", true));
    ProblemException e =
        refused(
            () ->
                create(
                    Models.NIC, Map.of("mac", "00:00:00:00:03:02", "host", host, "primary", true)));
    assertEquals(Map.of("primary", List.of("the host already has a primary NIC")), e.errors());
    assertEquals(
        0, db.number("SELECT count(*) FROM inventory_nic WHERE mac = '00:00:00:00:03:02'"));
  }

  @Test
  void hostLeavingActiveSuspendsItsActiveBookable() throws Exception {
    long host = fixture.host("suspend-me", "active");
    long bookable = activeBookable(host);
    patch(Models.HOST, host, Map.of("status", "missing"));
    assertEquals("suspended", status(bookable));
    db.execute("UPDATE booking_bookable SET status = 'inactive' WHERE id = " + bookable);
    patch(Models.HOST, host, Map.of("status", "active"));
    patch(Models.HOST, host, Map.of("status", "retired"));
    assertEquals("inactive", status(bookable));
  }

  @Test
  void aPatchSendingNullForAStatusIsRefusedAndChangesNothing() throws Exception {
    long host = fixture.host("null-status", "active");
    long bookable = activeBookable(host);
    Map<String, Object> input = new HashMap<>();
    input.put("status", null);
    ProblemException hostRefused = refused(() -> patch(Models.HOST, host, input));
    assertEquals(400, hostRefused.status());
    assertEquals(
        Map.of("status", List.of("may not be null: leave it out to keep it")),
        hostRefused.errors());
    assertEquals("active", host(host).get("status"));
    assertEquals("active", status(bookable));
    ProblemException bookableRefused = refused(() -> patch(Bookables.MODEL, bookable, input));
    assertEquals(400, bookableRefused.status());
    assertEquals("active", status(bookable));
  }

  /** An active bookable of the host: its id. */
  private long activeBookable(long host) throws Exception {
    return db.number(
        "INSERT INTO booking_bookable (host_id, status) VALUES ("
            + host
            + ", 'active') RETURNING id");
  }

  private String status(long bookable) {
    return (String)
        tx.readOnly(em -> inventory.get(Sql.of(em), Bookables.MODEL, bookable)).get("status");
  }

  @Test
  void labContainingAnIpIsFoundByTheDatabase() throws Exception {
    create(Models.LAB, Map.of("name", "lab-10-2", "network", "10.2.0.0/16"));
    create(Models.LAB, Map.of("name", "lab-10-2-5", "network", "10.2.5.0/24"));
    List<String> labs =
        tx.readOnly(
            em ->
                Sql.of(em)
                    .rows(
                        "SELECT name FROM inventory_lab WHERE network >>= ?::inet"
                            + " ORDER BY masklen(network) DESC",
                        List.of("10.2.5.7"))
                    .stream()
                    .map(r -> (String) r.get("name"))
                    .toList());
    assertEquals(List.of("lab-10-2-5", "lab-10-2"), labs);
  }

  @Test
  void badAddressesAreFieldErrorsAndNothingIsWritten() {
    ProblemException e =
        refused(() -> create(Models.NIC, Map.of("mac", "00:11:22", "ip", "300.1.1.1")));
    assertEquals(400, e.status());
    assertEquals(2, e.errors().size(), e.errors().toString());
    ProblemException lab =
        refused(() -> create(Models.LAB, Map.of("name", "bad-net", "network", "10.0.0.1/8")));
    assertEquals(List.of("network"), List.copyOf(lab.errors().keySet()));
  }

  @Test
  void unknownFieldsWrongTypesAndUnknownIdsAreFieldErrors() {
    ProblemException e =
        refused(
            () ->
                create(
                    Models.HOST,
                    Map.of(
                        "hostname", 7,
                        "hardware", 999_999,
                        "colour", "red",
                        "ip", "10.0.0.1",
                        "status", "lost")));
    assertEquals(List.of("must be a string"), e.errors().get("hostname"));
    assertEquals(List.of("no hardware with id 999999"), e.errors().get("hardware"));
    assertEquals(List.of("unknown field"), e.errors().get("colour"));
    assertEquals(List.of(ReadOnly.PROBLEM), e.errors().get("ip"));
    assertEquals(1, e.errors().get("status").size());
  }

  @Test
  void aTimeIsCutToTheMicrosecondNotRoundedIntoTheYear10000() {
    // PostgreSQL keeps microseconds: it would round this one up to 10000-01-01
    assertEquals(
        Instant.parse("9999-12-31T23:59:59.999999Z"),
        Values.time("9999-12-31T23:59:59.9999999Z", ZoneOffset.UTC));
    assertEquals(
        Instant.parse("2026-01-01T00:00:00.123456Z"),
        Values.time("2026-01-01T00:00:00.1234569", ZoneOffset.UTC));
  }

  @Test
  void aTextsLengthIsCountedInCharactersAsTheDatabaseCountsThem() {
    String face = "\ud83d\ude00"; // one character, two UTF-16 units
    create(Models.HOSTTYPE, Map.of("name", face.repeat(99) + "a"));
    ProblemException e = refused(() -> create(Models.HOSTTYPE, Map.of("name", face.repeat(101))));
    assertEquals(List.of("at most 100 characters"), e.errors().get("name"));
  }

  @Test
  void duplicateHostnameIgnoringCaseIsAFieldError() {
    create(Models.HOST, Map.of("hostname", "Dup-Host", "hardware", fixture.hardware));
    ProblemException e =
        refused(
            () ->
                create(Models.HOST, Map.of("hostname", "dup-host", "hardware", fixture.hardware)));
    assertEquals(Map.of("hostname", List.of("already taken")), e.errors());
  }

  @Test
  void aHostCannotBeItsOwnVmHostAndSaysSoAtTheField() {
    long host =
        ((Number)
                create(Models.HOST, Map.of("hostname", "self-vm", "hardware", fixture.hardware))
                    .get("id"))
            .longValue();
    ProblemException e = refused(() -> patch(Models.HOST, host, Map.of("vm_host", host)));
    assertEquals(Map.of("vm_host", List.of("a host cannot be its own VM host")), e.errors());
    assertEquals(null, host(host).get("vm_host"));
  }

  @Test
  void aVmHostLoopThroughOtherHostsIsRefusedAtTheField() throws Exception {
    long a = fixture.host("loop-a", "new");
    long b = fixture.host("loop-b", "new");
    long c = fixture.host("loop-c", "new");
    patch(Models.HOST, b, Map.of("vm_host", a));
    patch(Models.HOST, c, Map.of("vm_host", b));
    for (long closing : List.of(b, c)) {
      ProblemException e = refused(() -> patch(Models.HOST, a, Map.of("vm_host", closing)));
      assertEquals(
          Map.of(
              "vm_host",
              List.of(
                  "would make a loop: that host runs on this one (directly or through others)")),
          e.errors());
    }
    assertEquals(null, host(a).get("vm_host"));
    patch(Models.HOST, c, Map.of("vm_host", a));
    assertEquals(a, host(c).get("vm_host"), "not a loop: two hosts on one");
  }

  @Test
  void aWholeNumberBeyondTheColumnsRangeIsToldItIsTooLarge() {
    assertEquals(
        Values.TOO_LARGE, Values.problem(Field.number("n", 0), 2147483648L, null, ZoneOffset.UTC));
    assertEquals(
        "must be a whole number of at least 0",
        Values.problem(Field.number("n", 0), -1, null, ZoneOffset.UTC));
  }

  @Test
  void deletingWhatOthersReferToIsAConflict() {
    long hardware = (Long) create(Models.HOSTHARDWARE, Map.of("name", "in-use")).get("id");
    create(Models.HOST, Map.of("hostname", "uses-hardware", "hardware", hardware));
    ProblemException e =
        refused(
            () ->
                tx.required(
                    em -> {
                      inventory.delete(Sql.of(em), Models.HOSTHARDWARE, hardware);
                      return null;
                    }));
    assertEquals(409, e.status());
  }

  @Test
  void hostsAreFilteredByHostnameIgnoringCaseAndByMac() throws Exception {
    long host = fixture.host("Filter-Me", "new");
    create(Models.NIC, Map.of("mac", "00:00:00:00:04:01", "host", host));
    Inventory.Rows byName =
        tx.readOnly(
            em -> inventory.list(Sql.of(em), Models.HOST, Map.of("hostname", "filter-me"), 10, 0));
    Inventory.Rows byMac =
        tx.readOnly(
            em ->
                inventory.list(Sql.of(em), Models.HOST, Map.of("mac", "00-00-00-00-04-01"), 10, 0));
    assertEquals(1, byName.count());
    assertEquals(host, byName.results().get(0).get("id"));
    assertEquals(host, byMac.results().get(0).get("id"));
  }

  /** "no\u200Bde01" looks like "node01": staff would book or delete the wrong host. */
  @Test
  void invisibleFormatCharactersAreRefusedInNamesButKeptInFreeText() throws Exception {
    ProblemException host =
        refused(
            () ->
                create(
                    Models.HOST,
                    Map.of(
                        "hostname",
                        "no\u200Bde01",
                        "serial_no",
                        "SN\u202E1",
                        "asset_no",
                        "A\u00AD1",
                        "hardware",
                        fixture.hardware)));
    assertEquals(
        List.of(
            "must not contain invisible formatting characters (Unicode category Cf: zero-width"
                + " characters, direction controls, soft hyphen), which make it look like"
                + " another; U+200B at character 3"),
        host.errors().get("hostname"));
    assertEquals(List.of("asset_no", "hostname", "serial_no"), sorted(host.errors().keySet()));
    for (String invisible : List.of("\u2066", "\u2060", "\uFEFF", "\u200D")) {
      ProblemException building =
          refused(() -> create(Models.BUILDING, Map.of("code", "B" + invisible)));
      assertEquals(List.of("code"), List.copyOf(building.errors().keySet()), invisible);
      ProblemException hardware =
          refused(() -> create(Models.HOSTHARDWARE, Map.of("name", "R650" + invisible)));
      assertEquals(List.of("name"), List.copyOf(hardware.errors().keySet()), invisible);
    }
    // some scripts need a zero-width joiner or a direction mark in running text
    Map<String, Object> type =
        create(Models.CARDTYPE, Map.of("name", "NIC-zwj", "comments", "\u0915\u094D\u200D\u200F"));
    assertEquals("\u0915\u094D\u200D\u200F", type.get("comments"));
  }

  /**
   * A name or a line of prose is one line: a line feed would show "x" and "y" as two entries in a
   * list; several lines (a comment) keep theirs, and a name stored with one before the rule may be
   * sent back as it is.
   */
  @Test
  void oneLineNamesRefuseLineBreaksAndControlCharacters() throws Exception {
    for (String broken : List.of("x\ny", "x\ry", "x\ty", "x\u2028y", "x\u0085y")) {
      ProblemException lab = refused(() -> create(Models.LAB, Map.of("name", broken)));
      assertEquals(List.of("name"), List.copyOf(lab.errors().keySet()), broken);
      assertTrue(lab.errors().get("name").get(0).contains("line breaks"), lab.getMessage());
      ProblemException customer = refused(() -> create(Loans.CUSTOMER, Map.of("name", broken)));
      assertEquals(List.of("name"), List.copyOf(customer.errors().keySet()), broken);
    }
    Map<String, Object> lab = create(Models.LAB, Map.of("name", "one-line", "comment", "x\ny"));
    assertEquals("x\ny", lab.get("comment"));
    long id = (Long) lab.get("id");
    db.execute("UPDATE inventory_lab SET name = E'stored\\nbefore' WHERE id = " + id);
    Map<String, Object> kept =
        patch(Models.LAB, id, Map.of("name", "stored\nbefore", "comment", "changed"));
    assertEquals("stored\nbefore", kept.get("name"));
    assertEquals("changed", kept.get("comment"));
  }

  /**
   * A line of prose (a company's or person's name, a title) is written in people's scripts: a
   * Persian name needs its zero-width non-joiner; only direction controls, which show it in another
   * order than it is written, are refused there.
   */
  @Test
  void aLineOfProseKeepsZeroWidthJoinersButRefusesDirectionControls() throws Exception {
    String persian = "\u0645\u06CC\u200C\u0634\u0648\u062F";
    Map<String, Object> customer =
        create(Loans.CUSTOMER, Map.of("name", persian, "contact_name", persian));
    assertEquals(persian, customer.get("name"));
    ProblemException reversed = refused(() -> create(Loans.CUSTOMER, Map.of("name", "\u202Eemca")));
    assertEquals(List.of("name"), List.copyOf(reversed.errors().keySet()));
    assertTrue(reversed.errors().get("name").get(0).contains("U+202E"), reversed.getMessage());
  }

  @Test
  void aHostnameStoredWithAnInvisibleCharacterMayBeSentBackUnchanged() throws Exception {
    long id = fixture.host("old\u200Bhost", "new");
    Map<String, Object> kept =
        patch(Models.HOST, id, Map.of("hostname", "old\u200Bhost", "details", "moved"));
    assertEquals("moved", kept.get("details"));
    ProblemException changed =
        refused(() -> patch(Models.HOST, id, Map.of("hostname", "new\u200Bhost")));
    assertEquals(List.of("hostname"), List.copyOf(changed.errors().keySet()));
  }

  private static List<String> sorted(java.util.Set<String> names) {
    return names.stream().sorted().toList();
  }
}
