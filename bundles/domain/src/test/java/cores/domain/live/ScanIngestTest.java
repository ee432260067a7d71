package cores.domain.live;

import static cores.domain.live.LiveData.mac;
import static cores.domain.live.LiveData.nic;
import static cores.domain.live.LiveData.scan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.web.ProblemException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The rules of DOMAIN.md "Live scan ingest", with scans in the original agent's format. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScanIngestTest {
  private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private final AtomicLong minutes = new AtomicLong();
  private LiveData data;

  @BeforeAll
  void setUp() throws Exception {
    data = new LiveData();
  }

  @AfterAll
  void tearDown() throws Exception {
    data.close();
  }

  /** A new scan time for every scan, one minute after the previous one. */
  private Instant next() {
    return T0.plus(Duration.ofMinutes(minutes.incrementAndGet()));
  }

  private ScanIngest.Report ingest(String agent, Object... results) {
    Instant at = next();
    return data.ingest(scan(agent, at, List.of(results)), at);
  }

  private static String status(ScanIngest.Report report, int entry) {
    return (String) report.results().get(entry).get("status");
  }

  private Map<String, Object> row(String sql, Object... params) {
    List<Map<String, Object>> rows = data.rows(sql, params);
    return rows.isEmpty() ? null : rows.get(0);
  }

  @Test
  void macOnTheIgnoreListIsSkipped() throws SQLException {
    data.db.execute("INSERT INTO live_ignoredmac (mac) VALUES ('00:aa:00:00:00:01')");
    ScanIngest.Report report = ingest("ignore", mac("00:AA:00:00:00:01", "10.1.9.1"));
    assertEquals("ignored: MAC on the ignore list", status(report, 0));
    assertTrue(data.conflicts("unknown", "mac", "00:aa:00:00:00:01").isEmpty());
  }

  @Test
  void unknownLocallyAdministeredMacIsAVirtualHostSightingCreatedThenUpdated() {
    ScanIngest.Report first = ingest("virtual", mac("02:00:00:00:00:01", "10.1.9.2"));
    assertEquals("virtual host", status(first, 0));
    ingest("virtual", mac("02:00:00:00:00:01", "10.2.9.2"));
    Map<String, Object> sighting =
        row(
            "SELECT host(ip) AS ip, lab_id, status, firstseen < lastseen AS moved"
                + " FROM live_virtualhost WHERE mac = '02:00:00:00:00:01'");
    assertEquals("10.2.9.2", sighting.get("ip"));
    assertEquals(data.lab2, sighting.get("lab_id"));
    assertEquals(true, sighting.get("moved"));
    assertTrue(data.conflicts("unknown", "mac", "02:00:00:00:00:01").isEmpty());
  }

  @Test
  void unknownMacIsAConflictRefreshedOnTheSameIpAndSupersededOnAnother() {
    ScanIngest.Report first = ingest("unknown", mac("00:bb:00:00:00:01", "10.1.9.3"));
    assertEquals("unknown MAC: conflict", status(first, 0));
    List<Map<String, Object>> raised = data.conflicts("unknown", "mac", "00:bb:00:00:00:01");
    assertEquals(1, raised.size());
    assertEquals(data.fixture.lab, raised.get(0).get("lab_id"));
    assertEquals(first.session(), raised.get(0).get("session_id"));

    ingest("unknown", mac("00:bb:00:00:00:01", "10.1.9.3"));
    List<Map<String, Object>> refreshed = data.conflicts("unknown", "mac", "00:bb:00:00:00:01");
    assertEquals(1, refreshed.size());
    assertEquals("new", refreshed.get(0).get("status"));
    assertTrue(
        ((Instant) refreshed.get(0).get("lastseen"))
            .isAfter((Instant) refreshed.get(0).get("created")));

    ingest("unknown", mac("00:bb:00:00:00:01", "10.1.9.4"));
    List<Map<String, Object>> moved = data.conflicts("unknown", "mac", "00:bb:00:00:00:01");
    assertEquals(List.of("super", "new"), moved.stream().map(c -> c.get("status")).toList());
    assertEquals("10.1.9.4", moved.get(1).get("ip"));
  }

  @Test
  void knownNicResolvesOpenUnknownConflictsForItsMac() throws SQLException {
    ingest("resolve-unknown", mac("00:cc:00:00:00:01", "10.1.9.5"));
    data.nic("00:cc:00:00:00:01", "10.1.9.5", data.fixture.rack, "active");
    ScanIngest.Report known = ingest("resolve-unknown", mac("00:cc:00:00:00:01", "10.1.9.5"));
    assertEquals("ok", status(known, 0));
    assertEquals(
        "resolved", data.conflicts("unknown", "mac", "00:cc:00:00:00:01").get(0).get("status"));
  }

  @Test
  void nicWithoutIpTakesTheScannedIpAndANewHostBecomesActive() throws SQLException {
    long nic = data.nic("00:dd:00:00:00:01", null, data.fixture.rack, "new");
    ScanIngest.Report report = ingest("take", nic(nic, "10.1.9.6"));
    assertEquals("IP taken; host now active", status(report, 0));
    assertEquals("00:dd:00:00:00:01", report.results().get(0).get("mac"));
    Map<String, Object> host =
        row(
            "SELECT host(h.ip) AS ip, h.status, h.lastseen, n.lastseen AS nic_seen"
                + " FROM inventory_host h JOIN inventory_nic n ON n.host_id = h.id WHERE n.id = ?",
            nic);
    assertEquals("10.1.9.6", host.get("ip"));
    assertEquals("active", host.get("status"));
    assertEquals(host.get("nic_seen"), host.get("lastseen"));
    assertTrue(data.conflicts("nic", "nic_id", nic).isEmpty());
  }

  @Test
  void differingIpIsANicConflictDeduplicatedAndSupersededByAnotherNewIp() throws SQLException {
    long nic = data.nic("00:ee:00:00:00:01", "10.1.9.7", data.fixture.rack, "active");
    ScanIngest.Report report = ingest("moved", mac("00:ee:00:00:00:01", "10.1.9.8"));
    assertEquals("IP differs: conflict", status(report, 0));
    ingest("moved", mac("00:ee:00:00:00:01", "10.1.9.8"));
    assertEquals(1, data.conflicts("nic", "nic_id", nic).size());
    ingest("moved", nic(nic, "10.1.9.9"));
    List<Map<String, Object>> conflicts = data.conflicts("nic", "nic_id", nic);
    assertEquals(List.of("super", "new"), conflicts.stream().map(c -> c.get("status")).toList());
    assertEquals("10.1.9.9", conflicts.get(1).get("ip"));
    assertEquals(
        "10.1.9.7",
        row("SELECT host(ip) AS ip FROM inventory_nic WHERE id = ?", nic).get("ip"),
        "the inventory keeps its IP until someone accepts the new one");
  }

  @Test
  void sameIpResolvesOpenNicConflicts() throws SQLException {
    long nic = data.nic("00:ee:00:00:00:02", "10.1.9.10", data.fixture.rack, "active");
    ingest("same", mac("00:ee:00:00:00:02", "10.1.9.11"));
    ingest("same", mac("00:ee:00:00:00:02", "10.1.9.10"));
    assertEquals("resolved", data.conflicts("nic", "nic_id", nic).get(0).get("status"));
  }

  @Test
  void ipOutsideTheRacksLabIsALocationConflictSuggestingTheLabHoldingTheIp() throws SQLException {
    long nic = data.nic("00:f0:00:00:00:01", "10.2.9.1", data.fixture.rack, "active");
    long host = data.hostOf(nic);
    ScanIngest.Report report = ingest("location", mac("00:f0:00:00:00:01", "10.2.9.1"));
    assertEquals("ok; outside the rack's lab: location conflict", status(report, 0));
    List<Map<String, Object>> conflicts = data.conflicts("location", "host_id", host);
    assertEquals(1, conflicts.size());
    assertEquals(data.lab2, conflicts.get(0).get("lab_id"));
  }

  @Test
  void unchangedLocationSituationLeavesTheOpenConflictOnlyLastseenMoves() throws SQLException {
    long nic = data.nic("00:f0:00:00:00:02", "10.2.9.2", data.fixture.rack, "active");
    long host = data.hostOf(nic);
    ingest("location-same", mac("00:f0:00:00:00:02", "10.2.9.2"));
    Map<String, Object> before = data.conflicts("location", "host_id", host).get(0);
    ingest("location-same", mac("00:f0:00:00:00:02", "10.2.9.2"));
    List<Map<String, Object>> after = data.conflicts("location", "host_id", host);
    assertEquals(1, after.size());
    assertEquals(before.get("id"), after.get(0).get("id"));
    assertEquals(before.get("created"), after.get(0).get("created"));
    assertEquals("new", after.get(0).get("status"));
    assertTrue(((Instant) after.get(0).get("lastseen")).isAfter((Instant) before.get("lastseen")));
    // seen in a third lab: another situation supersedes it
    data.db.execute("UPDATE inventory_nic SET ip = '10.3.9.2' WHERE id = " + nic);
    ingest("location-same", mac("00:f0:00:00:00:02", "10.3.9.2"));
    assertEquals(
        List.of("super", "new"),
        data.conflicts("location", "host_id", host).stream().map(c -> c.get("status")).toList());
  }

  @Test
  void ipInsideTheRacksLabResolvesOpenLocationConflicts() throws SQLException {
    long nic = data.nic("00:f0:00:00:00:03", "10.2.9.3", data.fixture.rack, "active");
    long host = data.hostOf(nic);
    ingest("location-inside", mac("00:f0:00:00:00:03", "10.2.9.3"));
    data.db.execute("UPDATE inventory_nic SET ip = '10.1.9.3' WHERE id = " + nic);
    ingest("location-inside", mac("00:f0:00:00:00:03", "10.1.9.3"));
    assertEquals("resolved", data.conflicts("location", "host_id", host).get(0).get("status"));
  }

  @Test
  void hostWithoutRackGoesToRackZeroOfTheLabHoldingItsIp() throws SQLException {
    long nic = data.nic("00:f1:00:00:00:01", "10.2.9.4", null, "active");
    ScanIngest.Report report = ingest("rack0", nic(nic, "10.2.9.4"));
    assertEquals("ok; placed in rack 0", status(report, 0));
    assertEquals(
        data.lab2rack0,
        row("SELECT rack_id FROM inventory_host WHERE id = ?", data.hostOf(nic)).get("rack_id"));
  }

  @Test
  void hostWithoutRackInALabWithoutRackZeroIsALocationConflict() throws SQLException {
    long nic = data.nic("00:f1:00:00:00:02", "10.3.9.4", null, "active");
    long host = data.hostOf(nic);
    ScanIngest.Report report = ingest("norack", nic(nic, "10.3.9.4"));
    assertEquals("ok; no rack and no rack 0 in its lab: location conflict", status(report, 0));
    assertNull(row("SELECT rack_id FROM inventory_host WHERE id = ?", host).get("rack_id"));
    assertEquals(data.lab3, data.conflicts("location", "host_id", host).get(0).get("lab_id"));
  }

  @Test
  void scanSupersedesOfflineWarningsAndSetsTheLastseenOfNicAndHost() throws SQLException {
    long nic = data.nic("00:f2:00:00:00:01", "10.1.9.12", data.fixture.rack, "active");
    long host = data.hostOf(nic);
    data.db.execute(
        "INSERT INTO live_offlinehostwarning (host_id, created) VALUES (" + host + ", now())");
    Instant at = next();
    data.ingest(scan("offline", at, List.of(mac("00:f2:00:00:00:01", "10.1.9.12"))), at);
    assertEquals(
        "super",
        row("SELECT status FROM live_offlinehostwarning WHERE host_id = ?", host).get("status"));
    assertEquals(at, row("SELECT lastseen FROM inventory_nic WHERE id = ?", nic).get("lastseen"));
    assertEquals(at, row("SELECT lastseen FROM inventory_host WHERE id = ?", host).get("lastseen"));
  }

  @Test
  void ignoredConflictDoesNotComeBackWhileItExistsAResolvedOneMay() throws SQLException {
    ingest("ignored", mac("00:f3:00:00:00:01", "10.1.9.13"));
    data.db.execute(
        "UPDATE live_scanconflict SET status = 'ignore' WHERE mac = '00:f3:00:00:00:01'");
    ingest("ignored", mac("00:f3:00:00:00:01", "10.1.9.13"));
    assertEquals(
        List.of("ignore"),
        data.conflicts("unknown", "mac", "00:f3:00:00:00:01").stream()
            .map(c -> c.get("status"))
            .toList());
    data.db.execute(
        "UPDATE live_scanconflict SET status = 'resolved' WHERE mac = '00:f3:00:00:00:01'");
    ingest("ignored", mac("00:f3:00:00:00:01", "10.1.9.13"));
    assertEquals(
        List.of("resolved", "new"),
        data.conflicts("unknown", "mac", "00:f3:00:00:00:01").stream()
            .map(c -> c.get("status"))
            .toList());
  }

  @Test
  void eachMacOrNicIsHandledOncePerScan() throws SQLException {
    long nic = data.nic("00:f4:00:00:00:01", "10.1.9.14", data.fixture.rack, "active");
    ScanIngest.Report report =
        ingest(
            "once",
            mac("00:f4:00:00:00:01", "10.1.9.14"),
            nic(nic, "10.1.9.99"),
            mac("00-F4-00-00-00-01", "10.1.9.98"),
            mac("00:f4:00:00:00:02", "10.1.9.15"),
            mac("00f4.0000.0002", "10.1.9.16"));
    assertEquals("ok", status(report, 0));
    assertEquals("duplicate: this MAC/NIC was handled in entry 0", status(report, 1));
    assertEquals("duplicate: this MAC/NIC was handled in entry 0", status(report, 2));
    assertEquals("unknown MAC: conflict", status(report, 3));
    assertEquals("duplicate: this MAC/NIC was handled in entry 3", status(report, 4));
    assertTrue(data.conflicts("nic", "nic_id", nic).isEmpty());
    assertEquals(1, data.conflicts("unknown", "mac", "00:f4:00:00:00:02").size());
  }

  @Test
  void badEntriesAreReportedOneByOneAndTheRestIsProcessed() throws SQLException {
    long nic = data.nic("00:f5:00:00:00:01", null, data.fixture.rack, "active");
    List<Object> results = new ArrayList<>();
    results.add(mac("00:f5:00", "10.1.9.17"));
    results.add(mac("00:f5:00:00:00:02", "10.1.9.300"));
    results.add(nic(987654, "10.1.9.18"));
    results.add("not an object");
    results.add(Map.of("ip", "10.1.9.19"));
    results.add(Map.of("mac", "00:f5:00:00:00:03", "ip", "10.1.9.20", "extra", 1));
    results.add(mac("00:f5:00:00:00:04", "192.168.77.1")); // outside every lab
    results.add(nic(nic, "10.1.9.21"));
    ScanIngest.Report report = ingest("bad", results.toArray());
    assertTrue(status(report, 0).startsWith("bad mac: "), status(report, 0));
    assertTrue(status(report, 1).startsWith("bad ip: "), status(report, 1));
    assertEquals("unknown nic", status(report, 2));
    assertEquals("bad entry: not an object", status(report, 3));
    assertEquals("bad entry: give either mac or nic", status(report, 4));
    assertEquals("bad entry: unknown field extra", status(report, 5));
    assertEquals("unknown MAC: conflict", status(report, 6));
    assertNull(data.conflicts("unknown", "mac", "00:f5:00:00:00:04").get(0).get("lab_id"));
    assertEquals("IP taken", status(report, 7));
    assertEquals(8, report.results().size());
  }

  @Test
  void addressesPostgresRefusesAreBadEntriesNotAFailedScan() throws SQLException {
    long nic = data.nic("00:f9:00:00:00:01", null, data.fixture.rack, "active");
    ScanIngest.Report report =
        ingest(
            "odd",
            mac("00:f9:00:00:00:02", "1:2:3:4:5:6:7:8:"),
            mac("00:f9:00:00:00:03", ":1:2:3:4:5:6:7:8"),
            mac("00:f9:00:00:00:04", "10.1.9.40\u0000"),
            mac("00:f9:00:00:00:05\u0000", "10.1.9.41"),
            nic(nic, "10.1.9.42"));
    assertTrue(status(report, 0).startsWith("bad ip: "), status(report, 0));
    assertTrue(status(report, 1).startsWith("bad ip: "), status(report, 1));
    assertTrue(status(report, 2).startsWith("bad ip: "), status(report, 2));
    assertTrue(status(report, 3).startsWith("bad mac: "), status(report, 3));
    assertEquals("IP taken", status(report, 4));
    assertEquals(
        "10.1.9.42", row("SELECT host(ip) AS ip FROM inventory_nic WHERE id = ?", nic).get("ip"));
  }

  @Test
  void aBadIpsStoredLineKeepsTheValidMacOrNicSoTheDeviceCanBeFound() throws SQLException {
    long nic = data.nic("00:fa:00:00:00:01", null, data.fixture.rack, "active");
    ScanIngest.Report report =
        ingest("badip", mac("00:FA:00:00:00:02", "10.1.9.300"), nic(nic, "not an ip"));
    Map<String, Object> stored =
        row(
            "SELECT result->'entries'->0->>'mac' AS mac, result->'entries'->0->>'status' AS status,"
                + " (result->'entries'->1->>'nic')::bigint AS nic"
                + " FROM live_scansession WHERE id = ?",
            report.session());
    assertEquals("00:fa:00:00:00:02", stored.get("mac"));
    assertTrue(((String) stored.get("status")).startsWith("bad ip: "), stored.toString());
    assertEquals(nic, stored.get("nic"));
    assertEquals("00:fa:00:00:00:02", report.results().get(0).get("mac"));
    assertEquals(nic, report.results().get(1).get("nic"));
    // kept to be read, not used: no conflict, no sighting
    assertTrue(data.conflicts("unknown", "mac", "00:fa:00:00:00:02").isEmpty());
    assertNull(row("SELECT lastseen FROM inventory_nic WHERE id = ?", nic).get("lastseen"));
    assertEquals(
        2,
        ((Number)
                row(
                        "SELECT (counts->>'bad')::int AS n FROM live_scansession" + " WHERE id = ?",
                        report.session())
                    .get("n"))
            .intValue());
  }

  @Test
  void aNulInTheAgentNameIsABadRequest() {
    Instant at = next();
    ProblemException problem =
        assertThrows(
            ProblemException.class,
            () ->
                data.ingest(
                    scan("nul\u0000agent", at, List.of(mac("00:f9:00:00:00:09", "10.1.9.43"))),
                    at));
    assertEquals(400, problem.status());
  }

  @Test
  void theOriginalsAnswerNamesEachEntryByItsMacOrAsSentWithSuccessOrError() throws SQLException {
    long nic = data.nic("00:f8:00:00:00:01", null, data.fixture.rack, "active");
    data.db.execute("INSERT INTO live_ignoredmac (mac) VALUES ('00:f8:00:00:00:09')");
    ScanIngest.Report report =
        ingest(
            "original",
            nic(nic, "10.1.9.30"),
            mac("00:F8:00:00:00:02", "10.1.9.31"),
            mac("00:f8:00", "10.1.9.32"),
            nic(987655, "10.1.9.33"),
            mac("00:f8:00:00:00:09", "10.1.9.34"));
    assertEquals(
        List.of(
            Map.of("nic", "00:f8:00:00:00:01", "success", "IP taken"),
            Map.of("nic", "00:f8:00:00:00:02", "success", "unknown MAC: conflict"),
            Map.of("nic", "00:f8:00", "error", status(report, 2)),
            Map.of("nic", 987655L, "error", "unknown nic"),
            Map.of("nic", "00:f8:00:00:00:09", "error", "ignored: MAC on the ignore list")),
        report.original());
    assertTrue(report.results().stream().noneMatch(line -> line.containsKey("ok")));
  }

  @Test
  void duplicateScanIsRefusedAndLeavesNothingBehind() throws SQLException {
    Instant at = next();
    data.ingest(scan("dup", at, List.of(mac("00:f6:00:00:00:01", "10.1.9.22"))), at);
    long sessions = data.db.number("SELECT count(*) FROM live_scansession");
    ProblemException refused =
        assertThrows(
            ProblemException.class,
            () -> data.ingest(scan("dup", at, List.of(mac("00:f6:00:00:00:02", "10.1.9.23"))), at));
    assertEquals(409, refused.status());
    assertTrue(refused.detail().contains("duplicate scan"), refused.detail());
    assertEquals(sessions, data.db.number("SELECT count(*) FROM live_scansession"));
    assertTrue(data.conflicts("unknown", "mac", "00:f6:00:00:00:02").isEmpty());
  }

  @Test
  void sessionKeepsDataAndReportAndItsDataCannotBeChanged() throws SQLException {
    ScanIngest.Report report = ingest("session", mac("00:f7:00:00:00:01", "10.1.9.24"));
    Map<String, Object> session =
        row(
            "SELECT processed, data->>'agentident' AS agent, data->'results'->0->>'mac' AS mac,"
                + " result->'entries'->0->>'status' AS status,"
                + " (result->'counts'->>'unknown')::int AS unknowns"
                + " FROM live_scansession WHERE id = ?",
            report.session());
    assertEquals(true, session.get("processed"));
    assertEquals("session", session.get("agent"));
    assertEquals("00:f7:00:00:00:01", session.get("mac"));
    assertEquals("unknown MAC: conflict", session.get("status"));
    assertEquals(1L, session.get("unknowns"));
    SQLException refused =
        assertThrows(
            SQLException.class,
            () ->
                data.db.execute(
                    "UPDATE live_scansession SET data = '{}' WHERE id = " + report.session()));
    assertTrue(refused.getMessage().contains("cannot be changed"), refused.getMessage());
  }

  @Test
  void concurrentScansOfTheSameUnknownMacRaiseOneConflict() throws Exception {
    List<Object> results = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      results.add(mac(String.format("00:96:00:00:%02x:%02x", i / 256, i % 256), "10.1.9.30"));
    }
    Instant at = next();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<ScanIngest.Report>> scans = new ArrayList<>();
      for (int agent = 0; agent < 4; agent++) {
        Map<String, Object> body = scan("concurrent-" + agent, at, results);
        scans.add(pool.submit(() -> data.ingest(body, at)));
      }
      for (Future<ScanIngest.Report> scan : scans) {
        assertEquals("unknown MAC: conflict", status(scan.get(), 0));
      }
    } finally {
      pool.shutdown();
    }
    assertEquals(
        200,
        data.db.number(
            "SELECT count(*) FROM live_scanconflict WHERE kind = 'unknown'"
                + " AND mac::text LIKE '00:96:%'"));
  }

  @Test
  void aScanIsAConstantNumberOfStatementsWhateverItsSize() throws SQLException {
    data.db.execute(
        "INSERT INTO inventory_nic (mac, ip) SELECT format('00:99:00:00:%s:%s',"
            + " lpad(to_hex(i / 256), 2, '0'), lpad(to_hex(i % 256), 2, '0'))::macaddr,"
            + " format('10.1.%s.%s', 100 + i / 250, i % 250 + 1)::inet"
            + " FROM generate_series(0, 999) i");
    ingest("warm-up", mac("00:98:00:00:00:01", "10.1.9.25"));
    assertEquals(statements(10), statements(1000));
  }

  /** Statements for a scan of n entries: a third unchanged, a third moved, a third unknown. */
  private int statements(int n) {
    List<Object> results = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String known = String.format("00:99:00:00:%02x:%02x", i / 256, i % 256);
      String ip = String.format("10.1.%d.%d", 100 + i / 250, i % 250 + 1);
      results.add(
          switch (i % 3) {
            case 0 -> mac(known, ip);
            case 1 -> mac(known, "10.1.50." + (i % 250 + 1));
            default -> mac(String.format("00:97:00:00:%02x:%02x", i / 256, i % 256), ip);
          });
    }
    int before = data.db.statements.get();
    ScanIngest.Report report = ingest("count-" + n, results.toArray());
    assertEquals(n, report.results().size());
    return data.db.statements.get() - before;
  }
}
