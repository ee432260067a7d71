package cores.domain.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import cores.api.accounts.User;
import cores.api.admin.AdminDesk.ListPage;
import cores.api.admin.AdminDesk.Rows;
import cores.api.admin.AdminField;
import cores.api.admin.AdminModel;
import cores.domain.DomainDatabase;
import cores.domain.Fixture;
import cores.domain.inventory.Models;
import cores.domain.sql.ChangeMarkers;
import cores.domain.sql.Sql;
import cores.testing.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The admin lists' pages are kept between requests only while they are what the list statement
 * would answer now: every change of what a page shows, written through another connection (another
 * instance), shows on the next page, a host's last-seen time and the accounts' group names
 * included.
 */
class KeptListsTest {
  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private static final Map<String, String> ACTIVE = Map.of("status", "active");

  private final KeptLists kept = new KeptLists(ZoneId.of("UTC"));
  private DomainDatabase db;
  private TestDatabase.Tx tx;
  private Fixture fixture;
  private long host;
  private long group;
  private AdminDeskService.Served hosts;

  @BeforeEach
  void setUp() throws Exception {
    db = new DomainDatabase();
    tx = db.transactions();
    fixture = new Fixture(db);
    group = db.number("INSERT INTO auth_group (name) VALUES ('team-a') RETURNING id");
    host = fixture.host("kept-01", "active");
    fixture.host("kept-02", "active");
    fixture.host("other-03", "retired");
    db.execute(
        "UPDATE inventory_host SET group_id = " + group + " WHERE id = " + host,
        "UPDATE inventory_host SET lastseen = '2026-01-02 03:04:05+00'");
    hosts = served(Models.HOST.name());
  }

  @AfterEach
  void tearDown() throws Exception {
    tx.close();
    db.close();
  }

