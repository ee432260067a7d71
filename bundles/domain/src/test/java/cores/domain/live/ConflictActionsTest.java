package cores.domain.live;

import static cores.domain.live.LiveData.mac;
import static cores.domain.live.LiveData.scan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.web.ProblemException;
import cores.domain.sql.Sql;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.function.Executable;

/** Accept a NIC's new IP, fix a location, resolve, ignore; and the lists. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConflictActionsTest {
  private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private final AtomicLong minutes = new AtomicLong();
  private final ConflictActions actions = new ConflictActions();
  private final LiveLists lists = new LiveLists();
  private LiveData data;

  @BeforeAll
  void setUp() throws Exception {
    data = new LiveData();
  }

  @AfterAll
  void tearDown() throws Exception {
    data.close();
  }

  /** Scans the MAC at the IP; the id of the newest conflict of that kind about the subject. */
  private long conflict(String kind, String subject, Object value, String mac, String ip) {
    Instant at = T0.plus(Duration.ofMinutes(minutes.incrementAndGet()));
    data.ingest(scan("actions", at, List.of(mac(mac, ip))), at);
    List<Map<String, Object>> conflicts = data.conflicts(kind, subject, value);
    return (Long) conflicts.get(conflicts.size() - 1).get("id");
  }

  private <T> T act(java.util.function.Function<Sql, T> action) {
    return data.tx.required(em -> action.apply(Sql.of(em)));
  }

  private static int status(Executable action) {
    return assertThrows(ProblemException.class, action).status();
  }

  @Test
  void acceptingANicsNewIpMovesTheNicAndItsHostAndResolves() throws SQLException {
    long nic = data.nic("00:a1:00:00:00:01", "10.1.8.1", data.fixture.rack, "active");
    long id = conflict("nic", "nic_id", nic, "00:a1:00:00:00:01", "10.1.8.2");
    Map<String, Object> accepted = act(sql -> actions.acceptIp(sql, id));
    assertEquals("resolved", accepted.get("status"));
    assertEquals(
        "10.1.8.2",
        data.rows("SELECT host(ip) AS ip FROM inventory_host WHERE id = ?", data.hostOf(nic))
            .get(0)
            .get("ip"));
    assertEquals(409, status(() -> act(sql -> actions.acceptIp(sql, id))));
  }

  @Test
  void fixingALocationTakesTheLabAndTheRackNumberAsTheOriginalsFormDid() throws SQLException {
    long nic = data.nic("00:a2:00:00:00:01", "10.2.8.1", data.fixture.rack, "active");
    long host = data.hostOf(nic);
    long id = conflict("location", "host_id", host, "00:a2:00:00:00:01", "10.2.8.1");
    // lab3 has only rack 5; lab2 has racks 0 and 1
    ProblemException noSuchRack =
        assertThrows(
            ProblemException.class,
            () -> act(sql -> actions.fixLocation(sql, id, data.lab2, 5, null)));
    assertEquals(
        List.of("lab2 has no rack number 5; its racks: 0, 1"), noSuchRack.errors().get("rack"));
    assertEquals(
        400, status(() -> act(sql -> actions.fixLocation(sql, id, data.lab2, null, null))));
    assertEquals(400, status(() -> act(sql -> actions.fixLocation(sql, id, null, 1, null))));
    assertEquals(400, status(() -> act(sql -> actions.fixLocation(sql, id, data.lab2, -1, null))));
    assertEquals(400, status(() -> act(sql -> actions.acceptIp(sql, id))), "not a NIC IP conflict");
    // a form's value comes as text
    Map<String, Object> fixed = act(sql -> actions.fixLocation(sql, id, data.lab2, "1", null));
    assertEquals("resolved", fixed.get("status"));
    assertEquals(
        data.lab2rack1,
        data.rows("SELECT rack_id FROM inventory_host WHERE id = ?", host).get(0).get("rack_id"));
  }

  @Test
  void fixingALocationTakesARackIdInsteadWhichMustBeInTheLabIfOneIsGiven() throws SQLException {
    long nic = data.nic("00:a2:00:00:00:02", "10.2.8.2", data.fixture.rack, "active");
    long host = data.hostOf(nic);
    long id = conflict("location", "host_id", host, "00:a2:00:00:00:02", "10.2.8.2");
    ProblemException otherLab =
        assertThrows(
            ProblemException.class,
            () -> act(sql -> actions.fixLocation(sql, id, data.lab2, null, data.lab3rack5)));
    assertEquals(
        List.of("rack " + data.lab3rack5 + " is not in lab " + data.lab2),
        otherLab.errors().get("rack_id"));
    assertEquals(
        400, status(() -> act(sql -> actions.fixLocation(sql, id, null, 5, data.lab3rack5))));
    assertEquals(400, status(() -> act(sql -> actions.fixLocation(sql, id, null, null, 987654))));
    act(sql -> actions.fixLocation(sql, id, null, null, data.lab3rack5));
    assertEquals(
        data.lab3rack5,
        data.rows("SELECT rack_id FROM inventory_host WHERE id = ?", host).get(0).get("rack_id"));
  }

  @Test
  void resolvingAndIgnoringChangeTheStatusOfOpenConflictsOnly() {
    long unknown = conflict("unknown", "mac", "00:a3:00:00:00:01", "00:a3:00:00:00:01", "10.1.8.3");
    assertEquals("ignore", act(sql -> actions.ignore(sql, unknown)).get("status"));
    assertEquals("resolved", act(sql -> actions.resolve(sql, unknown)).get("status"));
    assertEquals(409, status(() -> act(sql -> actions.ignore(sql, unknown))));
    assertEquals(404, status(() -> act(sql -> actions.resolve(sql, 987654))));
  }

  @Test
  void listsFilterByKindAndStatusAndCheckTheirValues() {
    conflict("unknown", "mac", "00:a4:00:00:00:01", "00:a4:00:00:00:01", "10.1.8.4");
    LiveLists.Slice open = act(sql -> lists.conflicts(sql, "unknown", "new", 50, 0));
    assertTrue(open.count() >= 1);
    assertTrue(
        open.rows().stream()
            .allMatch(r -> "unknown".equals(r.get("kind")) && "new".equals(r.get("status"))));
    assertEquals(400, status(() -> act(sql -> lists.conflicts(sql, "bogus", null, 50, 0))));
    assertEquals(400, status(() -> act(sql -> lists.conflicts(sql, null, "open", 50, 0))));
  }

  @Test
  void macsListsEveryNicWithItsMac() throws SQLException {
    long nic = data.nic("00:a5:00:00:00:01", null, null, "new");
    assertTrue(act(lists::macs).contains(Map.of("id", nic, "mac", "00:a5:00:00:00:01")));
  }

  @Test
  void ignoreListRefusesBadAndRepeatedMacs() {
    IgnoredMacs macs = new IgnoredMacs();
    Map<String, Object> added =
        act(sql -> macs.add(sql, Map.of("mac", "00:A6:00:00:00:01", "reason", "printer")));
    assertEquals("00:a6:00:00:00:01", added.get("mac"));
    assertEquals("printer", added.get("reason"));
    assertEquals(409, status(() -> act(sql -> macs.add(sql, Map.of("mac", "00:a6:00:00:00:01")))));
    assertEquals(400, status(() -> act(sql -> macs.add(sql, Map.of("mac", "00:a6")))));
    // a reason is one line of prose, as the admin's field takes it
    for (String reason : List.of("two\nlines", "\u202Eretnirp", "r".repeat(1001))) {
      Map<String, Object> input = Map.of("mac", "00:a6:00:00:00:02", "reason", reason);
      assertEquals(400, status(() -> act(sql -> macs.add(sql, input))), reason);
    }
    // a field it does not take is refused, not ignored
    assertEquals(
        400,
        status(
            () ->
                act(
                    sql ->
                        macs.add(
                            sql, Map.of("mac", "00:a6:00:00:00:02", "reason", "x", "extra", 1)))));
    assertEquals(true, act(sql -> macs.remove(sql, (Long) added.get("id"))));
  }
}
