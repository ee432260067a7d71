package cores.domain.live;

import static cores.domain.live.LiveData.mac;
import static cores.domain.live.LiveData.scan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.accounts.Permissions;
import cores.api.accounts.User;
import cores.api.live.Conflict;
import cores.api.live.LabHosts;
import cores.api.live.LiveDashboard;
import cores.api.live.LiveDesk;
import cores.api.live.LiveHost;
import cores.api.live.LiveHosts;
import cores.api.live.NewNic;
import cores.api.live.OfflineHost;
import cores.api.live.UnknownDevices;
import cores.api.web.ProblemException;
import cores.domain.DomainDatabase;
import cores.domain.sql.Sql;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live desk of the pages on a real database (a fresh one per test: the dashboard counts all).
 */
class LiveDeskServiceTest {
  private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  private LiveData data;
  private LiveDeskService desk;
  private User changer;
  private User viewer;
  private User watcher;

  @BeforeEach
  void setUp(@TempDir Path registry) throws Exception {
    Files.writeString(
        registry.resolve("oui.csv"),
        "Registry,Assignment,Organization Name,Organization Address\n"
            + "MA-L,001B21,Intel Corporate,Kulim MY\n");
    data = new LiveData();
    desk =
        new LiveDeskService(
            data.tx, new Vendors(registry), DomainDatabase.mail(data.tx, ZoneOffset.UTC));
    changer =
        data.db.user(
            "changer",
            false,
            Set.of(
                Permissions.VIEW_SCANCONFLICT,
                Permissions.CHANGE_SCANCONFLICT,
                Permissions.CHANGE_OFFLINEHOSTWARNING,
                LiveDesk.ADD_NIC_PERMISSION));
    viewer = data.db.user("viewer", false, Set.of(Permissions.VIEW_SCANCONFLICT));
    watcher =
        data.db.user(
            "watcher", false, Set.of(Permissions.VIEW_SCANCONFLICT, LiveLists.VIEW_WARNINGS));
  }

  @AfterEach
  void tearDown() throws Exception {
    data.close();
  }

  /** One scan of these MAC/IP pairs by "agent-x" at T0. */
  private void scanned(String... macIps) {
    List<Object> entries = new java.util.ArrayList<>();
    for (int i = 0; i < macIps.length; i += 2) {
      entries.add(mac(macIps[i], macIps[i + 1]));
    }
    data.ingest(scan("agent-x", T0, entries), T0);
  }

  private Conflict only(Conflict.Kind kind) {
    List<Conflict> open = desk.dashboard(viewer, 50).of(kind);
    assertEquals(1, open.size(), open.toString());
    return open.get(0);
  }

  private static int status(Executable action) {
    return assertThrows(ProblemException.class, action).status();
  }

  @Test
  void theDashboardHasTheLastScanTheCountsAndWhatEachConflictIsAbout() throws Exception {
    long moved = data.nic("00:c1:00:00:00:01", "10.1.8.1", data.fixture.rack, "active");
    long travelled = data.nic("00:c1:00:00:00:02", null, data.fixture.rack, "active");
    long unseen = data.nic("00:c1:00:00:00:03", "10.1.8.3", data.fixture.rack, "active");
    data.db.execute(
        "UPDATE inventory_nic SET model = 'X710' WHERE id = " + moved,
        "INSERT INTO live_offlinehostwarning (host_id, lastseen, created) VALUES ("
            + data.hostOf(unseen)
            + ", '"
            + T0.minus(Duration.ofDays(3))
            + "', now())");
    scanned(
        "00:c1:00:00:00:01", "10.1.8.2",
        "00:c1:00:00:00:02", "10.2.0.5",
        "00:1b:21:00:00:01", "10.1.9.9");

    LiveDashboard dashboard = desk.dashboard(watcher, 50);
    assertEquals("agent-x", dashboard.lastScan().agent());
    assertEquals(T0, dashboard.lastScan().scanned());
    assertEquals(1, dashboard.nic());
    assertEquals(1, dashboard.location());
    assertEquals(1, dashboard.unknown());
    assertEquals(1, dashboard.offline());
    assertEquals(4, dashboard.attention());
    assertEquals(3, dashboard.nics());

    Conflict nic = only(Conflict.Kind.NIC);
    assertEquals("10.1.8.1", nic.nicIp());
    assertEquals("10.1.8.2", nic.ip());
    assertEquals("X710", nic.nicModel());
    assertEquals(data.hostOf(moved), nic.host());
    assertEquals("agent-x", nic.agent());
    assertEquals(T0, nic.scanned());

    Conflict location = only(Conflict.Kind.LOCATION);
    assertEquals(data.hostOf(travelled), location.host());
    assertEquals("0 in B1/lab1", location.rack());
    assertEquals(data.lab2, location.lab());
    assertEquals("lab2", location.location());

    Conflict unknown = only(Conflict.Kind.UNKNOWN);
    assertEquals("00:1b:21:00:00:01", unknown.mac());
    assertEquals("Intel Corporate", unknown.vendor());
    assertEquals("B1/lab1", unknown.location());
    assertNull(unknown.host());

    OfflineHost offline = dashboard.offlineHosts().get(0);
    assertEquals(data.hostOf(unseen), offline.host());
    assertEquals("B1/lab1", offline.location());
    assertEquals(T0.minus(Duration.ofDays(3)), offline.lastSeen());
  }

