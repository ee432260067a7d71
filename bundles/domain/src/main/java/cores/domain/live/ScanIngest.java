package cores.domain.live;

import cores.api.web.JsonShape;
import cores.domain.inventory.HostDerivation;
import cores.domain.sql.Sql;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Processes a scan (DOMAIN.md "Live scan ingest") inside the caller's transaction, in bulk: the
 * entries go into a temporary table and every rule is one set-based statement over all of them, so
 * the number of statements does not depend on the number of entries.
 */
public final class ScanIngest {
  private static final String VIRTUAL = "e.kind = 'virtual'";
  private static final String UNKNOWN = "e.kind = 'unknown'";
  private static final String KNOWN = "e.kind = 'nic'";

  /** A line of the original's answer: the entry's MAC (else the entry as sent) and its status. */
  private static Map<String, Object> originalLine(String outcome, String description) {
    return JsonShape.of()
        .with("nic", Map.of("description", "the entry's MAC, else the entry as sent"))
        .with(outcome, JsonShape.STRING)
        .schema(description);
  }

  /**
   * The answer to a scan: the original's keys first (an agent reads {@code success} and {@code
   * result}), Cores' own beside them.
   */
  public static final JsonShape ANSWER =
      JsonShape.of()
          .with("success", JsonShape.described(Map.of("const", true), "the scan was taken"))
          .with(
              "result",
              JsonShape.arrayOf(
                  Map.of(
                      "oneOf",
                      List.of(
                          originalLine("success", "an entry used"),
                          originalLine("error", "an entry not used")))))
          .with("session", JsonShape.described(JsonShape.INTEGER, "the scan session's id"))
          .with("agentident", JsonShape.STRING)
          .with("timestamp", JsonShape.described(JsonShape.DATE_TIME, "when scanned"))
          .with(
              "results",
              JsonShape.arrayOf(LiveLists.LINE.schema("what became of an entry, in entry order")));

  /**
   * The stored session and one status line per entry, in Cores' shape ({@code results}: entry, mac,
   * nic, ip, status) and in the original's ({@code original}: {@code {"nic", "success"}} or {@code
   * {"nic", "error"}}, the entry named by its MAC, else as sent), which scan agents read.
   */
  public record Report(
      long session, List<Map<String, Object>> results, List<Map<String, Object>> original) {}

  public Report ingest(Sql sql, Scan scan, Instant now) {
    // scans are processed one at a time: two at once could raise the same open conflict twice
    // (refused by its unique index) or decide on each other's half-written state
    sql.row("SELECT pg_advisory_xact_lock(hashtext('live_scan_ingest'))", List.of());
    long session = ScanSessions.store(sql, scan, now);
    Instant scanned = scan.scanned();
    ScanEntries.load(sql, scan.entries());
    ScanEntries.identify(sql);
    ScanEntries.classify(sql);
    sightVirtualHosts(sql, scanned);
    ConflictUpdates.raise(sql, ConflictKind.UNKNOWN, UNKNOWN, session, scanned);
    ConflictUpdates.resolve(sql, ConflictKind.UNKNOWN, KNOWN);
    ConflictUpdates.raise(sql, ConflictKind.NIC, "e.ipaction = 'moved'", session, scanned);
    ConflictUpdates.resolve(sql, ConflictKind.NIC, "e.ipaction IN ('same', 'take')");
    ConflictUpdates.raise(
        sql, ConflictKind.LOCATION, "e.location IN ('outside', 'norack')", session, scanned);
    ConflictUpdates.resolve(sql, ConflictKind.LOCATION, "e.location IN ('inside', 'place')");
    updateInventory(sql, scanned);
    ScanSessions.finish(sql, session);
    List<Map<String, Object>> results = ScanEntries.lines(sql);
    List<Map<String, Object>> original = new ArrayList<>(results.size());
    for (Map<String, Object> line : results) {
      boolean ok = (Boolean) line.remove("ok");
      Object mac = line.get("mac");
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put(
          "nic",
          mac != null ? mac : scan.entries().get(((Number) line.get("entry")).intValue()).given());
      entry.put(ok ? "success" : "error", line.get("status"));
      original.add(entry);
    }
    return new Report(session, results, original);
  }

  /** Locally administered MACs nobody has: a sighting per MAC (the newest scan wins). */
  private static void sightVirtualHosts(Sql sql, Instant scanned) {
    sql.update(
        "INSERT INTO live_virtualhost (mac, ip, lab_id, status, firstseen, lastseen)"
            + " SELECT e.mac, e.ip, e.lab_id, 'active', ?, ? FROM live_entry e WHERE "
            + VIRTUAL
            + " ON CONFLICT (mac) DO UPDATE SET ip = EXCLUDED.ip, lab_id = EXCLUDED.lab_id,"
            + " status = 'active', lastseen = EXCLUDED.lastseen"
            + " WHERE live_virtualhost.lastseen <= EXCLUDED.lastseen",
        List.of(scanned, scanned));
  }

  /**
   * Known NICs: rackless hosts go to rack 0 of their IP's lab, a NIC without IP takes the scanned
   * one (a {@code new} host becomes {@code active}), lastseen moves, the hosts' open offline
   * warnings are superseded and their ip/lastseen derived again.
   */
  private static void updateInventory(Sql sql, Instant scanned) {
    sql.update(
        "UPDATE inventory_host h SET rack_id = e.rack0_id FROM live_entry e"
            + " WHERE e.location = 'place' AND h.id = e.host_id AND h.rack_id IS NULL",
        List.of());
    sql.update(
        "UPDATE inventory_nic n SET ip = CASE WHEN e.ipaction = 'take' THEN e.ip ELSE n.ip END,"
            + " lastseen = greatest(n.lastseen, ?) FROM live_entry e WHERE "
            + KNOWN
            + " AND n.id = e.nic_id",
        List.of(scanned));
    sql.update(
        "UPDATE inventory_host h SET status = 'active' FROM live_entry e"
            + " WHERE e.ipaction = 'take' AND h.id = e.host_id AND h.status = 'new'",
        List.of());
    sql.update(
        "UPDATE live_offlinehostwarning w SET status = 'super' FROM live_entry e WHERE "
            + KNOWN
            + " AND w.host_id = e.host_id AND w.status = 'new'",
        List.of());
    List<Long> hosts =
        sql
            .rows(
                "SELECT DISTINCT host_id FROM live_entry e WHERE "
                    + KNOWN
                    + " AND host_id IS NOT NULL",
                List.of())
            .stream()
            .map(row -> (Long) row.get("host_id"))
            .toList();
    HostDerivation.refresh(sql, hosts);
  }
}
