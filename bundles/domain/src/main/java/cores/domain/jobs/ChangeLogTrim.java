package cores.domain.jobs;

import cores.api.changes.ChangeLog;
import cores.domain.sql.Sql;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * The change log's part of the nightly maintenance job: changes older than the configured days
 * (CORES_CHANGELOG_DAYS) go. The change log is the persistence bundle's, so it deletes through its
 * service rather than the step's transaction.
 */
record ChangeLogTrim(ChangeLog changes, int days) {

  Map<String, Long> run(Sql sql, Instant now) {
    return Map.of("changes_deleted", changes.trim(now.minus(days, ChronoUnit.DAYS)));
  }
}