  @Test
  void theDashboardReadsTheOfflineHostsOnlyForThoseWhoMayViewOfflineWarnings() throws Exception {
    long unseen = data.nic("00:c9:00:00:00:01", "10.1.8.1", data.fixture.rack, "active");
    data.db.execute(
        "INSERT INTO live_offlinehostwarning (host_id, created) VALUES ("
            + data.hostOf(unseen)
            + ", now())");
    int before = data.db.statements.get();
    LiveDashboard conflictsOnly = desk.dashboard(viewer, 50);
    int withoutWarnings = data.db.statements.get() - before;
    assertNull(conflictsOnly.offlineHosts(), "not shown to this viewer");
    assertEquals(1, conflictsOnly.offline(), "the count is the dashboard's, as in the API");
    before = data.db.statements.get();
    List<OfflineHost> shown = desk.dashboard(watcher, 50).offlineHosts();
    assertEquals(data.hostOf(unseen), shown.get(0).host());
    assertTrue(
        data.db.statements.get() - before > withoutWarnings,
        "the warnings' list is read only for a viewer who is shown it");
  }

  @Test
  void anEmptyDashboardHasNoLastScan() {
    LiveDashboard dashboard = desk.dashboard(viewer, 50);
    assertNull(dashboard.lastScan());
    assertEquals(0, dashboard.attention());
    assertTrue(dashboard.conflicts().isEmpty());
  }

  @Test
  void everyActionNeedsTheChangePermissionAndChangesNothingWithoutIt() throws Exception {
    long nic = data.nic("00:c2:00:00:00:01", "10.1.8.1", data.fixture.rack, "active");
    scanned("00:c2:00:00:00:01", "10.1.8.2", "00:c2:00:00:00:99", "10.1.8.3");
    long id = only(Conflict.Kind.NIC).id();
    long unknown = only(Conflict.Kind.UNKNOWN).id();
    assertEquals(403, status(() -> desk.acceptIp(viewer, id)));
    assertEquals(403, status(() -> desk.resolve(viewer, id)));
    assertEquals(403, status(() -> desk.ignore(viewer, id)));
    assertEquals(403, status(() -> desk.fixLocation(viewer, id, data.lab2, 1L)));
    assertEquals(403, status(() -> desk.ignoreMac(viewer, unknown, "")));
    assertEquals(
        403,
        status(
            () ->
                desk.addNic(
                    viewer,
                    unknown,
                    new NewNic("00:c2:00:00:00:99", "10.1.8.3", "", "", false, false, false))));
    assertEquals("new", desk.conflict(id).orElseThrow().status());
    assertEquals(
        "10.1.8.1",
        data.rows("SELECT host(ip) AS ip FROM inventory_nic WHERE id = ?", nic).get(0).get("ip"));

    Conflict accepted = desk.acceptIp(changer, id);
    assertEquals("resolved", accepted.status());
    assertFalse(accepted.open());
    assertEquals("10.1.8.2", accepted.nicIp());
    assertEquals(409, status(() -> desk.resolve(changer, id)));
    assertEquals(400, status(() -> desk.fixLocation(changer, unknown, data.lab2, 1L)));
    assertTrue(desk.conflict(987654).isEmpty());
  }

