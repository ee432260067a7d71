package cores.domain.live;

import cores.domain.DomainDatabase;
import cores.domain.Fixture;
import cores.domain.sql.Sql;
import cores.testing.TestDatabase;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Inventory for the live tests: lab1 10.1.0.0/16 with rack 0 (the fixture's), lab2 10.2.0.0/16 with
 * racks 0 and 1, lab3 10.3.0.0/16 with only rack 5; hosts with NICs; and scans in the original
 * agent's format.
 */
final class LiveData {
  final DomainDatabase db;
  final TestDatabase.Tx tx;
  final Fixture fixture;
  final long lab2;
  final long lab2rack0;
  final long lab2rack1;
  final long lab3;
  final long lab3rack5;
  private final AtomicInteger hosts = new AtomicInteger();

  LiveData() throws Exception {
    db = new DomainDatabase();
    tx = db.transactions();
    fixture = new Fixture(db);
    lab2 =
        db.number(
            "INSERT INTO inventory_lab (name, network) VALUES ('lab2', '10.2.0.0/16') RETURNING id");
    lab2rack0 =
        db.number(
            "INSERT INTO inventory_rack (number, lab_id) VALUES (0, " + lab2 + ") RETURNING id");
    lab2rack1 =
        db.number(
            "INSERT INTO inventory_rack (number, lab_id) VALUES (1, " + lab2 + ") RETURNING id");
    lab3 =
        db.number(
            "INSERT INTO inventory_lab (name, network) VALUES ('lab3', '10.3.0.0/16') RETURNING id");
    lab3rack5 =
        db.number(
            "INSERT INTO inventory_rack (number, lab_id) VALUES (5, " + lab3 + ") RETURNING id");
  }

  /** A host (in the rack, or none) with one NIC of that MAC and IP (or none); the NIC's id. */
  long nic(String mac, String ip, Long rack, String status) throws SQLException {
    long host =
        db.number(
            "INSERT INTO inventory_host (hostname, hardware_id, rack_id, status) VALUES ('h"
                + hosts.incrementAndGet()
                + "-"
                + mac.replace(":", "")
                + "', "
                + fixture.hardware
                + ", "
                + rack
                + ", '"
                + status
                + "') RETURNING id");
    return db.number(
        "INSERT INTO inventory_nic (mac, host_id, ip) VALUES ('"
            + mac
            + "', "
            + host
            + ", "
            + (ip == null ? "NULL" : "'" + ip + "'")
            + ") RETURNING id");
  }

  long hostOf(long nic) throws SQLException {
    return db.number("SELECT host_id FROM inventory_nic WHERE id = " + nic);
  }

  /** The agent's payload. */
  static Map<String, Object> scan(String agent, Instant at, List<?> results) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("agentident", agent);
    body.put("timestamp", at.toString());
    body.put("results", new ArrayList<>(results));
    return body;
  }

  static Map<String, Object> mac(String mac, String ip) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("mac", mac);
    entry.put("ip", ip);
    return entry;
  }

  static Map<String, Object> nic(long nic, String ip) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("nic", nic);
    entry.put("ip", ip);
    return entry;
  }

  ScanIngest.Report ingest(Map<String, Object> body, Instant now) {
    Scan scan = ScanParser.parse(body, now);
    return tx.required(em -> new ScanIngest().ingest(Sql.of(em), scan, now));
  }

  List<Map<String, Object>> rows(String sql, Object... params) {
    return tx.readOnly(em -> Sql.of(em).rows(sql, List.of(params)));
  }

  /** Conflicts of a kind about a subject ({@code mac}, {@code nic_id} or {@code host_id}). */
  List<Map<String, Object>> conflicts(String kind, String subject, Object value) {
    return rows(
        "SELECT id, status, host(ip) AS ip, lab_id, created, lastseen, session_id"
            + " FROM live_scanconflict WHERE kind = ? AND "
            + subject
            + " = ?"
            + (subject.equals("mac") ? "::macaddr" : "")
            + " ORDER BY id",
        kind,
        value);
  }

  void close() throws SQLException {
    tx.close();
    db.close();
  }
}
