package cores.domain.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.fail;

import cores.api.accounts.User;
import cores.api.admin.AdminField;
import cores.api.admin.AdminModel;
import cores.domain.DomainDatabase;
import cores.domain.Fixture;
import cores.domain.inventory.Models;
import cores.domain.sql.ChangeMarkers;
import cores.domain.sql.Sql;
import cores.testing.TestDatabase;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The admin lists' filter options are kept between requests only while they are what the database
 * would answer now: any write to a table they read shows in the next page's options, on every
 * instance.
 */
class FilterOptionsTest {
  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private static final Labels.Used VENDOR =
      new Labels.Used("inventory_hdvendor", "inventory_host", "diskvendor_id");
  private static final Labels.Used RACK =
      new Labels.Used("inventory_rack", "inventory_host", "rack_id");
  private static final Labels.Used GROUP =
      new Labels.Used("accounts_group_v1", "inventory_host", "group_id");
  private static final Labels.Used OWNER =
      new Labels.Used("accounts_user_v1", "inventory_host", "owner_id");
  private static final Labels.Used VM_HOST =
      new Labels.Used("inventory_host", "inventory_host", "vm_host_id");
  private static final Labels.Used LAB =
      new Labels.Used(
          "inventory_lab",
          "inventory_host",
          "(SELECT r.lab_id FROM inventory_rack r WHERE r.id = inventory_host.rack_id)");
  private static final List<Labels.Used> HOST_FILTERS = List.of(VENDOR, RACK, GROUP, OWNER);

  private final FilterOptions kept = new FilterOptions(1000, ZoneOffset.UTC);
  private DomainDatabase db;
  private TestDatabase.Tx tx;
  private Fixture fixture;
  private long host;
  private long vendor;
  private long group;
  private User staff;

  @BeforeEach
  void setUp() throws Exception {
    db = new DomainDatabase();
    tx = db.transactions();
    fixture = new Fixture(db);
    staff = db.user("optionstaff", true, Set.of());
    vendor = db.number("INSERT INTO inventory_hdvendor (vendor) VALUES ('Seagate') RETURNING id");
    group = db.number("INSERT INTO auth_group (name) VALUES ('team-a') RETURNING id");
    host = fixture.host("options-host", "active");
    db.execute(
        "UPDATE inventory_host SET diskvendor_id = "
            + vendor
            + ", group_id = "
            + group
            + ", owner_id = "
            + staff.id()
            + " WHERE id = "
            + host);
  }

  @AfterEach
  void tearDown() throws Exception {
    tx.close();
    db.close();
  }

  private List<Map<Long, String>> options(Instant now) {
    return tx.readOnly(em -> kept.options(Sql.of(em), HOST_FILTERS, now));
  }

  /** The same objects as before: kept, not computed again. */
  private static void assertKept(List<Map<Long, String>> first, List<Map<Long, String>> again) {
    assertEquals(first.size(), again.size());
    for (int i = 0; i < first.size(); i++) {
      assertSame(first.get(i), again.get(i));
    }
  }

  @Test
  void everyMarkedTableHasTheTriggerAndNoOtherDoes() throws Exception {
    assertEquals(
        ChangeMarkers.TABLES,
        new HashSet<>(
            db.texts(
                "SELECT tgrelid::regclass::text FROM pg_trigger WHERE tgname = 'domain_changed'")));
  }

  @Test
  void unchangedOptionsAreServedAgainAfterOneStatement() {
    options(NOW); // EclipseLink's first transaction reads server settings
    List<Map<Long, String>> first = options(NOW);
    int before = db.statements.get();
    List<Map<Long, String>> again = options(NOW.plusSeconds(1));
    // the check (the transaction begins READ ONLY with it: no statement of its own)
    assertEquals(1, db.statements.get() - before);
    assertKept(first, again);
    assertEquals(Map.of(vendor, "Seagate"), again.get(0));
    assertEquals(Map.of(fixture.rack, "lab1 rack 0"), again.get(1));
    assertEquals(Map.of(group, "team-a"), again.get(2));
    assertEquals(Map.of(staff.id(), "optionstaff"), again.get(3));
  }