  @Test
  void aLocationIsFixedByLabAndRackNumberAndAMissingRackIsAtItsFieldWithNothingWritten()
      throws Exception {
    long nic = data.nic("00:c3:00:00:00:01", "10.2.0.7", data.fixture.rack, "active");
    scanned("00:c3:00:00:00:01", "10.2.0.7");
    long id = only(Conflict.Kind.LOCATION).id();
    ProblemException noRack =
        assertThrows(ProblemException.class, () -> desk.fixLocation(changer, id, data.lab3, 1L));
    assertEquals(List.of("lab3 has no rack number 1; its racks: 5"), noRack.errors().get("rack"));
    assertEquals(400, status(() -> desk.fixLocation(changer, id, null, 1L)));
    assertEquals(
        data.fixture.rack,
        data.rows("SELECT rack_id FROM inventory_host WHERE id = ?", data.hostOf(nic))
            .get(0)
            .get("rack_id"));
    assertEquals("new", desk.conflict(id).orElseThrow().status());

    Conflict fixed = desk.fixLocation(changer, id, data.lab2, 1L);
    assertEquals("resolved", fixed.status());
    assertEquals("1 in lab2", fixed.rack());
  }

  @Test
  void aNicAddedForAnUnknownDeviceBelongsToTheNamedHostAndResolvesTheConflict() throws Exception {
    long existing = data.nic("00:c4:00:00:00:01", "10.1.4.1", data.fixture.rack, "active");
    String hostname =
        (String)
            data.rows("SELECT hostname FROM inventory_host WHERE id = ?", data.hostOf(existing))
                .get(0)
                .get("hostname");
    scanned("00:1b:21:00:00:04", "10.1.4.2");
    Conflict unknown = only(Conflict.Kind.UNKNOWN);

    Conflict resolved =
        desk.addNic(
            changer,
            unknown.id(),
            new NewNic(
                "00:1b:21:00:00:04",
                "10.1.4.2",
                hostname.toUpperCase(),
                "X550",
                false,
                true,
                false));
    assertEquals("resolved", resolved.status());
    var nic =
        data.rows(
                "SELECT host_id, host(ip) AS ip, model, integrated, lastseen FROM inventory_nic"
                    + " WHERE mac = '00:1b:21:00:00:04'")
            .get(0);
    assertEquals(data.hostOf(existing), nic.get("host_id"));
    assertEquals("10.1.4.2", nic.get("ip"));
    assertEquals("X550", nic.get("model"));
    assertEquals(true, nic.get("integrated"));
    assertEquals(unknown.lastSeen(), nic.get("lastseen"), "seen when the scan saw it");
  }

  @Test
  void aNicThatCannotBeAddedLeavesTheConflictOpenAndWritesNothing() throws Exception {
    data.nic("00:c5:00:00:00:01", "10.1.5.1", data.fixture.rack, "active");
    scanned("00:c5:00:00:00:02", "10.1.5.2");
    long id = only(Conflict.Kind.UNKNOWN).id();
    ProblemException noHost =
        assertThrows(
            ProblemException.class,
            () ->
                desk.addNic(
                    changer,
                    id,
                    new NewNic(
                        "00:c5:00:00:00:02", "10.1.5.2", "nosuch", "", false, false, false)));
    assertEquals(List.of("no host is called nosuch"), noHost.errors().get("host"));
    ProblemException badIp =
        assertThrows(
            ProblemException.class,
            () ->
                desk.addNic(
                    changer,
                    id,
                    new NewNic("00:c5:00:00:00:02", "10.1.5", "", "", false, false, false)));
    assertTrue(badIp.errors().containsKey("ip"), badIp.errors().toString());
    User noInventory = data.db.user("noinventory", false, Set.of(Permissions.CHANGE_SCANCONFLICT));
    assertEquals(
        403,
        status(
            () ->
                desk.addNic(
                    noInventory,
                    id,
                    new NewNic("00:c5:00:00:00:02", "", "", "", false, false, false))));
    assertEquals("new", desk.conflict(id).orElseThrow().status());
    assertTrue(data.rows("SELECT id FROM inventory_nic WHERE mac = '00:c5:00:00:00:02'").isEmpty());

    // added in the inventory since the scan
    data.nic("00:c5:00:00:00:02", "10.1.5.2", data.fixture.rack, "active");
    ProblemException taken =
        assertThrows(
            ProblemException.class,
            () ->
                desk.addNic(
                    changer, id, new NewNic("00:c5:00:00:00:02", "", "", "", false, false, false)));
    assertEquals(List.of("already taken"), taken.errors().get("mac"));
    assertEquals("new", desk.conflict(id).orElseThrow().status());
  }