  private static AdminDeskService.Served served(String name) {
    return Catalog.SERVED.stream()
        .filter(s -> s.model().name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private Rows page(String search, Map<String, String> filters, String sort) {
    return page(hosts, search, filters, sort, NOW);
  }

  private Rows page(
      AdminDeskService.Served served,
      String search,
      Map<String, String> filters,
      String sort,
      Instant now) {
    return tx.readOnly(
        em -> kept.rows(Sql.of(em), served.model(), served.admin(), search, filters, sort, 1, now));
  }

  /** The hostname column of each row, and the given column of the first. */
  private static String cell(Rows rows, long id, String column) {
    return rows.rows().stream()
        .filter(r -> r.get("id").equals(String.valueOf(id)))
        .findFirst()
        .orElseThrow()
        .get(column);
  }

  private static List<String> hostnames(Rows rows) {
    return rows.rows().stream().map(r -> r.get("hostname")).toList();
  }

  @Test
  void anUnchangedPageIsServedAgainAfterOneStatement() {
    page("kept", ACTIVE, ""); // EclipseLink's first transaction reads server settings
    Rows first = page("kept", ACTIVE, "");
    int before = db.statements.get();
    Rows again = page("kept", ACTIVE, "");
    // the check (the transaction begins READ ONLY with it: no statement of its own)
    assertEquals(1, db.statements.get() - before);
    assertSame(first, again);
    assertEquals(List.of("kept-01", "kept-02"), hostnames(again));
    assertEquals(2, again.count());
    assertEquals("R640", cell(again, host, "hardware"));
    assertEquals("team-a", cell(again, host, "group"));
    assertEquals("2026-01-02 03:04:05 UTC", cell(again, host, "lastseen"));
  }

  @Test
  void aLastSeenUpdateShowsOnTheNextPageThoughItIsNoMarkedChange() throws Exception {
    Rows first = page("kept", ACTIVE, "");
    // the scan ingest's update: no change marker
    db.execute("UPDATE inventory_host SET lastseen = '2026-12-03 10:11:00+00' WHERE id = " + host);
    Rows next = page("kept", ACTIVE, "");
    assertNotSame(first, next);
    assertEquals("2026-12-03 10:11:00 UTC", cell(next, host, "lastseen"));
    // a host not on the page: the page stays right, and kept
    db.execute("UPDATE inventory_host SET lastseen = now() WHERE hostname = 'other-03'");
    assertSame(next, page("kept", ACTIVE, ""));
  }

  @Test
  void aListOrderedByLastSeenIsNotKept() throws Exception {
    Rows first = page("kept", ACTIVE, "-lastseen");
    assertNotSame(first, page("kept", ACTIVE, "-lastseen"));
    db.execute("UPDATE inventory_host SET lastseen = now() WHERE hostname = 'kept-02'");
    assertEquals(List.of("kept-02", "kept-01"), hostnames(page("kept", ACTIVE, "-lastseen")));
  }

  @Test
  void aRenamedReferencedObjectShowsOnTheNextPage() throws Exception {
    page("kept", ACTIVE, "");
    db.execute("UPDATE inventory_hosthardware SET name = 'R650' WHERE id = " + fixture.hardware);
    assertEquals("R650", cell(page("kept", ACTIVE, ""), host, "hardware"));
  }

  @Test
  void aRenamedGroupOfTheAccountsBundleShowsOnTheNextPage() throws Exception {
    Rows first = page("kept", ACTIVE, "");
    // the accounts bundle's tables have no change markers: the labels shown are checked
    db.execute("UPDATE auth_group SET name = 'team-b' WHERE id = " + group);
    Rows next = page("kept", ACTIVE, "");
    assertNotSame(first, next);
    assertEquals("team-b", cell(next, host, "group"));
    db.execute("UPDATE auth_user SET last_login = now()");
    assertSame(next, page("kept", ACTIVE, ""));
  }

  @Test
  void aHostThatComesToMatchShowsOnTheNextPage() throws Exception {
    page("kept", ACTIVE, "");
    db.execute("UPDATE inventory_host SET status = 'active' WHERE hostname = 'other-03'");
    assertEquals(List.of("kept-01", "kept-02"), hostnames(page("kept", ACTIVE, "")));
    db.execute("UPDATE inventory_host SET hostname = 'kept-03' WHERE hostname = 'other-03'");
    Rows next = page("kept", ACTIVE, "");
    assertEquals(List.of("kept-01", "kept-02", "kept-03"), hostnames(next));
    assertEquals(3, next.count());
  }

  @Test
  void aNicWhoseMacComesToMatchTheSearchShowsItsHostOnTheNextPage() throws Exception {
    Rows first = page("aa:bb", Map.of(), "");
    assertEquals(List.of(), hostnames(first));
    assertSame(first, page("aa:bb", Map.of(), ""));
    // NICs have no change markers: what the search finds through them is checked
    long other = db.number("SELECT id FROM inventory_host WHERE hostname = 'other-03'");
    db.execute(
        "INSERT INTO inventory_nic (mac, host_id) VALUES ('aa:bb:cc:00:00:01', " + other + ")");
    assertEquals(List.of("other-03"), hostnames(page("aa:bb", Map.of(), "")));
    db.execute("UPDATE inventory_nic SET mac = '02:00:00:00:00:01'");
    assertEquals(List.of(), hostnames(page("aa:bb", Map.of(), "")));
  }

  @Test
  void aChangeNotYetCommittedDoesNotShowUntilItCommits() throws Exception {
    Rows first = page("kept", ACTIVE, "");
    try (Connection writer = db.connect();
        Statement statement = writer.createStatement()) {
      writer.setAutoCommit(false);
      statement.execute("UPDATE inventory_host SET details = 'rewired' WHERE id = " + host);
      assertSame(first, page("kept", ACTIVE, ""));
      writer.commit();
    }
    assertEquals("rewired", cell(page("kept", ACTIVE, ""), host, "details"));
  }

  @Test
  void pagesAreReadAgainAfterAnHourWhateverTheChecksSay() {
    Rows first = page(hosts, "kept", ACTIVE, "", NOW);
    assertSame(first, page(hosts, "kept", ACTIVE, "", NOW.plus(KeptLists.MAX_AGE).minusMillis(1)));
    assertNotSame(first, page(hosts, "kept", ACTIVE, "", NOW.plus(KeptLists.MAX_AGE)));
  }

  @Test
  void aBookableStatusChangeShowsInTheBookablesListWhichIsNeverKept() throws Exception {
    long bookable = fixture.bookable("kept-bookable", "active");
    AdminDeskService.Served bookables = served("bookable");
    Rows first = page(bookables, "", Map.of(), "", NOW);
    assertEquals("active", cell(first, bookable, "status"));
    // its columns count bookings relative to now: read each time
    assertNotSame(first, page(bookables, "", Map.of(), "", NOW));
    db.execute("UPDATE booking_bookable SET status = 'suspended' WHERE id = " + bookable);
    assertEquals("suspended", cell(page(bookables, "", Map.of(), "", NOW), bookable, "status"));
  }

  @Test
  void differentQueriesAreDifferentPages() {
    Rows kept01 = page("kept-01", Map.of(), "");
    Rows all = page("", Map.of(), "");
    assertEquals(List.of("kept-01"), hostnames(kept01));
    assertEquals(List.of("kept-01", "kept-02", "other-03"), hostnames(all));
    assertEquals(List.of("other-03"), hostnames(page("", Map.of("status", "retired"), "")));
    assertSame(kept01, page("kept-01", Map.of(), ""));
    assertEquals(
        List.of("other-03", "kept-02", "kept-01"), hostnames(page("", Map.of(), "-hostname")));
  }

  /** The unmarked columns ChangeMarkers names are exactly those the triggers leave out. */
  @Test
  void theUnmarkedColumnsAreThoseTheTriggersLeaveOut() throws Exception {
    Map<String, Set<String>> found = new HashMap<>();
    for (String row :
        db.texts(
            "SELECT t.tgrelid::regclass::text || ' ' || a.attname FROM pg_trigger t"
                + " JOIN pg_attribute a ON a.attrelid = t.tgrelid AND a.attnum > 0"
                + " AND NOT a.attisdropped WHERE t.tgname = 'domain_changed'"
                + " AND cardinality(t.tgattr::int2[]) > 0 AND a.attname <> 'id'"
                + " AND NOT a.attnum = ANY (t.tgattr::int2[])")) {
      String[] parts = row.split(" ");
      found.computeIfAbsent(parts[0], t -> new HashSet<>()).add(parts[1]);
    }
    assertEquals(ChangeMarkers.UNMARKED_COLUMNS, found);
  }

  /** Two instances: a write through one shows on the other's next page. */
  @Test
  void aWriteThroughOneInstanceShowsOnTheOthersNextPage() throws Exception {
    AdminDeskService one = new AdminDeskService(tx, DomainDatabase.mail(tx, ZoneOffset.UTC));
    AdminDeskService other = new AdminDeskService(tx, DomainDatabase.mail(tx, ZoneOffset.UTC));
    AdminModel admin =
        other.models().stream().filter(m -> m.name().equals("host")).findFirst().orElseThrow();
    User staff =
        db.user(
            "keptwriter",
            true,
            Set.of(Models.HOST.permission("view"), Models.HOST.permission("change")));
    Rows first = other.list(staff, admin, "kept", ACTIVE, "", 1);
    assertSame(first, other.list(staff, admin, "kept", ACTIVE, "", 1));
    Map<String, String> values = new LinkedHashMap<>(one.get(staff, admin, host));
    values.put("status", "offline");
    one.update(staff, admin, host, values);
    assertEquals(List.of("kept-02"), hostnames(other.list(staff, admin, "kept", ACTIVE, "", 1)));
  }

  /**
   * The list page with its filters' options: when both are kept, one autocommit statement checks
   * them together; a write through another instance shows on the next page, rows and options.
   */
  @Test
  void aKeptListPageIsCheckedInOneStatementAndAWriteElsewhereShows() throws Exception {
    AdminDeskService one = new AdminDeskService(tx, DomainDatabase.mail(tx, ZoneOffset.UTC));
    AdminDeskService other = new AdminDeskService(tx, DomainDatabase.mail(tx, ZoneOffset.UTC));
    AdminModel admin =
        other.models().stream().filter(m -> m.name().equals("host")).findFirst().orElseThrow();
    List<AdminField> fields =
        List.of(admin.field("group").orElseThrow(), admin.field("hardware").orElseThrow());
    User staff =
        db.user(
            "keptpage",
            true,
            Set.of(Models.HOST.permission("view"), Models.HOST.permission("change")));
    ListPage first = other.listPage(staff, admin, "kept", ACTIVE, "", 1, fields);
    int statements = db.statements.get();
    int transactions = db.transactions.get();
    ListPage again = other.listPage(staff, admin, "kept", ACTIVE, "", 1, fields);
    assertEquals(1, db.statements.get() - statements);
    assertEquals(0, db.transactions.get() - transactions);
    assertSame(first.rows(), again.rows());
    assertSame(first.options().get("group"), again.options().get("group"));
    assertEquals(Map.of(group, "team-a"), again.options().get("group"));

    long other2 = db.number("INSERT INTO auth_group (name) VALUES ('team-b') RETURNING id");
    Map<String, String> values = new LinkedHashMap<>(one.get(staff, admin, host));
    values.put("group", String.valueOf(other2));
    one.update(staff, admin, host, values);
    ListPage changed = other.listPage(staff, admin, "kept", ACTIVE, "", 1, fields);
    assertEquals("team-b", cell(changed.rows(), host, "group"));
    assertEquals(Map.of(other2, "team-b"), changed.options().get("group"));
    // a group renamed elsewhere (the accounts' tables have no markers: compared by label)
    db.execute("UPDATE auth_group SET name = 'team-c' WHERE id = " + other2);
    ListPage renamed = other.listPage(staff, admin, "kept", ACTIVE, "", 1, fields);
    assertEquals("team-c", cell(renamed.rows(), host, "group"));
    assertEquals(Map.of(other2, "team-c"), renamed.options().get("group"));
  }
}
