package cores.domain.live;

import cores.domain.sql.Sql;
import java.time.Instant;
import java.util.List;

/**
 * Raising and resolving conflicts for all entries of a scan at once. {@code entries} is a condition
 * on {@code live_entry e} choosing the entries concerned.
 */
final class ConflictUpdates {
  private ConflictUpdates() {}

  /**
   * For each chosen entry: an open conflict of the subject in another situation is superseded; one
   * in the same situation (open or ignored) only gets its lastseen moved; otherwise a new one is
   * raised. Ignored conflicts thus keep the same situation from coming back.
   */
  static void raise(Sql sql, ConflictKind kind, String entries, long session, Instant scanned) {
    String subject = "c." + kind.subject + " = e." + kind.subject;
    sql.update(
        "UPDATE live_scanconflict c SET status = 'super' FROM live_entry e WHERE "
            + entries
            + " AND c.kind = ? AND c.status = 'new' AND "
            + subject
            + " AND NOT ("
            + kind.sameSituation
            + ")",
        List.of(kind.kind));
    sql.update(
        "UPDATE live_scanconflict c SET lastseen = greatest(c.lastseen, ?) FROM live_entry e"
            + " WHERE "
            + entries
            + " AND c.kind = ? AND c.status IN ('new', 'ignore') AND "
            + subject
            + " AND "
            + kind.sameSituation,
        List.of(scanned, kind.kind));
    sql.update(
        "INSERT INTO live_scanconflict"
            + " (kind, session_id, mac, ip, nic_id, host_id, lab_id, created, lastseen)"
            + " SELECT ?, ?, e.mac, e.ip, e.nic_id, e.host_id, e.lab_id, ?, ? FROM live_entry e"
            + " WHERE "
            + entries
            + " AND NOT EXISTS (SELECT 1 FROM live_scanconflict c WHERE c.kind = ?"
            + " AND c.status IN ('new', 'ignore') AND "
            + subject
            + " AND "
            + kind.sameSituation
            + ")",
        List.of(kind.kind, session, scanned, scanned, kind.kind));
  }

  /** Open conflicts of the chosen entries' subjects are resolved. */
  static void resolve(Sql sql, ConflictKind kind, String entries) {
    sql.update(
        "UPDATE live_scanconflict c SET status = 'resolved' FROM live_entry e WHERE "
            + entries
            + " AND c.kind = ? AND c.status = 'new' AND c."
            + kind.subject
            + " = e."
            + kind.subject,
        List.of(kind.kind));
  }
}
