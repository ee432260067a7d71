package cores.domain.notices;

import cores.domain.sql.Sql;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The notices' part of the nightly maintenance job: expired notices are deleted. */
public final class NoticeMaintenance {
  /** Deletes the notices expired at {@code now}; the number deleted, by action. */
  public Map<String, Long> run(Sql sql, Instant now) {
    long deleted = sql.update("DELETE FROM notices_notice WHERE " + Notices.EXPIRED, List.of(now));
    return Map.of("expired_notices_deleted", deleted);
  }
}
