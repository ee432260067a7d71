package cores.domain.inventory;

import cores.domain.sql.Sql;
import java.util.Collection;
import java.util.List;

/**
 * The one place that keeps a host's derived ip and lastseen right: the ip is the primary NIC's,
 * else that of the first NIC (lowest id) with one; lastseen is the newest of its NICs'. Called
 * after every change of NICs, with the hosts they belonged to before and after, in the same
 * transaction; the hosts are locked (in id order) before they are derived.
 */
public final class HostDerivation {
  /** The IP a host derives from its NICs, over the host's row {@code h}. */
  private static final String IP =
      "(SELECT n.ip FROM inventory_nic n WHERE n.host_id = h.id AND n.ip IS NOT NULL"
          + " ORDER BY n.\"primary\" DESC, n.id LIMIT 1)";

  /** Sets lastseen, and answers the hosts whose IP is no longer the derived one. */
  private static final String LASTSEEN =
      "UPDATE inventory_host h SET"
          + " lastseen = (SELECT max(n.lastseen) FROM inventory_nic n WHERE n.host_id = h.id)"
          + " WHERE h.id = ANY (?::bigint[]) RETURNING h.id, h.ip IS DISTINCT FROM "
          + IP
          + " AS moved";

  private static final String MOVED =
      "UPDATE inventory_host h SET ip = " + IP + " WHERE h.id = ANY (?::bigint[])";

  private static final String LOCK =
      "SELECT id FROM inventory_host WHERE id = ANY (?::bigint[]) ORDER BY id FOR UPDATE";

  private HostDerivation() {}

  public static void refresh(Sql sql, Collection<Long> hostIds) {
    List<Long> ids = hostIds.stream().filter(id -> id != null).distinct().sorted().toList();
    if (!ids.isEmpty()) {
      // Lock the hosts first, in a statement of its own: a concurrent change of another NIC of
      // the same host then waits for this transaction's end, and its derivation (a new statement,
      // a new snapshot) sees this one's NICs. Deriving in the UPDATE alone reads the NICs as they
      // were before the wait and writes a stale IP (issue 14, major 4).
      sql.rows(LOCK, List.of(Sql.array(ids)));
      // the IP in a statement of its own, only for hosts whose IP moved: a statement that sets
      // it marks the hosts changed for every cache (ChangeMarkers), and a scan mostly sees the
      // same IPs again
      List<Long> moved =
          sql.rows(LASTSEEN, List.of(Sql.array(ids))).stream()
              .filter(row -> Boolean.TRUE.equals(row.get("moved")))
              .map(row -> (Long) row.get("id"))
              .toList();
      if (!moved.isEmpty()) {
        sql.update(MOVED, List.of(Sql.array(moved)));
      }
    }
  }
}
