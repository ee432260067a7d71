package cores.domain.live;

import static cores.domain.live.LiveData.mac;
import static cores.domain.live.LiveData.scan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import cores.domain.sql.Sql;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The live part of the nightly maintenance job, each test on a fresh database. */
class LiveMaintenanceTest {
  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private static final Instant LONG_AGO = NOW.minus(Duration.ofDays(13 * 7));

  private LiveData data;

  @BeforeEach
  void setUp() throws Exception {
    data = new LiveData();
  }

  @AfterEach
  void tearDown() throws Exception {
    data.close();
  }

  private Map<String, Long> run() {
    return data.tx.required(em -> new LiveMaintenance().run(Sql.of(em), NOW));
  }

  private long count(String sql) throws SQLException {
    return data.db.number(sql);
  }

  @Test
  void scanSessionsOlderThanTwelveWeeksGoAndTheirOpenConflictsStay() throws SQLException {
    data.ingest(
        scan(
            "old",
            LONG_AGO,
            List.of(mac("00:b1:00:00:00:01", "10.1.7.1"), mac("00:b1:00:00:00:02", "10.1.7.2"))),
        LONG_AGO);
    data.db.execute(
        "UPDATE live_scanconflict SET status = 'resolved' WHERE mac = '00:b1:00:00:00:02'");
    data.ingest(scan("recent", NOW, List.of()), NOW);
    Map<String, Long> counts = run();
    assertEquals(1L, counts.get("scan_sessions_deleted"));
    assertEquals(1L, counts.get("closed_conflicts_deleted"));
    assertEquals(1, count("SELECT count(*) FROM live_scansession"));
    List<Map<String, Object>> kept = data.conflicts("unknown", "mac", "00:b1:00:00:00:01");
    assertEquals("new", kept.get(0).get("status"));
    assertNull(kept.get(0).get("session_id"));
  }

  @Test
  void virtualHostsUnseenFor48HoursAreOldAndOldSightingsGo() throws SQLException {
    Instant threeDaysAgo = NOW.minus(Duration.ofDays(3));
    data.ingest(
        scan("v", threeDaysAgo, List.of(mac("02:b2:00:00:00:01", "10.1.7.3"))), threeDaysAgo);
    data.ingest(scan("v", LONG_AGO, List.of(mac("02:b2:00:00:00:02", "10.1.7.4"))), LONG_AGO);
    data.ingest(scan("v", NOW, List.of(mac("02:b2:00:00:00:03", "10.1.7.5"))), NOW);
    Map<String, Long> counts = run();
    assertEquals(1L, counts.get("virtual_hosts_deleted"));
    assertEquals(1L, counts.get("virtual_hosts_marked_old"));
    assertEquals(
        "old",
        data.rows("SELECT status FROM live_virtualhost WHERE mac = '02:b2:00:00:00:01'")
            .get(0)
            .get("status"));
    assertEquals(0L, run().get("virtual_hosts_marked_old"));
  }

  @Test
  void conflictsTheInventoryNowAgreesWithAreResolved() throws SQLException {
    long moved = data.nic("00:b3:00:00:00:01", "10.1.7.6", data.fixture.rack, "active");
    long misplaced = data.nic("00:b3:00:00:00:02", "10.2.7.7", data.fixture.rack, "active");
    data.ingest(
        scan(
            "agree",
            NOW,
            List.of(
                mac("00:b3:00:00:00:01", "10.1.7.8"),
                mac("00:b3:00:00:00:02", "10.2.7.7"),
                mac("00:b3:00:00:00:03", "10.1.7.9"),
                mac("00:b3:00:00:00:04", "10.1.7.10"))),
        NOW);
    data.db.execute(
        "UPDATE inventory_nic SET ip = '10.1.7.8' WHERE id = " + moved,
        "UPDATE inventory_host SET rack_id = "
            + data.lab2rack1
            + " WHERE id = "
            + data.hostOf(misplaced),
        "INSERT INTO inventory_nic (mac) VALUES ('00:b3:00:00:00:03')");
    assertEquals(3L, run().get("conflicts_auto_resolved"));
    assertEquals("new", data.conflicts("unknown", "mac", "00:b3:00:00:00:04").get(0).get("status"));
  }

