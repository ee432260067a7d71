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
  private static final String REFRESH =
      "UPDATE inventory_host h SET"
          + " ip = (SELECT n.ip FROM inventory_nic n WHERE n.host_id = h.id AND n.ip IS NOT NULL"
          + " ORDER BY n.\"primary\" DESC, n.id LIMIT 1),"
          + " lastseen = (SELECT max(n.lastseen) FROM inventory_nic n WHERE n.host_id = h.id)"
          + " WHERE h.id = ANY (?::bigint[])";

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
      sql.update(REFRESH, List.of(Sql.array(ids)));
    }
  }
}
