package cores.domain.jobs;

import cores.api.jobs.JobDesk;
import cores.api.persistence.Transactions;
import cores.domain.sql.Sql;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The jobs for the admin pages: their schedule, the runs of {@code jobs_run}, and a run now, the
 * same as {@code POST /api/cron/…} ({@link Jobs#runNow}). There while the jobs run (server mode).
 */
@Component(service = JobDesk.class)
public final class JobDeskService implements JobDesk {
  private final Jobs jobs;
  private final Transactions tx;

  @Activate
  public JobDeskService(
      @Reference Jobs jobs, @Reference(target = "(osgi.unit.name=cores.domain)") Transactions tx) {
    this.jobs = jobs;
    this.tx = tx;
  }

  @Override
  public List<ScheduledJob> jobs() {
    Schedule schedule = jobs.schedule();
    return Arrays.stream(Job.values())
        .map(
            job ->
                new ScheduledJob(
                    job.code(),
                    job.description(),
                    schedule.at(job),
                    schedule.zone(),
                    schedule.next(job, jobs.clock().instant())))
        .toList();
  }

  @Override
  public List<Run> runs(int limit) {
    return tx.readOnly(em -> JobRuns.recent(Sql.of(em), null, limit));
  }

  @Override
  public Optional<Run> runNow(String job) {
    return jobs.runNow(Job.ofCode(job))
        .map(run -> tx.readOnly(em -> JobRuns.recent(Sql.of(em), run.id(), 1)).get(0));
  }
}