  @Test
  void activeHostsUnseenFor48HoursGetOneOfflineWarning() throws SQLException {
    long seen = data.nic("00:b4:00:00:00:01", "10.1.7.11", data.fixture.rack, "active");
    long unseen = data.nic("00:b4:00:00:00:02", "10.1.7.12", data.fixture.rack, "active");
    long retired = data.nic("00:b4:00:00:00:03", "10.1.7.13", data.fixture.rack, "retired");
    data.db.execute(
        "UPDATE inventory_host SET lastseen = '"
            + NOW.minus(Duration.ofHours(1))
            + "' WHERE id = "
            + data.hostOf(seen),
        "UPDATE inventory_host SET lastseen = '"
            + NOW.minus(Duration.ofHours(49))
            + "' WHERE id = "
            + data.hostOf(unseen));
    assertEquals(1L, run().get("offline_warnings_raised"));
    assertEquals(0L, run().get("offline_warnings_raised"), "once per absence");
    data.db.execute("UPDATE live_offlinehostwarning SET status = 'resolved'");
    assertEquals(0L, run().get("offline_warnings_raised"), "resolved: not again for this absence");
    assertEquals(data.hostOf(unseen), count("SELECT host_id FROM live_offlinehostwarning"));
    assertEquals(
        0,
        count(
            "SELECT count(*) FROM live_offlinehostwarning WHERE host_id = "
                + data.hostOf(retired)));
  }

  @Test
  void aHostsStatusSinceIsLeftOutOfItsHistoryAsItsLastSightingIs() throws SQLException {
    long host = data.hostOf(data.nic("00:b6:00:00:00:01", null, data.fixture.rack, "new"));
    String updates =
        "SELECT count(*) FROM cores_change WHERE model = 'host' AND action = 'update'"
            + " AND object_id = "
            + host;
    data.db.execute(
        "UPDATE inventory_host SET status_since = now() - interval '1 day' WHERE id = " + host,
        "UPDATE inventory_host SET lastseen = now() WHERE id = " + host);
    assertEquals(0, count(updates), "noise alone is no change");
    data.db.execute("UPDATE inventory_host SET status = 'active' WHERE id = " + host);
    assertEquals(1, count(updates + " AND after ->> 'status' = 'active'"));
    assertEquals(
        0,
        count(
            updates
                + " AND (before -> 'status_since' IS NOT NULL"
                + " OR after -> 'status_since' IS NOT NULL)"),
        "the trigger's new status_since is not shown beside the status");
  }

  @Test
  void neverSeenHostIsWarnedOnlyAfter48HoursActive() throws SQLException {
    long fresh = data.hostOf(data.nic("00:b5:00:00:00:01", null, data.fixture.rack, "active"));
    assertEquals(0L, run().get("offline_warnings_raised"), "created active just now");
    long activated = data.hostOf(data.nic("00:b5:00:00:00:02", null, data.fixture.rack, "new"));
    long longActive = data.hostOf(data.nic("00:b5:00:00:00:03", null, data.fixture.rack, "new"));
    String threeDaysAgo = "'" + NOW.minus(Duration.ofDays(3)) + "'";
    // known for three days, made active just now: its 48 hours start now
    data.db.execute(
        "UPDATE inventory_host SET status_since = " + threeDaysAgo + " WHERE id = " + activated,
        "UPDATE inventory_host SET status = 'active' WHERE id = " + activated);
    assertEquals(0L, run().get("offline_warnings_raised"), "made active just now");
    data.db.execute(
        "UPDATE inventory_host SET status = 'active', status_since = "
            + threeDaysAgo
            + " WHERE id = "
            + longActive);
    assertEquals(1L, run().get("offline_warnings_raised"), "active for three days, never seen");
    assertEquals(longActive, count("SELECT host_id FROM live_offlinehostwarning"));
    assertEquals(
        0,
        count(
            "SELECT count(*) FROM live_offlinehostwarning WHERE host_id IN ("
                + fresh
                + ", "
                + activated
                + ")"));
  }
}