  @Test
  void aNicAddedForAnUnknownDeviceHasItsMacAnotherIsRefusedAtTheFieldWithNothingWritten()
      throws Exception {
    long existing = data.nic("00:c5:00:00:00:11", "10.1.5.11", data.fixture.rack, "active");
    String hostname =
        (String)
            data.rows("SELECT hostname FROM inventory_host WHERE id = ?", data.hostOf(existing))
                .get(0)
                .get("hostname");
    String hostSeen = "SELECT lastseen FROM inventory_host WHERE id = ?";
    Object before = data.rows(hostSeen, data.hostOf(existing)).get(0).get("lastseen");
    scanned("00:c5:00:00:00:12", "10.1.5.12");
    long id = only(Conflict.Kind.UNKNOWN).id();

    ProblemException other =
        assertThrows(
            ProblemException.class,
            () ->
                desk.addNic(
                    changer,
                    id,
                    new NewNic("00:1b:21:de:ad:01", "", hostname, "", false, false, false)));
    assertEquals(400, other.status());
    assertEquals(
        List.of("must be the MAC the scan saw, 00:c5:00:00:00:12"), other.errors().get("mac"));
    assertEquals("new", desk.conflict(id).orElseThrow().status());
    assertTrue(data.rows("SELECT id FROM inventory_nic WHERE mac = '00:1b:21:de:ad:01'").isEmpty());
    assertEquals(before, data.rows(hostSeen, data.hostOf(existing)).get(0).get("lastseen"));

    // the same MAC in another of the forms the inventory reads
    Conflict added =
        desk.addNic(
            changer, id, new NewNic("00-C5-00-00-00-12", "", hostname, "", false, false, false));
    assertEquals("resolved", added.status());
    assertEquals(
        data.hostOf(existing),
        data.rows("SELECT host_id FROM inventory_nic WHERE mac = '00:c5:00:00:00:12'")
            .get(0)
            .get("host_id"));
  }

  @Test
  void ignoringAMacListsItOnceAndIgnoresTheConflict() {
    scanned("00:c6:00:00:00:01", "10.1.6.1");
    long id = only(Conflict.Kind.UNKNOWN).id();
    assertEquals("ignore", desk.ignoreMac(changer, id, "the lab's printer").status());
    assertEquals(1, desk.ignoredMacs().size());
    assertEquals("00:c6:00:00:00:01", desk.ignoredMacs().get(0).mac());
    assertEquals("the lab's printer", desk.ignoredMacs().get(0).reason());
    assertEquals("ignore", desk.ignoreMac(changer, id, "again").status());
    assertEquals(1, desk.ignoredMacs().size());
    assertEquals("the lab's printer", desk.ignoredMacs().get(0).reason());
    assertEquals(403, status(() -> desk.unignoreMac(viewer, desk.ignoredMacs().get(0).id())));
    assertTrue(desk.unignoreMac(changer, desk.ignoredMacs().get(0).id()));
    assertTrue(desk.ignoredMacs().isEmpty());
  }

  @Test
  void ignoringTheMacOfADeviceWhoseMacWasListedSinceIgnoresTheConflictAndKeepsTheListedOne() {
    scanned("00:c6:00:00:00:02", "10.1.6.2");
    long id = only(Conflict.Kind.UNKNOWN).id();
    data.tx.required(
        em ->
            new IgnoredMacs()
                .add(Sql.of(em), Map.of("mac", "00:C6:00:00:00:02", "reason", "listed first")));
    assertEquals("ignore", desk.ignoreMac(changer, id, "from the dashboard").status());
    assertEquals(1, desk.ignoredMacs().size());
    assertEquals("listed first", desk.ignoredMacs().get(0).reason());
  }