  @Test
  void aNewDiskVendorOfAHostShowsInTheNextOptions() throws Exception {
    options(NOW);
    long other =
        db.number("INSERT INTO inventory_hdvendor (vendor) VALUES ('Hitachi') RETURNING id");
    // not yet any host's: not an option, and the options are still right
    assertEquals(Map.of(vendor, "Seagate"), options(NOW).get(0));
    long second = fixture.host("options-second", "active");
    db.execute("UPDATE inventory_host SET diskvendor_id = " + other + " WHERE id = " + second);
    assertEquals(Map.of(other, "Hitachi", vendor, "Seagate"), options(NOW).get(0));
  }

  @Test
  void aRenamedReferencedObjectShowsInTheNextOptions() throws Exception {
    options(NOW);
    db.execute("UPDATE inventory_hdvendor SET vendor = 'Seagate Exos' WHERE id = " + vendor);
    assertEquals(Map.of(vendor, "Seagate Exos"), options(NOW).get(0));
  }

  @Test
  void aTableALabelReadsIsWatchedToo() throws Exception {
    options(NOW);
    // a rack's label is its lab's name and its number
    db.execute("UPDATE inventory_lab SET name = 'lab9' WHERE id = " + fixture.lab);
    assertEquals(Map.of(fixture.rack, "lab9 rack 0"), options(NOW).get(1));
  }

  @Test
  void renamedGroupsAndUsersOfTheAccountsBundleShowInTheNextOptions() throws Exception {
    options(NOW);
    // the accounts bundle's tables have no change markers: the labels shown are checked
    db.execute("UPDATE auth_group SET name = 'team-b' WHERE id = " + group);
    assertEquals(Map.of(group, "team-b"), options(NOW).get(2));
    db.execute("UPDATE auth_user SET username = 'optionstaff2' WHERE id = " + staff.id());
    assertEquals(Map.of(staff.id(), "optionstaff2"), options(NOW).get(3));
  }

  @Test
  void changesOfColumnsNoOptionShowsKeepTheOptions() throws Exception {
    List<Map<Long, String>> first = options(NOW);
    db.execute(
        "UPDATE inventory_host SET lastseen = now()", "UPDATE auth_user SET last_login = now()");
    assertKept(first, options(NOW));
  }

  /**
   * An edit of a host's columns that no option reads (its details, status, serial number: the
   * admin's and the API's usual edits) keeps the options, the VM hosts' (labelled by the hosts' own
   * names) too: the options check the markers of the columns they read (migration 018).
   */
  @Test
  void editsOfAHostsColumnsNoOptionReadsKeepTheOptions() throws Exception {
    long vm = fixture.host("options-vm", "active");
    db.execute("UPDATE inventory_host SET vm_host_id = " + host + " WHERE id = " + vm);
    List<Labels.Used> filters = List.of(VENDOR, RACK, GROUP, OWNER, VM_HOST, LAB);
    List<Map<Long, String>> first =
        tx.readOnly(em -> kept.options(Sql.of(em), filters, NOW.plusSeconds(1)));
    assertEquals(Map.of(host, "options-host"), first.get(4));
    db.execute(
        "UPDATE inventory_host SET details = 'edited', status = 'offline', serial_no = 'S1',"
            + " hypervisor = true WHERE id = "
            + host);
    assertKept(first, tx.readOnly(em -> kept.options(Sql.of(em), filters, NOW.plusSeconds(2))));
  }

