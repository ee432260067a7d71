package cores.domain.live;

import static cores.domain.live.LiveData.mac;
import static cores.domain.live.LiveData.nic;
import static cores.domain.live.LiveData.scan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.web.ProblemException;
import cores.domain.sql.Sql;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The live views of the original beside the conflicts: scan sessions, virtual hosts and the
 * dashboard's facts (a fresh database per test: the dashboard counts everything).
 */
class LiveViewsTest {
  private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private final LiveLists lists = new LiveLists();
  private LiveData data;

  @BeforeEach
  void setUp() throws Exception {
    data = new LiveData();
  }

  @AfterEach
  void tearDown() throws Exception {
    data.close();
  }

  private <T> T read(java.util.function.Function<Sql, T> query) {
    return data.tx.readOnly(em -> query.apply(Sql.of(em)));
  }

  @Test
  void sessionsAreListedNewestFirstWithTheirCountsAndOneHasItsLinesAndData() throws Exception {
    long nic = data.nic("00:b1:00:00:00:01", null, data.fixture.rack, "new");
    data.ingest(scan("agent-a", T0, List.of(mac("00:b1:00:00:00:99", "10.1.7.1"))), T0);
    Instant later = T0.plus(Duration.ofMinutes(5));
    long session =
        data.ingest(
                scan(
                    "agent-b",
                    later,
                    List.of(
                        nic(nic, "10.1.7.2"),
                        mac("00:b1:00:00:00:98", "10.1.7.3"),
                        mac("02:b1:00:00:00:01", "10.1.7.4"),
                        mac("00:b1", "10.1.7.5"))),
                later)
            .session();
    LiveLists.Slice all = read(sql -> lists.sessions(sql, null, 50, 0));
    assertEquals(2, all.count());
    Map<String, Object> newest = all.rows().get(0);
    assertEquals(session, newest.get("id"));
    assertEquals(later, newest.get("timestamp"));
    assertEquals("agent-b", newest.get("agent_identifier"));
    assertEquals(true, newest.get("processed"));
    assertEquals(4L, newest.get("entries"));
    assertEquals(
        Map.of("nic", 1L, "unknown", 1L, "virtual", 1L, "ignored", 0L, "bad", 1L),
        newest.get("counts"));
    assertEquals(1L, newest.get("conflicts"));
    assertEquals(1, read(sql -> lists.sessions(sql, "agent-a", 50, 0)).count());

    Map<String, Object> one = read(sql -> lists.session(sql, session));
    List<?> results = (List<?>) one.get("results");
    assertEquals(4, results.size());
    assertEquals(
        Map.of(
            "entry",
            0L,
            "mac",
            "00:b1:00:00:00:01",
            "nic",
            nic,
            "ip",
            "10.1.7.2",
            "status",
            "IP taken; host now active"),
        results.get(0));
    assertTrue(((String) one.get("raw_data")).contains("\"agentident\""), one.toString());
    assertNull(read(sql -> lists.session(sql, 987654)));
  }

  @Test
  void virtualHostsAreListedByLabThenIpAndFilterByStatusAndLab() {
    data.ingest(
        scan(
            "vm-agent",
            T0,
            List.of(
                mac("02:c1:00:00:00:02", "10.2.0.9"),
                mac("02:c1:00:00:00:01", "10.1.0.9"),
                mac("02:c1:00:00:00:03", "192.168.9.9"))),
        T0);
    LiveLists.Slice all = read(sql -> lists.virtualHosts(sql, null, List.of(), 50, 0));
    assertEquals(
        List.of("B1/lab1", "lab2"),
        all.rows().stream().limit(2).map(r -> r.get("location")).toList());
    Map<String, Object> first = all.rows().get(0);
    assertEquals("02:c1:00:00:00:01", first.get("mac"));
    assertEquals("10.1.0.9", first.get("ip"));
    assertEquals(data.fixture.lab, first.get("lab"));
    assertEquals("active", first.get("status"));
    assertEquals(T0, first.get("lastseen"));
    assertNull(all.rows().get(2).get("lab"), "outside every lab, last");
    assertEquals(1, read(sql -> lists.virtualHosts(sql, null, List.of(data.lab2), 50, 0)).count());
    assertEquals(0, read(sql -> lists.virtualHosts(sql, "old", List.of(), 50, 0)).count());
    assertThrows(
        ProblemException.class,
        () -> read(sql -> lists.virtualHosts(sql, "gone", List.of(), 50, 0)));
  }

  @Test
  void theDashboardHasTheLastScanTheOpenConflictsAndWarningsAndTheNicsInOneStatement()
      throws Exception {
    Map<String, Object> empty = read(lists::dashboard);
    assertNull(empty.get("last_scan"));
    assertEquals(0L, empty.get("attention"));
    long nic = data.nic("00:d1:00:00:00:01", "10.1.6.1", data.fixture.rack, "active");
    data.nic("00:d1:00:00:00:02", null, null, "new");
    data.db.execute(
        "INSERT INTO live_offlinehostwarning (host_id, created) SELECT id, now() FROM inventory_host"
            + " WHERE hostname LIKE '%00d1000000%'");
    data.ingest(
        scan("dash", T0, List.of(nic(nic, "10.1.6.2"), mac("00:d1:00:00:00:99", "10.1.6.3"))), T0);
    int before = data.db.statements.get();
    Map<String, Object> facts = read(lists::dashboard);
    // the facts (the transaction begins READ ONLY with them: no statement of its own)
    assertEquals(1, data.db.statements.get() - before);
    Map<?, ?> last = (Map<?, ?>) facts.get("last_scan");
    assertEquals("dash", last.get("agent_identifier"));
    assertEquals(T0, last.get("timestamp"));
    assertEquals(
        Map.of("unknown", 1L, "nic", 1L, "location", 0L, "total", 2L), facts.get("conflicts"));
    // the scan saw the first host: its warning is superseded
    assertEquals(1L, facts.get("offline_warnings"));
    assertEquals(3L, facts.get("attention"));
    assertEquals(2L, facts.get("nics"));
  }

  @Test
  void conflictsFilterBySeveralStatusesAtOnce() {
    data.ingest(scan("statuses", T0, List.of(mac("00:e1:00:00:00:01", "10.1.5.1"))), T0);
    long id = (Long) data.conflicts("unknown", "mac", "00:e1:00:00:00:01").get(0).get("id");
    data.tx.required(em -> new ConflictActions().ignore(Sql.of(em), id));
    assertEquals(0, read(sql -> lists.conflicts(sql, "unknown", "new", 50, 0)).count());
    assertEquals(1, read(sql -> lists.conflicts(sql, "unknown", "new,ignore", 50, 0)).count());
    assertThrows(
        ProblemException.class, () -> read(sql -> lists.conflicts(sql, null, "new,open", 50, 0)));
  }
}
