package cores.domain.live;

import cores.domain.sql.Sql;
import java.util.List;

/**
 * The scan's entries as a temporary table {@code live_entry} of the transaction, loaded from arrays
 * in one statement and judged against the inventory by a few set-based statements: which NIC each
 * is, duplicates, the lab holding the IP, and what the scan means for it ({@code kind}, {@code
 * ipaction}, {@code location}). Nothing per entry.
 */
final class ScanEntries {
  /** The status line of a usable entry, from what {@link #classify} decided ({@code x}). */
  private static final String STATUS =
      "CASE WHEN x.kind = 'ignored' THEN 'ignored: MAC on the ignore list'"
          + " WHEN x.kind = 'virtual' THEN 'virtual host'"
          + " WHEN x.kind = 'unknown' THEN 'unknown MAC: conflict'"
          + " ELSE concat_ws('; ',"
          + " CASE x.ipaction WHEN 'take' THEN 'IP taken' WHEN 'same' THEN 'ok'"
          + " ELSE 'IP differs: conflict' END,"
          + " CASE WHEN x.ipaction = 'take' AND x.host_status = 'new' THEN 'host now active' END,"
          + " CASE WHEN x.host_id IS NULL THEN 'NIC has no host' END,"
          + " CASE x.location WHEN 'outside' THEN 'outside the rack''s lab: location conflict'"
          + " WHEN 'norack' THEN 'no rack and no rack 0 in its lab: location conflict'"
          + " WHEN 'place' THEN 'placed in rack 0' END) END";

  private ScanEntries() {}

  static void load(Sql sql, List<Scan.Entry> entries) {
    int n = entries.size();
    Integer[] ord = new Integer[n];
    String[] mac = new String[n];
    Long[] nic = new Long[n];
    String[] ip = new String[n];
    String[] problem = new String[n];
    for (int i = 0; i < n; i++) {
      Scan.Entry entry = entries.get(i);
      ord[i] = entry.ord();
      mac[i] = entry.mac();
      nic[i] = entry.nic();
      ip[i] = entry.ip();
      problem[i] = entry.problem();
    }
    sql.update(
        "CREATE TEMPORARY TABLE live_entry (ord integer PRIMARY KEY, mac macaddr, nic_id bigint,"
            + " ip inet, problem text, kind text, lab_id bigint, host_id bigint,"
            + " host_status text, rack0_id bigint, ipaction text, location text, status text)"
            + " ON COMMIT DROP",
        List.of());
    sql.update(
        "INSERT INTO live_entry (ord, mac, nic_id, ip, problem, status)"
            + " SELECT u.ord, u.mac::macaddr, u.nic, u.ip::inet, u.problem, u.problem"
            + " FROM unnest(?::integer[], ?::text[], ?::bigint[], ?::text[], ?::text[])"
            + " AS u(ord, mac, nic, ip, problem)",
        List.of(ord, mac, nic, ip, problem));
  }

  /**
   * NIC ids for MACs and MACs for NIC ids; unknown NIC ids and repeated MACs/NICs get a problem.
   */
  static void identify(Sql sql) {
    sql.update(
        "UPDATE live_entry e SET nic_id = n.id FROM inventory_nic n"
            + " WHERE e.problem IS NULL AND e.mac IS NOT NULL AND n.mac = e.mac",
        List.of());
    sql.update(
        "UPDATE live_entry e SET mac = n.mac FROM inventory_nic n"
            + " WHERE e.problem IS NULL AND e.mac IS NULL AND n.id = e.nic_id",
        List.of());
    // each MAC/NIC once per scan: the first entry counts, later ones are reported
    sql.update(
        "UPDATE live_entry e SET problem = f.problem, status = f.problem"
            + " FROM (SELECT ord, CASE WHEN mac IS NULL THEN 'unknown nic'"
            + " ELSE 'duplicate: this MAC/NIC was handled in entry ' || first END AS problem"
            + " FROM (SELECT ord, mac, min(ord) OVER (PARTITION BY mac) AS first FROM live_entry"
            + " WHERE problem IS NULL) d WHERE mac IS NULL OR first <> ord) f"
            + " WHERE f.ord = e.ord",
        List.of());
  }

