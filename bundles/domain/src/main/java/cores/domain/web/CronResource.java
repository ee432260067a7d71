package cores.domain.web;

import cores.api.web.ApiDoc;
import cores.api.web.ApiSchemas;
import cores.api.web.JsonShape;
import cores.api.web.ProblemException;
import cores.domain.jobs.Job;
import cores.domain.jobs.Jobs;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * {@code /api/cron/morningjobs} and {@code /api/cron/maintenance}: the original's cron endpoints,
 * kept for compatibility, now for superusers only (the original left them open): a run deletes and
 * mails as Cores does, so, as the admin's Run now and the outbox's retry, it is the operators'
 * call, not every staff member's. They run the job at once, claimed like a scheduled run, and
 * answer its summary.
 */
@JakartarsResource
@Component(service = CronResource.class)
@Path("cron")
@Produces(MediaType.APPLICATION_JSON)
@ApiDoc(area = "jobs", permission = ApiDoc.SUPERUSER)
public final class CronResource implements ApiSchemas {
  private final Jobs jobs;

  @Activate
  public CronResource(@Reference Jobs jobs) {
    this.jobs = jobs;
  }

  /** A run as answered: what was claimed and how it ended (see jobs_run). */
  private static final JsonShape RUN =
      JsonShape.of()
          .with("job", JsonShape.oneOf(List.of(Job.MORNING.code(), Job.MAINTENANCE.code())))
          .with("run", JsonShape.described(JsonShape.INTEGER, "the run's id"))
          .with("slot", JsonShape.described(JsonShape.DATE_TIME, "a manual run's: when asked"))
          .with("trigger", JsonShape.oneOf(List.of("manual", "schedule")))
          .with("outcome", JsonShape.oneOf(List.of("ok", "failed")))
          .with(
              "summary",
              Map.of(
                  "type",
                  "object",
                  "description",
                  "what each step did, by name",
                  "additionalProperties",
                  Map.of("type", "integer")))
          .with("errors", JsonShape.arrayOf(JsonShape.STRING));

  @Override
  public Map<String, Map<String, Object>> schemas() {
    return Map.of("job_run", RUN.schema("a job's run, finished"));
  }

  @POST
  @Path("morningjobs")
  @ApiDoc(
      value = "Runs the morning job (reminder mails) now; answers its summary",
      response = "job_run")
  public Map<String, Object> morning(@Context SecurityContext security) {
    return run(Job.MORNING, security);
  }

  @POST
  @Path("maintenance")
  @ApiDoc(value = "Runs the nightly maintenance job now; answers its summary", response = "job_run")
  public Map<String, Object> maintenance(@Context SecurityContext security) {
    return run(Job.MAINTENANCE, security);
  }

  private Map<String, Object> run(Job job, SecurityContext security) {
    Admins.requireSuperuser(security, "run jobs");
    Jobs.Run run =
        jobs.runNow(job)
            .orElseThrow(
                () -> ProblemException.conflict("A " + job.code() + " run started this instant."));
    return RUN.values(
        job.code(),
        run.id(),
        run.slot(),
        run.trigger(),
        run.outcome(),
        run.summary(),
        run.errors());
  }
}