  /**
   * Each column an option reads shows in the next options once changed, as does a host added or
   * deleted: the VM host's name, a host's VM host, disk vendor and rack (its lab).
   */
  @Test
  void aChangeOfAHostsColumnAnOptionReadsShowsInTheNextOptions() throws Exception {
    List<Labels.Used> filters = List.of(VENDOR, VM_HOST, LAB);
    db.execute("UPDATE inventory_host SET rack_id = " + fixture.rack + " WHERE id = " + host);
    assertEquals(
        List.of(Map.of(vendor, "Seagate"), Map.of(), Map.of(fixture.lab, "lab1")),
        tx.readOnly(em -> kept.options(Sql.of(em), filters, NOW)));
    long vm = fixture.host("options-vm", "active");
    db.execute("UPDATE inventory_host SET vm_host_id = " + host + " WHERE id = " + vm);
    assertEquals(
        Map.of(host, "options-host"),
        tx.readOnly(em -> kept.options(Sql.of(em), filters, NOW)).get(1));
    db.execute("UPDATE inventory_host SET hostname = 'options-renamed' WHERE id = " + host);
    assertEquals(
        Map.of(host, "options-renamed"),
        tx.readOnly(em -> kept.options(Sql.of(em), filters, NOW)).get(1));
    db.execute("UPDATE inventory_host SET diskvendor_id = NULL WHERE id = " + host);
    assertEquals(Map.of(), tx.readOnly(em -> kept.options(Sql.of(em), filters, NOW)).get(0));
    long other =
        db.number(
            "INSERT INTO inventory_lab (name, building_id, network) VALUES ('lab2', "
                + fixture.building
                + ", '10.2.0.0/16') RETURNING id");
    long rack =
        db.number(
            "INSERT INTO inventory_rack (lab_id, number) VALUES (" + other + ", 1) RETURNING id");
    assertEquals(
        Map.of(fixture.lab, "lab1"),
        tx.readOnly(em -> kept.options(Sql.of(em), filters, NOW)).get(2));
    db.execute("UPDATE inventory_host SET rack_id = " + rack + " WHERE id = " + host);
    // the VM host stays in the first lab's rack
    assertEquals(
        Map.of(other, "lab2", fixture.lab, "lab1"),
        tx.readOnly(em -> kept.options(Sql.of(em), filters, NOW)).get(2));
    // inserted with a vendor: no column's update, only the rows' marker
    db.execute(
        "INSERT INTO inventory_host (hostname, diskvendor_id, hardware_id, status) SELECT"
            + " 'options-new', "
            + vendor
            + ", hardware_id, 'active' FROM inventory_host WHERE id = "
            + host);
    assertEquals(
        Map.of(vendor, "Seagate"),
        tx.readOnly(em -> kept.options(Sql.of(em), filters, NOW)).get(0));
    db.execute("DELETE FROM inventory_host WHERE id = " + vm);
    assertEquals(Map.of(), tx.readOnly(em -> kept.options(Sql.of(em), filters, NOW)).get(1));
  }

  /**
   * A derived filter's subquery runs once for each distinct value of the columns it reads, not once
   * a row (a host's lab once a rack: 5,000 runs took tens of ms); its options are the same.
   */
  @Test
  void aDerivedFiltersSubqueryRunsOnceADistinctValueOfTheColumnsItReads() throws Exception {
    fixture.host("options-second", "active");
    fixture.host("options-third", "active");
    db.execute("UPDATE inventory_host SET rack_id = " + fixture.rack);
    Labels.Used counted =
        new Labels.Used(
            "inventory_lab",
            "inventory_host",
            "(SELECT r.lab_id FROM inventory_rack r WHERE r.id = inventory_host.rack_id"
                + " AND nextval('options_runs') > 0)");
    try (Connection reader = db.connect();
        Statement statement = reader.createStatement()) {
      statement.execute("CREATE TEMPORARY SEQUENCE options_runs");
      List<Map<Long, String>> options =
          Labels.usedOptions(Sql.on(reader), List.of(counted), 10, ZoneOffset.UTC);
      assertEquals(List.of(Map.of(fixture.lab, "lab1")), options);
      try (var runs = statement.executeQuery("SELECT last_value FROM options_runs")) {
        runs.next();
        assertEquals(1, runs.getLong(1), "runs of the subquery for three hosts in one rack");
      }
    }
  }

  /** Every column marker of ChangeMarkers has its trigger: a statement setting it adds it. */
  @Test
  void everyColumnMarkerIsAddedByAStatementSettingItsColumn() throws Exception {
    for (Map.Entry<String, Set<String>> table : ChangeMarkers.COLUMNS.entrySet()) {
      for (String column : table.getValue()) {
        assertEquals(
            Set.of(table.getKey(), table.getKey() + "." + column),
            markersOf("UPDATE " + table.getKey() + " SET " + column + " = " + column),
            column);
      }
      assertEquals(
          Set.of(table.getKey()),
          markersOf("UPDATE " + table.getKey() + " SET details = details"),
          "details");
      assertEquals(
          Set.of(table.getKey(), ChangeMarkers.rows(table.getKey())),
          markersOf("DELETE FROM " + table.getKey() + " WHERE false"));
    }
  }

