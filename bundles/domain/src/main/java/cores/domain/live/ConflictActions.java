package cores.domain.live;

import cores.api.web.FieldErrors;
import cores.api.web.ProblemException;
import cores.domain.inventory.HostDerivation;
import cores.domain.sql.Sql;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * What people do with a scan conflict: accept a NIC's new IP, fix a host's location (lab and rack),
 * mark it resolved, ignore it. Each locks the conflict's row and acts inside the caller's
 * transaction.
 */
public final class ConflictActions {
  static final String COLUMNS =
      "SELECT c.id, c.kind, c.status, c.session_id AS session, c.mac::text AS mac,"
          + " host(c.ip) AS ip, c.nic_id AS nic, c.host_id AS host, h.hostname, c.lab_id AS lab,"
          + " c.created, c.lastseen FROM live_scanconflict c"
          + " LEFT JOIN inventory_host h ON h.id = c.host_id";

  /** The conflict as the API shows it; 404 if there is none. */
  public Map<String, Object> get(Sql sql, long id) {
    Map<String, Object> row = sql.row(COLUMNS + " WHERE c.id = ?", List.of(id));
    if (row == null) {
      throw ProblemException.notFound("No scan conflict with id " + id + ".");
    }
    return row;
  }

  /** The NIC takes the IP it was seen at; the conflict is resolved. */
  public Map<String, Object> acceptIp(Sql sql, long id) {
    Map<String, Object> conflict = open(sql, id, ConflictKind.NIC);
    Map<String, Object> nic =
        sql.row(
            "UPDATE inventory_nic SET ip = c.ip FROM live_scanconflict c"
                + " WHERE c.id = ? AND inventory_nic.id = c.nic_id RETURNING inventory_nic.host_id",
            List.of(id));
    if (nic != null) {
      HostDerivation.refresh(sql, Collections.singletonList((Long) nic.get("host_id")));
    }
    return close(sql, conflict, ConflictStatus.RESOLVED);
  }

  /** The host moves to the given rack, which must be in the given lab; the conflict is resolved. */
  public Map<String, Object> fixLocation(Sql sql, long id, Object lab, Object rack) {
    FieldErrors errors = new FieldErrors();
    if (!(lab instanceof Integer || lab instanceof Long)) {
      errors.check("lab", lab == null ? "required" : "must be an id");
    }
    if (!(rack instanceof Integer || rack instanceof Long)) {
      errors.check("rack", rack == null ? "required" : "must be an id");
    }
    errors.throwIfAny();
    Map<String, Object> conflict = open(sql, id, ConflictKind.LOCATION);
    long labId = ((Number) lab).longValue();
    long rackId = ((Number) rack).longValue();
    if (!sql.exists("SELECT 1 FROM inventory_lab WHERE id = ?", List.of(labId))) {
      throw FieldErrors.single("lab", "no lab with id " + labId);
    }
    if (!sql.exists(
        "SELECT 1 FROM inventory_rack WHERE id = ? AND lab_id = ?", List.of(rackId, labId))) {
      throw FieldErrors.single("rack", "no rack with id " + rackId + " in lab " + labId);
    }
    sql.update(
        "UPDATE inventory_host SET rack_id = ? WHERE id = ?",
        List.of(rackId, conflict.get("host")));
    return close(sql, conflict, ConflictStatus.RESOLVED);
  }

  public Map<String, Object> resolve(Sql sql, long id) {
    return close(sql, open(sql, id, null), ConflictStatus.RESOLVED);
  }

  public Map<String, Object> ignore(Sql sql, long id) {
    return close(sql, open(sql, id, null), ConflictStatus.IGNORE);
  }

  /** The conflict, locked, still open (new, or ignored for anything but ignoring again). */
  private Map<String, Object> open(Sql sql, long id, ConflictKind kind) {
    Map<String, Object> row =
        sql.row(
            "SELECT id, kind, status, host_id AS host FROM live_scanconflict"
                + " WHERE id = ? FOR UPDATE",
            List.of(id));
    if (row == null) {
      throw ProblemException.notFound("No scan conflict with id " + id + ".");
    }
    if (kind != null && !kind.kind.equals(row.get("kind"))) {
      throw ProblemException.badRequest(
          "Scan conflict "
              + id
              + " is a "
              + row.get("kind")
              + " conflict, not a "
              + kind.kind
              + " conflict.");
    }
    Object status = row.get("status");
    if (!ConflictStatus.NEW.equals(status) && !ConflictStatus.IGNORE.equals(status)) {
      throw ProblemException.conflict(
          "Scan conflict " + id + " is " + status + " already; only open ones can be changed.");
    }
    return row;
  }

  private Map<String, Object> close(Sql sql, Map<String, Object> conflict, String status) {
    long id = (Long) conflict.get("id");
    sql.update("UPDATE live_scanconflict SET status = ? WHERE id = ?", List.of(status, id));
    return get(sql, id);
  }
}
