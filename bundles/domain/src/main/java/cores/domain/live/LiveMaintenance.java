package cores.domain.live;

import cores.domain.sql.Sql;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The live part of the nightly maintenance job (DOMAIN.md "Scheduled jobs"), inside the caller's
 * transaction; each action is one statement, and running it twice changes nothing more.
 */
public final class LiveMaintenance {
  /** Scan sessions, closed conflicts and virtual-host sightings older than this are deleted. */
  public static final Duration KEEP = Duration.ofDays(12 * 7);

  /**
   * Active hosts unseen this long (never seen ones: active this long) get an offline warning;
   * virtual hosts become {@code old}.
   */
  public static final Duration UNSEEN = Duration.ofHours(48);

  /** Rows changed per action, by name. */
  public Map<String, Long> run(Sql sql, Instant now) {
    Instant old = now.minus(KEEP);
    Instant unseen = now.minus(UNSEEN);
    Map<String, Long> counts = new LinkedHashMap<>();
    // open conflicts stay: their session_id becomes null (ON DELETE SET NULL)
    counts.put(
        "scan_sessions_deleted",
        count(sql, "DELETE FROM live_scansession WHERE scanned < ?", List.of(old)));
    counts.put(
        "closed_conflicts_deleted",
        count(
            sql,
            "DELETE FROM live_scanconflict WHERE status IN ('resolved', 'super') AND lastseen < ?",
            List.of(old)));
    counts.put(
        "virtual_hosts_deleted",
        count(sql, "DELETE FROM live_virtualhost WHERE lastseen < ?", List.of(old)));
    counts.put("conflicts_auto_resolved", autoResolve(sql));
    counts.put(
        "offline_warnings_raised",
        count(
            sql,
            "INSERT INTO live_offlinehostwarning (host_id, status, lastseen, created)"
                + " SELECT h.id, 'new', h.lastseen, ? FROM inventory_host h"
                // never seen: unseen for 48 hours once active that long (migration 019)
                + " WHERE h.status = 'active'"
                + " AND (h.lastseen < ? OR (h.lastseen IS NULL AND h.status_since < ?))"
                // once per absence: not again while a warning raised since it was last seen exists
                + " AND NOT EXISTS (SELECT 1 FROM live_offlinehostwarning w WHERE w.host_id = h.id"
                + " AND (h.lastseen IS NULL OR w.created >= h.lastseen))",
            List.of(now, unseen, unseen)));
    counts.put(
        "virtual_hosts_marked_old",
        count(
            sql,
            "UPDATE live_virtualhost SET status = 'old' WHERE status = 'active' AND lastseen < ?",
            List.of(unseen)));
    return counts;
  }

  /**
   * Open conflicts the inventory now agrees with: an unknown MAC that a NIC has, a NIC whose IP is
   * the conflict's, a host whose rack's lab holds the conflict's IP.
   */
  private static long autoResolve(Sql sql) {
    return count(
        sql,
        "UPDATE live_scanconflict c SET status = 'resolved' WHERE c.status = 'new' AND ("
            + "(c.kind = 'unknown' AND EXISTS (SELECT 1 FROM inventory_nic n WHERE n.mac = c.mac))"
            + " OR (c.kind = 'nic' AND EXISTS (SELECT 1 FROM inventory_nic n"
            + " WHERE n.id = c.nic_id AND n.ip = c.ip))"
            + " OR (c.kind = 'location' AND EXISTS (SELECT 1 FROM inventory_host h"
            + " JOIN inventory_rack r ON r.id = h.rack_id JOIN inventory_lab l ON l.id = r.lab_id"
            + " WHERE h.id = c.host_id AND (l.network IS NULL OR l.network >>= c.ip))))",
        List.of());
  }

  private static long count(Sql sql, String statement, List<?> params) {
    return sql.update(statement, params);
  }
}
