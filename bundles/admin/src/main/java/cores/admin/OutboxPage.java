package cores.admin;

import cores.api.config.SiteZone;
import cores.api.notify.ChannelCounts;
import cores.api.notify.FailedMessage;
import cores.api.notify.OutboxDesk;
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
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * {@code /admin/outbox}, superusers only (as {@code /api/notifications/outbox}; both go through the
 * notify bundle's {@link OutboxDesk}): messages per status and per channel, the failed ones with
 * their errors, and putting one or all of them back in the queue.
 */
@JakartarsResource
@Admits(Operations.Audience.SUPERUSERS)
@JakartarsApplicationSelect(Whiteboard.PAGES)
@Component(service = OutboxPage.class)
@Path("admin/outbox")
@Produces(MediaType.TEXT_HTML)
public final class OutboxPage {
  static final int FAILED_SHOWN = 100;

  /** The message of the redirect after a retry: fixed texts, so the query injects none. */
  private static final Map<String, String> DONE =
      Map.of(
          "one", "The message is back in the queue.",
          "all", "Back in the queue: %s.",
          "none", "There was no failed message to retry.");

  public record View(
      String csrf,
      Map<String, Long> counts,
      List<ChannelCounts> channels,
      List<Failed> failed,
      String message) {}

  /** A failed message as listed. */
  public record Failed(FailedMessage message, String created, String failed) {}

  private final OutboxDesk desk;
  private final Operations operations;
  private final SiteZone zone;

  @Activate
  public OutboxPage(
      @Reference OutboxDesk desk, @Reference PageLayout layout, @Reference SiteZone zone) {
    this.desk = desk;
    this.operations = new Operations(layout);
    this.zone = zone;
  }

  @GET
  public Response outbox(
      @Context ContainerRequestContext request,
      @QueryParam("done") String done,
      @QueryParam("n") String n) {
    Messages.refuseSetAside(request);
    String format = done == null ? null : DONE.get(done);
    int count = count(n);
    List<Failed> failed =
        desk.failed(FAILED_SHOWN).stream()
            .map(
                m ->
                    new Failed(
                        m, Operations.when(zone, m.created()), Operations.when(zone, m.failedAt())))
            .toList();
    return operations.page(
        request,
        "Outbox",
        "outbox.jte",
        new View(
            Visitor.of(request).csrfToken(),
            desk.counts(),
            desk.channels(),
            failed,
            format == null
                ? null
                : String.format(format, count == 1 ? "1 message" : count + " messages")));
  }

  @POST
  @Path("{id: [0-9]+}/retry")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response retry(@Context ContainerRequestContext request, @PathParam("id") long id) {
    if (!desk.retry(id)) {
      throw ProblemException.notFound("No failed message " + id + ": it may have been retried.");
    }
    return Operations.redirect("/admin/outbox?done=one");
  }

  @POST
  @Path("retry")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response retryAll(@Context ContainerRequestContext request) {
    int n = desk.retryAll();
    return Operations.redirect(
        n == 0 ? "/admin/outbox?done=none" : "/admin/outbox?done=all&n=" + n);
  }

  /** The count of the redirect's message; an edited one that is no count shows as 0. */
  private static int count(String n) {
    try {
      return n == null ? 0 : Math.max(0, Integer.parseInt(n));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