  /** The markers a statement adds, in a transaction rolled back. */
  private Set<String> markersOf(String statement) throws Exception {
    try (Connection writer = db.connect();
        Statement write = writer.createStatement()) {
      writer.setAutoCommit(false);
      write.execute(statement);
      Set<String> markers = new HashSet<>();
      try (var rows =
          write.executeQuery(
              "SELECT tbl FROM domain_change WHERE xid = pg_current_xact_id_if_assigned()")) {
        while (rows.next()) {
          markers.add(rows.getString(1));
        }
      }
      writer.rollback();
      return markers;
    }
  }

  @Test
  void aChangeNotYetCommittedNeitherShowsNorEmptiesTheOptionsUntilItCommits() throws Exception {
    List<Map<Long, String>> first = options(NOW);
    try (Connection writer = db.connect();
        Statement statement = writer.createStatement()) {
      writer.setAutoCommit(false);
      statement.execute("UPDATE inventory_hdvendor SET vendor = 'WD' WHERE id = " + vendor);
      assertKept(first, options(NOW));
      writer.commit();
    }
    assertEquals(Map.of(vendor, "WD"), options(NOW).get(0));
  }

  @Test
  void optionsAreComputedAgainAfterAnHourWhateverTheChecksSay() {
    List<Map<Long, String>> first = options(NOW);
    assertKept(first, options(NOW.plus(FilterOptions.MAX_AGE).minusMillis(1)));
    assertNotSame(first.get(0), options(NOW.plus(FilterOptions.MAX_AGE)).get(0));
  }

  /** Two instances: a write through one shows in the other's next page (the marker is shared). */
  @Test
  void aWriteThroughOneInstanceShowsInTheOthersNextOptions() throws Exception {
    AdminDeskService one = new AdminDeskService(tx, DomainDatabase.mail(tx, ZoneOffset.UTC));
    AdminDeskService other = new AdminDeskService(tx, DomainDatabase.mail(tx, ZoneOffset.UTC));
    AdminModel hosts =
        other.models().stream().filter(m -> m.name().equals("host")).findFirst().orElseThrow();
    AdminField diskvendor = hosts.field("diskvendor").orElseThrow();
    List<AdminField> fields = List.of(diskvendor, hosts.field("rack").orElseThrow());
    assertEquals(
        Map.of(vendor, "Seagate"), other.filterOptions(staff, hosts, fields).get("diskvendor"));
    long hitachi =
        db.number("INSERT INTO inventory_hdvendor (vendor) VALUES ('Hitachi') RETURNING id");
    User writer =
        db.user(
            "optionwriter",
            true,
            Set.of(Models.HOST.permission("view"), Models.HOST.permission("change")));
    Map<String, String> values = new LinkedHashMap<>(one.get(writer, hosts, host));
    values.put("diskvendor", String.valueOf(hitachi));
    values.put("status", "offline");
    one.update(writer, hosts, host, values);
    Map<Long, String> offered = other.filterOptions(staff, hosts, fields).get("diskvendor");
    assertEquals(Map.of(hitachi, "Hitachi"), offered);
    assertFalse(offered.containsKey(vendor));
  }