  @Test
  void hostsAreListedByLabWithTheDevicesTheInventoryLacks() throws Exception {
    long inLab1 = data.nic("00:c7:00:00:00:01", "10.1.7.20", data.fixture.rack, "active");
    long rackless = data.nic("00:c7:00:00:00:02", null, null, "new");
    data.db.execute(
        "INSERT INTO booking_bookable (host_id, status) VALUES ("
            + data.hostOf(inLab1)
            + ", 'active')");
    scanned(
        "00:c7:00:00:00:01", "10.1.7.20",
        "00:c7:00:00:00:99", "10.1.7.3",
        "02:c7:00:00:00:01", "10.2.7.4");
    List<LabHosts> labs = desk.hosts(0, 50).page();
    assertEquals(
        java.util.Arrays.asList("B1/lab1", "lab2", null),
        labs.stream().map(LabHosts::location).toList());
    List<LiveHost> lab1 = labs.get(0).hosts();
    assertEquals("10.1.7.3", lab1.get(0).ip(), "by IP: the unknown device first");
    assertEquals("unknown mac", lab1.get(0).status());
    assertNull(lab1.get(0).host());
    assertEquals(data.hostOf(inLab1), lab1.get(1).host());
    assertEquals("[tcpreplay] R640", lab1.get(1).hardware());
    assertEquals("active", lab1.get(1).bookable());
    assertEquals(T0, lab1.get(1).lastSeen());
    assertEquals("unknown vm", labs.get(1).hosts().get(0).status());
    assertEquals(data.hostOf(rackless), labs.get(2).hosts().get(0).host());
    assertNull(labs.get(2).hosts().get(0).bookable());
  }

  @Test
  void hostsAreListedAPageAtATimeWithTheCountAndWhereEachLabStarts() throws Exception {
    data.nic("00:ca:00:00:00:01", "10.1.7.21", data.fixture.rack, "active");
    data.nic("00:ca:00:00:00:02", "10.1.7.22", data.fixture.rack, "active");
    data.nic("00:ca:00:00:00:03", null, null, "new");
    scanned(
        "00:ca:00:00:00:01", "10.1.7.21",
        "00:ca:00:00:00:02", "10.1.7.22",
        "00:ca:00:00:00:99", "10.1.7.23",
        "00:ca:00:00:00:98", "10.2.7.5");

    LiveHosts first = desk.hosts(0, 2);
    assertEquals(5, first.count());
    assertEquals(
        List.of(
            new LiveHosts.LabCount("B1/lab1", 3, 0),
            new LiveHosts.LabCount("lab2", 1, 3),
            new LiveHosts.LabCount(null, 1, 4)),
        first.labs());
    assertEquals(1, first.page().size());
    assertEquals(2, first.page().get(0).hosts().size());

    LiveHosts second = desk.hosts(2, 2);
    assertEquals(2, second.offset());
    assertEquals(
        java.util.Arrays.asList("B1/lab1", "lab2"),
        second.page().stream().map(LabHosts::location).toList());
    assertEquals("10.1.7.23", second.page().get(0).hosts().get(0).ip(), "lab1 goes on");

    assertEquals(1, desk.hosts(4, 2).page().get(0).hosts().size());
    LiveHosts past = desk.hosts(10, 2);
    assertTrue(past.page().isEmpty());
    assertEquals(5, past.count());
  }

  @Test
  void unknownDevicesAreListedByLabThenIpIgnoredOnesToo() {
    scanned(
        "00:c8:00:00:00:01", "10.2.8.9",
        "00:c8:00:00:00:02", "10.1.8.10",
        "00:c8:00:00:00:03", "10.1.8.9");
    long ignored = desk.dashboard(viewer, 50).of(Conflict.Kind.UNKNOWN).get(0).id();
    desk.ignore(changer, ignored);
    List<Conflict> devices = desk.unknownDevices(0, 100).page();
    assertEquals(
        List.of("10.1.8.9", "10.1.8.10", "10.2.8.9"), devices.stream().map(Conflict::ip).toList());
    assertTrue(devices.stream().anyMatch(c -> c.status().equals("ignore")));
    assertEquals(2, desk.unknownDevices(0, 2).page().size());
  }

