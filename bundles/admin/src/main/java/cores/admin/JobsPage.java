package cores.admin;

import cores.api.config.SiteZone;
import cores.api.jobs.JobDesk;
import cores.api.web.Access;
import cores.api.web.PageLayout;
import cores.api.web.ProblemException;
import cores.api.web.Visitor;
import cores.api.web.Whiteboard;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * {@code /admin/jobs}: for staff, the scheduled jobs with their time and next run and the latest
 * runs with their outcome; for superusers, as the outbox's retry and the system page, a run now
 * (through the same {@link JobDesk#runNow} as {@code POST /api/cron/…}): a run writes and mails as
 * Cores does, which is the operators' call, not every staff member's.
 */
@JakartarsResource
@Admits(Operations.Audience.STAFF)
@JakartarsApplicationSelect(Whiteboard.PAGES)
@Component(service = JobsPage.class)
@Path("admin/jobs")
@Produces(MediaType.TEXT_HTML)
public final class JobsPage {
  static final int RUNS_SHOWN = 50;

  /** The message of the redirect after a run: fixed texts, so the query injects none. */
  private static final Map<String, String> DONE =
      Map.of(
          "ok", "The %s job ran: ok.",
          "failed", "The %s job ran and failed: see its run below.",
          "busy", "A %s run started at this very instant; nothing more was started.");

  public record Job(JobDesk.ScheduledJob job, String next) {}

  /** A run as listed: its times, and its summary as words. */
  public record Run(JobDesk.Run run, String started, String finished, String summary) {}

  /**
   * The page.
   *
   * @param mayRun whether the visitor may run a job now (a superuser)
   */
  public record View(String csrf, List<Job> jobs, List<Run> runs, String message, boolean mayRun) {}

  private final JobDesk desk;
  private final Operations operations;
  private final SiteZone zone;

  @Activate
  public JobsPage(@Reference JobDesk desk, @Reference PageLayout layout, @Reference SiteZone zone) {
    this.desk = desk;
    this.operations = new Operations(layout);
    this.zone = zone;
  }

  /**
   * A run's summary as words: the steps that did something ("bookings deleted: 3"), or that there
   * was nothing to do; a dozen steps that did nothing hid the one that did.
   */
  static String said(Map<String, Long> summary) {
    String done =
        summary.entrySet().stream()
            .filter(e -> e.getValue() != 0)
            .map(e -> e.getKey().replace('_', ' ') + ": " + e.getValue())
            .collect(Collectors.joining(", "));
    return done.isEmpty() ? "Nothing to do." : done;
  }

  @GET
  public Response jobs(
      @Context ContainerRequestContext request,
      @QueryParam("done") String done,
      @QueryParam("job") String job) {
    Messages.refuseSetAside(request);
    List<Job> jobs =
        desk.jobs().stream().map(j -> new Job(j, Operations.when(zone, j.next()))).toList();
    String format = done == null ? null : DONE.get(done);
    // the job's name in the message only if it is one of the jobs
    String named =
        jobs.stream().map(j -> j.job().code()).filter(c -> c.equals(job)).findFirst().orElse(null);
    List<Run> runs =
        desk.runs(RUNS_SHOWN).stream()
            .map(
                r ->
                    new Run(
                        r,
                        Operations.when(zone, r.started()),
                        Operations.when(zone, r.finished()),
                        said(r.summary())))
            .toList();
    return operations.page(
        request,
        "Jobs",
        "jobs.jte",
        new View(
            Visitor.of(request).csrfToken(),
            jobs,
            runs,
            format == null || named == null ? null : String.format(format, named),
            Operations.Audience.SUPERUSERS.admits(Visitor.of(request))));
  }

  @POST
  @Path("{job: [a-z]+}/run")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response run(@Context ContainerRequestContext request, @PathParam("job") String job) {
    if (!Operations.Audience.SUPERUSERS.admits(Visitor.of(request))) {
      throw Access.forbidden("Only superusers may run a job now.");
    }
    Optional<JobDesk.Run> run;
    try {
      run = desk.runNow(job);
    } catch (IllegalArgumentException e) {
      throw ProblemException.notFound("No job " + job + " here.");
    }
    String outcome = run.map(JobDesk.Run::outcome).orElse("busy");
    return Operations.redirect("/admin/jobs?done=" + outcome + "&job=" + job);
  }
}
