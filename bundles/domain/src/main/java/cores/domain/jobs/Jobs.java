package cores.domain.jobs;

import cores.api.changes.ChangeLog;
import cores.api.persistence.Transactions;
import cores.domain.booking.Bookables;
import cores.domain.booking.BookingMail;
import cores.domain.booking.BookingMaintenance;
import cores.domain.booking.MorningMail;
import cores.domain.inventory.Inventory;
import cores.domain.live.LiveMaintenance;
import cores.domain.loans.Loans;
import cores.domain.notices.NoticeMaintenance;
import cores.domain.sql.Sql;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The morning and maintenance jobs on an internal schedule (no outside cron), and run on demand
 * ({@code POST /api/cron/…}). Every run first claims its (job, slot) row in {@code jobs_run} in a
 * transaction of its own: with several instances on one database a slot runs once; the row then
 * records the run's end, outcome and summary. A manual run's slot is the instant it was asked for.
 *
 * <p>Runs only with its configuration, which the launcher writes in server mode.
 */
@Component(
    service = Jobs.class,
    configurationPid = "cores.domain.jobs",
    configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = JobsConfig.class)
public final class Jobs {
  private static final Logger LOG = LoggerFactory.getLogger(Jobs.class);
  private static final long STOP_WAIT_SECONDS = 20;

  /**
   * The maintenance job's steps, each run in a transaction of its own; another area's step joins
   * with one line here.
   */
  static final List<MaintenanceStep> STEPS =
      List.of(
          new BookingMaintenance()::run, new NoticeMaintenance()::run, new LiveMaintenance()::run);

  /**
   * The steps with those that need the site's services: the loans that start today put their hosts
   * on loan ({@link Loans#startDue}), and the change log's trim (CORES_CHANGELOG_DAYS).
   */
  static List<MaintenanceStep> all(BookingMail mail, ChangeLog changes, int days) {
    List<MaintenanceStep> steps = new ArrayList<>(STEPS);
    Inventory inventory = new Inventory(new Bookables(mail, Clock.systemUTC()), mail.zone());
    Loans loans = new Loans(mail.zone());
    steps.add((sql, now) -> loans.startDue(inventory, sql, now));
    steps.add(new ChangeLogTrim(changes, days)::run);
    return steps;
  }

  /** One run: what was claimed and how it ended. */
  public record Run(
      long id,
      Job job,
      Instant slot,
      String trigger,
      String outcome,
      Map<String, Long> summary,
      List<String> errors) {}

  private final Transactions tx;
  private final MorningMail morning;
  private final List<MaintenanceStep> steps;
  private final Schedule schedule;
  private final Clock clock;
  private final ScheduledThreadPoolExecutor timer;

  @Activate
  public Jobs(
      @Reference(target = "(osgi.unit.name=cores.domain)") Transactions tx,
      @Reference BookingMail mail,
      @Reference ChangeLog changes,
      JobsConfig config) {
    this(
        tx,
        new MorningMail(mail),
        all(mail, changes, config.changelogDays()),
        Schedule.of(config, mail.zone()),
        Clock.systemUTC());
    start();
  }

  Jobs(
      Transactions tx,
      MorningMail morning,
      List<MaintenanceStep> steps,
      Schedule schedule,
      Clock clock) {
    this.tx = tx;
    this.morning = morning;
    this.steps = List.copyOf(steps);
    this.schedule = schedule;
    this.clock = clock;
    this.timer =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread thread = new Thread(r, "cores-jobs");
              thread.setDaemon(true);
              return thread;
            });
    // at stop, planned slots are dropped; a run in progress may finish
    timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  /** When the jobs run. */
  Schedule schedule() {
    return schedule;
  }

  /** The clock of the runs, so their times and the schedule's next slots agree. */
  Clock clock() {
    return clock;
  }

  /**
   * Runs the job now, in a slot of its own; empty only if that very instant was claimed already.
   */
  public Optional<Run> runNow(Job job) {
    return run(job, clock.instant().truncatedTo(ChronoUnit.MICROS), "manual");
  }

  /** Runs the job for a scheduled slot, unless an instance claimed that slot already. */
  public Optional<Run> runScheduled(Job job, Instant slot) {
    return run(job, slot, "schedule");
  }

  private Optional<Run> run(Job job, Instant slot, String trigger) {
    OptionalLong claimed =
        tx.required(em -> JobRuns.claim(Sql.of(em), job, slot, trigger, clock.instant()));
    if (claimed.isEmpty()) {
      return Optional.empty();
    }
    long id = claimed.getAsLong();
    Map<String, Long> summary = new LinkedHashMap<>();
    List<String> errors = new ArrayList<>();
    // the morning job's rows whose mail failed: the run names them, the other rows' mail went
    List<String> failedRows = new ArrayList<>();
    List<MaintenanceStep> work =
        job == Job.MORNING ? List.of((sql, now) -> morning.run(sql, now, failedRows)) : steps;
    for (MaintenanceStep step : work) {
      try {
        Map<String, Long> counts = tx.required(em -> step.run(Sql.of(em), clock.instant()));
        counts.forEach((key, n) -> summary.merge(key, n, Long::sum));
      } catch (RuntimeException e) {
        // the other steps still run: one area's failure must not stop the rest of the clean-up
        LOG.error("{} job: a step failed", job.code(), e);
        errors.add(e.getClass().getSimpleName() + ": " + e.getMessage());
      }
    }
    errors.addAll(failedRows);
    tx.required(
        em -> {
          JobRuns.finish(Sql.of(em), id, clock.instant(), summary, errors);
          return null;
        });
    Run run =
        new Run(
            id,
            job,
            slot,
            trigger,
            errors.isEmpty() ? "ok" : "failed",
            Map.copyOf(summary),
            List.copyOf(errors));
    LOG.info("{} job run {} ({}): {} {}", job.code(), id, trigger, run.outcome(), summary);
    return Optional.of(run);
  }

  /** Catches up today's passed slots once, then waits for each job's next slot. */
  void start() {
    Instant now = clock.instant();
    for (Job job : Job.values()) {
      schedule.passedToday(job, now).ifPresent(slot -> timer.execute(() -> fire(job, slot)));
      plan(job, now);
    }
  }

  private void plan(Job job, Instant after) {
    if (timer.isShutdown()) {
      return;
    }
    Instant slot = schedule.next(job, after);
    long delay = Math.max(0, clock.instant().until(slot, ChronoUnit.MILLIS));
    timer.schedule(
        () -> {
          fire(job, slot);
          plan(job, slot);
        },
        delay,
        TimeUnit.MILLISECONDS);
  }

  private void fire(Job job, Instant slot) {
    try {
      runScheduled(job, slot);
    } catch (RuntimeException e) {
      // e.g. the database is down: the next slot is still planned
      LOG.error("{} job for {} could not run", job.code(), slot, e);
    }
  }

  /**
   * Lets a run in progress finish (briefly), so its row does not stay {@code running}; then stops.
   */
  @Deactivate
  void stop() throws InterruptedException {
    timer.shutdown();
    if (!timer.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
      timer.shutdownNow();
    }
  }
}
