package cores.domain.live;

import cores.api.web.ProblemException;
import cores.domain.sql.DatabaseException;
import cores.domain.sql.Sql;
import java.time.Instant;
import java.util.List;

/** Stored scans: one row per agent and time (a second one is a 409), its report written once. */
final class ScanSessions {
  private static final String UNIQUE = "live_scansession_agent_scanned_key";

  private ScanSessions() {}

  /** Stores the scan unprocessed; a scan of the same agent and time already stored is a 409. */
  static long store(Sql sql, Scan scan, Instant now) {
    try {
      return (Long)
          sql.row(
                  "INSERT INTO live_scansession (agent, scanned, data, created)"
                      + " VALUES (?, ?, ?::jsonb, ?) RETURNING id",
                  List.of(scan.agent(), scan.scanned(), scan.data(), now))
              .get("id");
    } catch (DatabaseException e) {
      if (e.violated(DatabaseException.UNIQUE_VIOLATION, UNIQUE)) {
        throw ProblemException.conflict(
            "A scan of agent "
                + scan.agent()
                + " at "
                + scan.scanned()
                + " is already stored (duplicate scan).");
      }
      throw e;
    }
  }

  /**
   * Marks the session processed with its report: one status line per entry, counts by outcome (also
   * in their own column, which the list of sessions reads).
   */
  static void finish(Sql sql, long session) {
    sql.update(
        "UPDATE live_scansession SET processed = true, result = jsonb_build_object("
            + "'entries', (SELECT coalesce(jsonb_agg(jsonb_build_object('entry', ord, 'mac',"
            + " mac::text, 'nic', nic_id, 'ip', host(ip), 'status', status) ORDER BY ord),"
            + " '[]'::jsonb) FROM live_entry),"
            + " 'counts', c.counts), counts = c.counts"
            + " FROM (SELECT coalesce(jsonb_object_agg(outcome, n), '{}'::jsonb) AS counts FROM"
            + " (SELECT coalesce(kind, 'bad') AS outcome, count(*) AS n FROM live_entry"
            + " GROUP BY 1) o) c"
            + " WHERE id = ?",
        List.of(session));
  }
}
