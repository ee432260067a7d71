package cores.domain.live;

import static cores.domain.live.LiveData.mac;
import static cores.domain.live.LiveData.scan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.accounts.User;
import cores.api.admin.AdminDesk;
import cores.api.admin.AdminModel;
import cores.api.changes.Change;
import cores.api.web.ProblemException;
import cores.domain.DomainDatabase;
import cores.domain.admin.AdminDeskService;
import cores.persistence.ChangeLogService;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The live ingest's models in the admin desk, on a real database: their lists and filters, the
 * conflicts' and warnings' bulk actions through the live domain code (recorded in the change log),
 * the ignore list's additions and removals, and that the rest is read-only.
 */
class AdminLiveModelsTest {
  private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  private LiveData data;
  private AdminDeskService admin;
  private ChangeLogService changes;
  private User staff;
  private User viewer;

  @BeforeEach
  void setUp() throws Exception {
    data = new LiveData();
    admin = new AdminDeskService(data.tx, DomainDatabase.mail(data.tx, ZoneOffset.UTC));
    changes = ChangeLogService.of(data.db.dataSource());
    Set<String> all = new java.util.HashSet<>();
    for (String model :
        List.of("scansession", "scanconflict", "offlinehostwarning", "ignoredmac", "virtualhost")) {
      for (String action : List.of("view", "add", "change", "delete")) {
        all.add("live." + action + "_" + model);
      }
    }
    staff = data.db.user("livestaff", true, all);
    viewer =
        data.db.user(
            "liveviewer",
            true,
            Set.of("live.view_scanconflict", "live.view_ignoredmac", "live.view_scansession"));
  }

  @AfterEach
  void tearDown() throws Exception {
    data.close();
  }