  /**
   * What each usable entry is: {@code ignored} (the ignore list), {@code nic} (known), {@code
   * virtual} (locally administered bit), else {@code unknown}; the lab whose network holds the IP
   * (the narrowest); for known NICs what happens to the IP ({@code take, same, moved}) and, once
   * per host, where the host stands ({@code inside, outside} its rack's lab; without a rack {@code
   * place} in the lab's rack 0, or {@code norack}).
   */
  static void classify(Sql sql) {
    sql.update(
        "UPDATE live_entry e SET kind = x.kind, lab_id = x.lab_id, host_id = x.host_id,"
            + " host_status = x.host_status, rack0_id = x.rack0_id, ipaction = x.ipaction,"
            + " location = x.location, status = "
            + STATUS
            + " FROM (SELECT e2.ord, lab.id AS lab_id, h.id AS host_id, h.status AS host_status,"
            + " lab.rack0 AS rack0_id,"
            + " CASE WHEN i.id IS NOT NULL THEN 'ignored' WHEN n.id IS NOT NULL THEN 'nic'"
            + " WHEN (e2.mac & '02:00:00:00:00:00'::macaddr) <> '00:00:00:00:00:00'::macaddr"
            + " THEN 'virtual' ELSE 'unknown' END AS kind,"
            + " CASE WHEN i.id IS NOT NULL OR n.id IS NULL THEN NULL"
            + " WHEN n.ip IS NULL THEN 'take' WHEN n.ip = e2.ip THEN 'same' ELSE 'moved' END"
            + " AS ipaction,"
            + " CASE WHEN i.id IS NOT NULL OR h.id IS NULL"
            + " OR row_number() OVER (PARTITION BY h.id, i.id IS NULL ORDER BY e2.ord) > 1 THEN NULL"
            + " WHEN h.rack_id IS NOT NULL THEN"
            + " CASE WHEN rl.network IS NULL OR rl.network >>= e2.ip THEN 'inside'"
            + " ELSE 'outside' END"
            + " WHEN lab.rack0 IS NOT NULL THEN 'place' ELSE 'norack' END AS location"
            + " FROM live_entry e2"
            + " LEFT JOIN live_ignoredmac i ON i.mac = e2.mac"
            + " LEFT JOIN inventory_nic n ON n.id = e2.nic_id"
            + " LEFT JOIN inventory_host h ON h.id = n.host_id"
            + " LEFT JOIN inventory_rack r ON r.id = h.rack_id"
            + " LEFT JOIN inventory_lab rl ON rl.id = r.lab_id"
            + " LEFT JOIN LATERAL (SELECT l.id, r0.id AS rack0 FROM inventory_lab l"
            + " LEFT JOIN inventory_rack r0 ON r0.lab_id = l.id AND r0.number = 0"
            + " WHERE l.network >>= e2.ip ORDER BY masklen(l.network) DESC, l.id LIMIT 1) lab"
            + " ON true"
            + " WHERE e2.problem IS NULL) x"
            + " WHERE x.ord = e.ord",
        List.of());
    // the conflict statements that follow join conflicts to entries by subject; the conflict
    // table's statistics may be stale (it grows with scans), and a temporary table has none:
    // without indexes and statistics those joins became nested loops over all entries (seconds)
    for (String subject : new String[] {"mac", "nic_id", "host_id"}) {
      sql.update("CREATE INDEX ON live_entry (" + subject + ")", List.of());
    }
    sql.update("ANALYZE live_entry", List.of());
  }

  /**
   * The status lines, in entry order; {@code ok} is false for entries that were not used (a
   * problem, or a MAC on the ignore list), which the original answered as errors.
   */
  static List<java.util.Map<String, Object>> lines(Sql sql) {
    return sql.rows(
        "SELECT ord AS entry, mac::text AS mac, nic_id AS nic, host(ip) AS ip, status,"
            + " problem IS NULL AND kind IS DISTINCT FROM 'ignored' AS ok"
            + " FROM live_entry ORDER BY ord",
        List.of());
  }
}
