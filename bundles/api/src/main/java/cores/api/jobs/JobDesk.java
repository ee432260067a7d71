package cores.api.jobs;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The scheduled jobs (the domain's, registered while they run: in server mode). A run, scheduled or
 * asked for, is one row of the job runs; asking for one writes that row as the acting user's, so
 * the change log records who did.
 */
@ProviderType
public interface JobDesk {

  /**
   * A job and when it runs.
   *
   * @param code its name, e.g. {@code morning}
   * @param description what it does
   * @param at its time of day
   * @param zone the zone of that time
   * @param next its next scheduled run
   */
  record ScheduledJob(String code, String description, LocalTime at, ZoneId zone, Instant next) {}

  /**
   * One run.
   *
   * @param id its id
   * @param job the job's code
   * @param trigger {@code schedule} or {@code manual}
   * @param started when it started
   * @param finished when it ended, or null while it runs (or if its instance died)
   * @param outcome {@code running}, {@code ok} or {@code failed}
   * @param summary what each step did, by name
   * @param error why it failed, or null
   */
  record Run(
      long id,
      String job,
      String trigger,
      Instant started,
      Instant finished,
      String outcome,
      Map<String, Long> summary,
      String error) {}

  /** The jobs, in a fixed order. */
  List<ScheduledJob> jobs();

  /** The latest runs of every job, newest first. */
  List<Run> runs(int limit);

  /**
   * Runs the job now, in the caller's thread, and answers the finished run; empty only if a run of
   * it was claimed at this very instant.
   *
   * @throws IllegalArgumentException for an unknown job code
   */
  Optional<Run> runNow(String job);
}