  /**
   * A derived filter (the host list's lab, through each host's rack) is kept too, and a write to a
   * table its column reads shows next time: a rack moved to another lab. One derived from a column
   * whose updates are not marked (a host's lastseen) is computed each time.
   */
  @Test
  void aDerivedFiltersOptionsAreKeptUntilATableItsColumnReadsChanges() throws Exception {
    Labels.Used lab =
        new Labels.Used(
            "inventory_lab",
            "inventory_host",
            "(SELECT r.lab_id FROM inventory_rack r WHERE r.id = inventory_host.rack_id)");
    db.execute("UPDATE inventory_host SET rack_id = " + fixture.rack + " WHERE id = " + host);
    Map<Long, String> first = tx.readOnly(em -> kept.options(Sql.of(em), List.of(lab), NOW)).get(0);
    assertEquals(Map.of(fixture.lab, "lab1"), first);
    assertSame(first, tx.readOnly(em -> kept.options(Sql.of(em), List.of(lab), NOW)).get(0));
    long other =
        db.number(
            "INSERT INTO inventory_lab (name, building_id, network) VALUES ('lab2', "
                + fixture.building
                + ", '10.2.0.0/16') RETURNING id");
    db.execute("UPDATE inventory_rack SET lab_id = " + other + " WHERE id = " + fixture.rack);
    assertEquals(
        Map.of(other, "lab2"),
        tx.readOnly(em -> kept.options(Sql.of(em), List.of(lab), NOW)).get(0));
    Labels.Used seen =
        new Labels.Used(
            "inventory_lab",
            "inventory_host",
            "(SELECT r.lab_id FROM inventory_rack r WHERE r.id = inventory_host.rack_id"
                + " AND inventory_host.lastseen IS NULL)");
    Map<Long, String> unkept =
        tx.readOnly(em -> kept.options(Sql.of(em), List.of(seen), NOW)).get(0);
    assertNotSame(unkept, tx.readOnly(em -> kept.options(Sql.of(em), List.of(seen), NOW)).get(0));
  }

  /**
   * A set of filters' options is computed by one request at a time: the requests asking meanwhile
   * wait for it and are handed what it kept. The computation is held inside PostgreSQL (the table
   * its labels read locked by another transaction) until every request has asked; then one
   * computation means one options object for all.
   */
  @Test
  void requestsAskingWhileOptionsAreComputedWaitForThemInsteadOfComputingTheirOwn()
      throws Exception {
    int asking = 4;
    List<Thread> threads = new CopyOnWriteArrayList<>();
    ExecutorService requests =
        Executors.newFixedThreadPool(
            asking,
            task -> {
              Thread thread = new Thread(task);
              threads.add(thread);
              return thread;
            });
    try (Connection locker = db.connect();
        Statement lock = locker.createStatement()) {
      locker.setAutoCommit(false);
      lock.execute("LOCK TABLE inventory_hdvendor IN ACCESS EXCLUSIVE MODE");
      List<Future<Map<Long, String>>> answers = new ArrayList<>();
      for (int i = 0; i < asking; i++) {
        answers.add(
            requests.submit(
                () -> tx.readOnly(em -> kept.options(Sql.of(em), List.of(VENDOR), NOW)).get(0)));
      }
      awaitAllAsking(asking, threads);
      locker.rollback();
      Set<Map<Long, String>> computed = Collections.newSetFromMap(new IdentityHashMap<>());
      for (Future<Map<Long, String>> answer : answers) {
        assertEquals(Map.of(vendor, "Seagate"), answer.get(1, TimeUnit.MINUTES));
        computed.add(answer.get());
      }
      assertEquals(1, computed.size(), "computations of the same options");
    } finally {
      requests.shutdownNow();
    }
  }

  /**
   * Waits until every request either waits inside PostgreSQL for the locked table (computing) or
   * waits for a monitor another request holds (for the one computing); a guard, not a timing.
   */
  private void awaitAllAsking(int asking, List<Thread> threads) throws Exception {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    while (true) {
      long inDatabase =
          db.number(
              "SELECT count(*) FROM pg_locks"
                  + " WHERE relation = 'inventory_hdvendor'::regclass AND NOT granted");
      Set<Long> ids = new HashSet<>();
      threads.forEach(thread -> ids.add(thread.getId()));
      long waitingForOne =
          threads.stream()
              .map(thread -> mx.getThreadInfo(thread.getId()))
              .filter(info -> info != null && info.getThreadState() == Thread.State.BLOCKED)
              .filter(info -> ids.contains(info.getLockOwnerId()))
              .count();
      if (inDatabase + waitingForOne == asking) {
        return;
      }
      if (System.nanoTime() > deadline) {
        fail(inDatabase + " requests wait in PostgreSQL and " + waitingForOne + " for another");
      }
      Thread.sleep(10);
    }
  }
}