  private AdminModel model(String name) {
    return admin.models().stream()
        .filter(m -> m.app().equals("live") && m.name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private List<Map<String, String>> rows(String model, Map<String, String> filters) {
    return admin.list(staff, model(model), "", filters, "", 1).rows();
  }

  private static int status(Executable action) {
    return assertThrows(ProblemException.class, action).status();
  }

  /** A scan at T0 (plus seconds) by agent-a of these MAC/IP pairs. */
  private ScanIngest.Report scanned(int second, String... macIps) {
    List<Object> entries = new java.util.ArrayList<>();
    for (int i = 0; i < macIps.length; i += 2) {
      entries.add(mac(macIps[i], macIps[i + 1]));
    }
    return data.ingest(scan("agent-a", T0.plusSeconds(second), entries), T0);
  }

  @Test
  void theLiveModelsHaveTheOriginalsColumnsTheirFiltersAndOnlyTheWritesTheDomainAllows() {
    AdminModel conflicts = model("scanconflict");
    assertEquals(List.of("kind", "status", "lab"), conflicts.filters());
    assertEquals(
        List.of("kind", "status", "hostname", "mac", "ip", "lab", "lastseen"), conflicts.columns());
    assertEquals(
        List.of("accept", "ignore", "ignoremac", "resolve"),
        List.copyOf(conflicts.actions().keySet()));
    assertEquals(Set.of(), conflicts.writes());
    assertEquals(List.of("status", "lab", "timestamp"), model("offlinehostwarning").filters());
    assertEquals(
        List.of("ignore", "resolve"), List.copyOf(model("offlinehostwarning").actions().keySet()));
    assertEquals(List.of("status", "lab", "lastseen"), model("virtualhost").filters());
    assertEquals(
        List.of("timestamp", "agent_identifier", "processed"),
        model("scansession").columns().subList(0, 3));
    assertEquals(Set.of("add", "delete"), model("ignoredmac").writes());
    assertTrue(model("scansession").allows("view"));
    assertFalse(model("scansession").allows("add"));
    assertTrue(model("ignoredmac").fields().stream().anyMatch(f -> f.writable()));
    assertTrue(conflicts.fields().stream().noneMatch(f -> f.writable()), "set by scans only");
  }

  @Test
  void conflictsAreListedByKindStatusAndLabAndActedOnAsTheApiDoesWithTheirHistory()
      throws Exception {
    long nic = data.nic("00:c1:00:00:00:01", "10.1.8.1", data.fixture.rack, "active");
    scanned(0, "00:c1:00:00:00:01", "10.1.8.2", "00:1b:21:00:00:09", "10.2.0.9");

    List<Map<String, String>> nics = rows("scanconflict", Map.of("kind", "nic", "status", "new"));
    assertEquals(1, nics.size(), nics.toString());
    Map<String, String> row = nics.get(0);
    assertEquals(
        data.rows("SELECT hostname FROM inventory_host").get(0).get("hostname"),
        row.get("hostname"));
    assertEquals("00:c1:00:00:00:01", row.get("mac"), "a NIC conflict shows its NIC's MAC");
    assertEquals("10.1.8.2", row.get("ip"));
    List<Map<String, String>> unknown =
        rows("scanconflict", Map.of("lab", String.valueOf(data.lab2)));
    assertEquals(List.of("unknown"), unknown.stream().map(r -> r.get("kind")).toList());
    assertEquals("lab2", unknown.get(0).get("lab"), "a reference by its label");
    assertEquals(
        1,
        admin.list(staff, model("scanconflict"), "00:1b:21", Map.of(), "", 1).count(),
        "searched by MAC");
    assertEquals(
        400,
        status(() -> admin.list(staff, model("scanconflict"), "", Map.of("kind", "x"), "", 1)));

    long conflict = Long.parseLong(row.get("id"));
    long device = Long.parseLong(unknown.get(0).get("id"));
    // all or none: the unknown device cannot take an IP, so neither is changed
    int refused =
        status(() -> admin.bulk(staff, model("scanconflict"), "accept", List.of(conflict, device)));
    assertEquals(409, refused);
    assertEquals(
        "10.1.8.1", data.rows("SELECT host(ip) AS ip FROM inventory_nic").get(0).get("ip"));
    assertEquals("new", data.conflicts("nic", "nic_id", nic).get(0).get("status"));

    admin.bulk(staff, model("scanconflict"), "accept", List.of(conflict));
    assertEquals(
        "10.1.8.2", data.rows("SELECT host(ip) AS ip FROM inventory_nic").get(0).get("ip"));
    assertEquals("resolved", admin.get(staff, model("scanconflict"), conflict).get("status"));
    Change accepted = changes.history("live", "scanconflict", conflict, 10).get(0);
    assertEquals("update", accepted.action());
    assertEquals(List.of(new Change.FieldChange("status", "new", "resolved")), accepted.fields());
    assertEquals(
        "update", changes.history("inventory", "nic", nic, 10).get(0).action(), "the NIC's IP");
    assertEquals(
        409,
        status(() -> admin.bulk(staff, model("scanconflict"), "resolve", List.of(conflict))),
        "a resolved conflict stays resolved");

    admin.bulk(staff, model("scanconflict"), "ignoremac", List.of(device));
    assertEquals(
        "ignore", data.conflicts("unknown", "mac", "00:1b:21:00:00:09").get(0).get("status"));
    Map<String, String> ignored = rows("ignoredmac", Map.of()).get(0);
    assertEquals("00:1b:21:00:00:09", ignored.get("mac"));
    assertEquals("Ignored in the admin by livestaff.", ignored.get("reason"));
  }

  /** A conflict's id, by its kind. */
  private long conflictOf(String kind) throws Exception {
    return data.db.number("SELECT id FROM live_scanconflict WHERE kind = '" + kind + "'");
  }

  @Test
  void aConflictsPageOffersOnlyWhatAppliesToItsKindAndStatusAndAForgedActionIsRefused()
      throws Exception {
    data.nic("00:c1:00:00:00:0a", "10.1.8.1", data.fixture.rack, "active");
    data.nic("00:c1:00:00:00:0b", null, data.fixture.rack, "active");
    scanned(0, "00:c1:00:00:00:0a", "10.1.8.2", "00:c1:00:00:00:0b", "10.2.0.5");
    scanned(1, "00:1b:21:00:00:0c", "10.2.0.6");
    AdminModel conflicts = model("scanconflict");
    long nic = conflictOf("nic");
    long location = conflictOf("location");
    long device = conflictOf("unknown");

    assertEquals(
        new AdminDesk.Applicable(Set.of("accept", "ignore", "resolve"), Map.of()),
        admin.applicable(staff, conflicts, nic));
    assertEquals(
        new AdminDesk.Applicable(
            Set.of("ignore", "resolve"),
            Map.of("Fix location", "/live/conflicts/" + location + "/location")),
        admin.applicable(staff, conflicts, location));
    // adding a NIC needs the inventory's permission too, which this user lacks
    assertEquals(
        new AdminDesk.Applicable(Set.of("ignore", "ignoremac", "resolve"), Map.of()),
        admin.applicable(staff, conflicts, device));
    User adder =
        data.db.user(
            "nicadder",
            true,
            Set.of("live.view_scanconflict", "live.change_scanconflict", "inventory.add_nic"));
    assertEquals(
        Map.of("Add NIC", "/live/conflicts/" + device + "/nic"),
        admin.applicable(adder, conflicts, device).links());
    assertEquals(Set.of(), admin.applicable(viewer, conflicts, nic).actions(), "may not act");
    assertEquals(Map.of(), admin.applicable(viewer, conflicts, location).links());

    // posted anyway: refused, saying why, and nothing is done
    ProblemException forged =
        assertThrows(
            ProblemException.class,
            () -> admin.act(staff, conflicts, "accept", List.of(nic, location)));
    assertEquals(409, forged.status());
    assertTrue(
        forged.detail().contains("does not apply to scan conflict location of ")
            && forged.detail().contains("is a location conflict, not a nic conflict"),
        forged.detail());
    assertEquals("new", admin.get(staff, conflicts, nic).get("status"));

    // ignoring an ignored conflict leaves it as it was, named; the others are counted
    assertEquals(
        new AdminDesk.Done(1, List.of()), admin.act(staff, conflicts, "ignore", List.of(nic)));
    assertEquals(
        new AdminDesk.Applicable(Set.of("accept", "resolve"), Map.of()),
        admin.applicable(staff, conflicts, nic));
    String named = admin.labels(conflicts, List.of(nic)).get(nic);
    assertTrue(named.startsWith("NIC "), named);
    assertEquals(
        new AdminDesk.Done(1, List.of(named + ": already ignored")),
        admin.act(staff, conflicts, "ignore", List.of(nic, device)));
    admin.act(staff, conflicts, "resolve", List.of(location));
    assertEquals(
        new AdminDesk.Applicable(Set.of(), Map.of()),
        admin.applicable(staff, conflicts, location),
        "nothing applies to a resolved conflict, not even fixing its location");
  }

  @Test
  void allMatchingIsEveryIdTheListFindsInItsOrderReadAtOnce() throws Exception {
    List<Object> entries = new java.util.ArrayList<>();
    for (int i = 0; i < AdminDesk.PAGE_SIZE + 7; i++) {
      entries.add(mac(String.format("00:1b:21:00:01:%02x", i), "10.2.1." + (i + 1)));
    }
    data.ingest(scan("agent-a", T0, entries), T0);
    AdminModel conflicts = model("scanconflict");
    Map<String, String> unknown = Map.of("kind", "unknown", "lab", String.valueOf(data.lab2));
    List<Long> paged = new java.util.ArrayList<>();
    for (int page = 1; page <= 2; page++) {
      admin.list(staff, conflicts, "", unknown, "mac", page).rows().stream()
          .map(r -> Long.parseLong(r.get("id")))
          .forEach(paged::add);
    }
    assertEquals(AdminDesk.PAGE_SIZE + 7, paged.size());
    data.db.statements.set(0);
    assertEquals(paged, admin.ids(staff, conflicts, "", unknown, "mac", 1000));
    assertEquals(1, data.db.statements.get(), "one statement, not one a page");
    assertEquals(paged.subList(0, 3), admin.ids(staff, conflicts, "", unknown, "mac", 3));
    assertEquals(List.of(), admin.ids(staff, conflicts, "", Map.of("kind", "nic"), "", 1000));
    assertEquals(400, status(() -> admin.ids(staff, conflicts, "", Map.of("kind", "x"), "", 1000)));
    assertEquals(403, status(() -> admin.ids(viewer, model("virtualhost"), "", Map.of(), "", 9)));
    assertEquals(
        admin.list(staff, conflicts, "00:1b:21:00:01:3", Map.of(), "", 1).count(),
        admin.ids(staff, conflicts, "00:1b:21:00:01:3", Map.of(), "", 1000).size(),
        "searched as the list is");
  }

  @Test
  void anIgnoredMacAddedInTheAdminIsSkippedByTheNextScanAndCanBeDeleted() throws Exception {
    AdminModel macs = model("ignoredmac");
    ProblemException bad =
        assertThrows(
            ProblemException.class,
            () -> admin.create(staff, macs, Map.of("mac", "00:zz", "reason", "")));
    assertEquals(400, bad.status());
    assertTrue(bad.errors().containsKey("mac"), bad.errors().toString());
    assertEquals(0, admin.list(staff, macs, "", Map.of(), "", 1).count(), "nothing written");

    Map<String, String> values = new HashMap<>(Map.of("mac", "00:aa:00:00:00:07", "reason", "lab"));
    long id = admin.create(staff, macs, values);
    assertEquals(409, status(() -> admin.create(staff, macs, values)));
    assertEquals("create", changes.history("live", "ignoredmac", id, 10).get(0).action());

    ScanIngest.Report report = scanned(0, "00:aa:00:00:00:07", "10.1.0.7");
    assertEquals("ignored: MAC on the ignore list", report.results().get(0).get("status"));
    assertEquals(List.of(), data.conflicts("unknown", "mac", "00:aa:00:00:00:07"));

    admin.delete(staff, macs, List.of(id));
    assertEquals(0, admin.list(staff, macs, "", Map.of(), "", 1).count());
    assertEquals("delete", changes.history("live", "ignoredmac", id, 10).get(0).action());
    scanned(1, "00:aa:00:00:00:07", "10.1.0.7");
    assertEquals(1, data.conflicts("unknown", "mac", "00:aa:00:00:00:07").size());
  }

  @Test
  void sessionsWarningsAndVirtualHostsAreReadOnlyButForTheWarningsActions() throws Exception {
    long nic = data.nic("00:c1:00:00:00:02", "10.1.8.5", data.fixture.rack, "active");
    long host = data.hostOf(nic);
    data.db.execute(
        "INSERT INTO live_offlinehostwarning (host_id, lastseen, created) VALUES ("
            + host
            + ", NULL, now())");
    scanned(0, "02:00:00:00:00:01", "10.2.0.1");

    AdminModel sessions = model("scansession");
    Map<String, String> session = rows("scansession", Map.of("processed", "yes")).get(0);
    assertEquals("agent-a", session.get("agent_identifier"));
    assertEquals("1", session.get("entries"));
    assertEquals(0, admin.list(staff, sessions, "", Map.of("processed", "no"), "", 1).count());
    long sessionId = Long.parseLong(session.get("id"));
    assertEquals(403, status(() -> admin.create(staff, sessions, Map.of())));
    assertEquals(403, status(() -> admin.update(staff, sessions, sessionId, Map.of())));
    assertEquals(403, status(() -> admin.delete(staff, sessions, List.of(sessionId))));
    assertEquals(403, status(() -> admin.consequences(staff, sessions, List.of(sessionId))));

    Map<String, String> virtual =
        rows("virtualhost", Map.of("status", "active", "lab", String.valueOf(data.lab2))).get(0);
    assertEquals("02:00:00:00:00:01", virtual.get("mac"));
    long virtualId = Long.parseLong(virtual.get("id"));
    assertEquals(403, status(() -> admin.delete(staff, model("virtualhost"), List.of(virtualId))));

    AdminModel warnings = model("offlinehostwarning");
    Map<String, String> warning =
        rows("offlinehostwarning", Map.of("lab", String.valueOf(data.fixture.lab))).get(0);
    assertEquals("new", warning.get("status"));
    long warningId = Long.parseLong(warning.get("id"));
    assertEquals(0, rows("offlinehostwarning", Map.of("lab", String.valueOf(data.lab2))).size());
    assertEquals(
        403, status(() -> admin.bulk(viewer, model("scanconflict"), "resolve", List.of(1L))));
    admin.bulk(staff, warnings, "resolve", List.of(warningId));
    assertEquals("resolved", admin.get(staff, warnings, warningId).get("status"));
    assertEquals(
        "update", changes.history("live", "offlinehostwarning", warningId, 10).get(0).action());
    assertEquals(
        409, status(() -> admin.bulk(staff, warnings, "ignore", List.of(warningId + 1000))));
    // as for conflicts, all or none: a mix with a resolved warning changes none
    long open =
        data.db.number(
            "INSERT INTO live_offlinehostwarning (host_id, created) VALUES ("
                + host
                + ", now()) RETURNING id");
    ProblemException mixed =
        assertThrows(
            ProblemException.class,
            () -> admin.bulk(staff, warnings, "ignore", List.of(open, warningId)));
    assertEquals(409, mixed.status());
    assertTrue(mixed.detail().contains("is resolved already"), mixed.detail());
    assertEquals("new", admin.get(staff, warnings, open).get("status"));
    assertEquals("resolved", admin.get(staff, warnings, warningId).get("status"));
    assertEquals(400, status(() -> admin.bulk(staff, sessions, "resolve", List.of(sessionId))));
  }

  @Test
  void aStaffUserWithOnlyViewPermissionsMayListButNotAct() throws Exception {
    data.nic("00:c1:00:00:00:03", "10.1.8.7", data.fixture.rack, "active");
    scanned(0, "00:c1:00:00:00:03", "10.1.8.8");
    AdminModel conflicts = model("scanconflict");
    AdminDesk.Rows rows = admin.list(viewer, conflicts, "", Map.of(), "", 1);
    assertEquals(1, rows.count());
    long id = Long.parseLong(rows.rows().get(0).get("id"));
    assertEquals(403, status(() -> admin.bulk(viewer, conflicts, "accept", List.of(id))));
    assertEquals(
        403, status(() -> admin.create(viewer, model("ignoredmac"), Map.of("mac", "00:aa::"))));
    assertEquals(403, status(() -> admin.list(viewer, model("virtualhost"), "", Map.of(), "", 1)));
    assertEquals("new", admin.get(viewer, conflicts, id).get("status"));
  }
}
