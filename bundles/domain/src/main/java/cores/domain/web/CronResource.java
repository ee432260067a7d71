package cores.domain.web;

import cores.api.web.ApiDoc;
import cores.api.web.ProblemException;
import cores.domain.jobs.Job;
import cores.domain.jobs.Jobs;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.LinkedHashMap;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code /api/cron/morningjobs} and {@code /api/cron/maintenance}: the original's cron endpoints,
 * kept for compatibility, now for admins only (the original left them open). They run the job at
 * once, claimed like a scheduled run, and answer its summary.
 */
@Component(service = CronResource.class, property = "osgi.jaxrs.resource=true")
@Path("cron")
@Produces(MediaType.APPLICATION_JSON)
@ApiDoc(area = "jobs", permission = ApiDoc.STAFF)
public final class CronResource {
  private final Jobs jobs;

  @Activate
  public CronResource(@Reference Jobs jobs) {
    this.jobs = jobs;
  }

  @POST
  @Path("morningjobs")
  @ApiDoc("Runs the morning job (reminder mails) now; answers its summary")
  public Map<String, Object> morning(@Context SecurityContext security) {
    return run(Job.MORNING, security);
  }

  @POST
  @Path("maintenance")
  @ApiDoc("Runs the nightly maintenance job now; answers its summary")
  public Map<String, Object> maintenance(@Context SecurityContext security) {
    return run(Job.MAINTENANCE, security);
  }

  private Map<String, Object> run(Job job, SecurityContext security) {
    Admins.require(security, "run jobs");
    Jobs.Run run =
        jobs.runNow(job)
            .orElseThrow(
                () -> ProblemException.conflict("A " + job.code() + " run started this instant."));
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("job", job.code());
    answer.put("run", run.id());
    answer.put("slot", run.slot());
    answer.put("trigger", run.trigger());
    answer.put("outcome", run.outcome());
    answer.put("summary", run.summary());
    answer.put("errors", run.errors());
    return answer;
  }
}
