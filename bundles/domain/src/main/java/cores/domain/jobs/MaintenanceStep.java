package cores.domain.jobs;

import cores.domain.sql.Sql;
import java.time.Instant;
import java.util.Map;

/**
 * One area's part of the nightly maintenance job (DOMAIN.md, "Scheduled jobs"). The job runs each
 * step in a transaction of its own, so one area's failure does not undo another's work, and sums
 * the counts the steps report (e.g. {@code bookings_deleted → 12}).
 *
 * <p>A functional interface: an area's plain class with a method of this shape joins the job as a
 * method reference in {@link Jobs#STEPS}.
 */
@FunctionalInterface
public interface MaintenanceStep {
  Map<String, Long> run(Sql sql, Instant now);
}