  @Test
  void unknownDevicesAreListedAPageAtATimeWithTheCountAndWhereEachLabStarts() {
    scanned(
        "00:cb:00:00:00:01", "10.2.8.9",
        "00:cb:00:00:00:02", "10.1.8.10",
        "00:cb:00:00:00:03", "10.1.8.9",
        "00:cb:00:00:00:04", "10.1.8.11");
    desk.resolve(
        changer,
        desk.dashboard(viewer, 50).of(Conflict.Kind.UNKNOWN).stream()
            .filter(c -> c.ip().equals("10.1.8.11"))
            .findFirst()
            .orElseThrow()
            .id());

    UnknownDevices first = desk.unknownDevices(0, 2);
    assertEquals(3, first.count(), "a resolved device is not unknown any more");
    assertEquals(
        List.of(new LiveHosts.LabCount("B1/lab1", 2, 0), new LiveHosts.LabCount("lab2", 1, 2)),
        first.labs());
    assertEquals(2, first.page().size());

    UnknownDevices second = desk.unknownDevices(2, 2);
    assertEquals(2, second.offset());
    assertEquals(List.of("lab2"), second.page().stream().map(Conflict::location).toList());
    assertEquals(3, second.count());

    UnknownDevices past = desk.unknownDevices(10, 2);
    assertTrue(past.page().isEmpty());
    assertEquals(3, past.count());
  }

  @Test
  void labsHaveTheirRacksAndTheirHostsAreOfferedForANewNic() throws Exception {
    data.nic("00:c9:00:00:00:01", null, data.lab2rack1, "active");
    assertEquals(
        List.of(0, 1),
        desk.labs().stream().filter(l -> l.id() == data.lab2).findFirst().orElseThrow().racks());
    assertEquals(
        "10.2.0.0/16",
        desk.labs().stream().filter(l -> l.id() == data.lab2).findFirst().orElseThrow().network());
    assertEquals(1, desk.hostnames(data.lab2).size());
    assertTrue(desk.hostnames(data.lab3).isEmpty());
  }

  @Test
  void offlineWarningsAreResolvedOrIgnoredWithTheirPermission() throws Exception {
    long nic = data.nic("00:ca:00:00:00:01", "10.1.10.1", data.fixture.rack, "active");
    long warning =
        data.db.number(
            "INSERT INTO live_offlinehostwarning (host_id, created) VALUES ("
                + data.hostOf(nic)
                + ", now()) RETURNING id");
    assertEquals(403, status(() -> desk.resolveWarning(viewer, warning)));
    assertEquals("ignore", desk.ignoreWarning(changer, warning).status());
    assertEquals("resolved", desk.resolveWarning(changer, warning).status());
    assertEquals(404, status(() -> desk.resolveWarning(changer, 987654)));
  }

  @Test
  void onlyOpenOfflineWarningsChangeAsConflictsAClosedOneIsA409WithNothingWritten()
      throws Exception {
    long nic = data.nic("00:ca:00:00:00:02", "10.1.10.2", data.fixture.rack, "active");
    long warning =
        data.db.number(
            "INSERT INTO live_offlinehostwarning (host_id, created) VALUES ("
                + data.hostOf(nic)
                + ", now()) RETURNING id");
    String logged =
        "SELECT count(*) AS n FROM cores_change WHERE model = 'offlinehostwarning'"
            + " AND object_id = ?";
    assertEquals("resolved", desk.resolveWarning(changer, warning).status());
    Object changes = data.rows(logged, warning).get(0).get("n");
    ProblemException again =
        assertThrows(ProblemException.class, () -> desk.resolveWarning(changer, warning));
    assertEquals(409, again.status());
    assertEquals(
        "Offline host warning " + warning + " is resolved already; only open ones can be changed.",
        again.detail());
    assertEquals(409, status(() -> desk.ignoreWarning(changer, warning)));
    assertEquals(
        "resolved",
        data.rows("SELECT status FROM live_offlinehostwarning WHERE id = ?", warning)
            .get(0)
            .get("status"));
    assertEquals(changes, data.rows(logged, warning).get(0).get("n"), "no change-log row");

    data.db.execute("UPDATE live_offlinehostwarning SET status = 'super' WHERE id = " + warning);
    assertEquals(409, status(() -> desk.ignoreWarning(changer, warning)));
  }
}
