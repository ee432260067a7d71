package cores.domain.web;

import cores.api.accounts.Permissions;
import cores.api.persistence.Transactions;
import cores.api.web.Access;
import cores.api.web.ApiDoc;
import cores.api.web.ApiSchemas;
import cores.api.web.Page;
import cores.api.web.ProblemException;
import cores.domain.live.LiveLists;
import cores.domain.live.Scan;
import cores.domain.live.ScanIngest;
import cores.domain.live.ScanParser;
import cores.domain.sql.Sql;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * {@code /api/live/sessions}: the stored scans, newest first (filter {@code agent}), and one with
 * its report's lines and its data, for live.view_scansession; staff upload a scan file (the agent's
 * payload, as {@code /api/live/ingest} takes it), which is processed as the agent's scans are.
 */
@JakartarsResource
@Component(service = ScanSessionResource.class)
@Path("live/sessions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@ApiDoc(area = "live")
public final class ScanSessionResource implements ApiSchemas {
  static final String VIEW = Permissions.of("live", "view", "scansession");

  private final Transactions tx;
  private final Clock clock;
  private final ScanIngest ingest = new ScanIngest();
  private final LiveLists lists = new LiveLists();

  @Activate
  public ScanSessionResource(@Reference(target = "(osgi.unit.name=cores.domain)") Transactions tx) {
    this.tx = tx;
    this.clock = Clock.systemUTC();
  }

  /** A session in the list and alone, from their shapes beside the statements (LiveLists). */
  @Override
  public Map<String, Map<String, Object>> schemas() {
    return Map.of(
        "scansession", LiveLists.SESSION.schema("a scan session"),
        "scansession_detail",
            LiveLists.SESSION_DETAIL.schema("a scan session with its report and its data"));
  }

  @GET
  @ApiDoc(
      response = "scansession",
      value =
          "Scan sessions, newest first: timestamp, agent_identifier, processed, received, the"
              + " conflicts still pointing at it, entries and counts by outcome (nic, unknown,"
              + " virtual, ignored, bad)",
      permission = "live.view_scansession",
      query = "agent: the agent's sessions only")
  public Page<Map<String, Object>> list(
      @QueryParam("agent") String agent,
      @QueryParam("limit") String limit,
      @QueryParam("offset") String offset,
      @Context SecurityContext security,
      @Context UriInfo uri) {
    Access.require(security, VIEW);
    Page.Window window = Page.Window.of(limit, offset, Query.PAGE_SIZE);
    LiveLists.Slice slice =
        tx.readOnly(
            em -> lists.sessions(Sql.of(em), Query.blank(agent), window.limit(), window.offset()));
    return window.page(slice.count(), slice.rows(), uri);
  }

  @GET
  @Path("{id}")
  @ApiDoc(
      response = "scansession_detail",
      value = "One scan session with its report's lines (results) and its data (raw_data)",
      permission = "live.view_scansession")
  public Map<String, Object> get(@PathParam("id") long id, @Context SecurityContext security) {
    Access.require(security, VIEW);
    return found(id, tx.readOnly(em -> lists.session(Sql.of(em), id)));
  }

  @POST
  @ApiDoc(
      response = "scansession_detail",
      value =
          "Uploads a scan file (the agent's payload: agentident, timestamp, results) and processes"
              + " it; the answer is the new session",
      permission = ApiDoc.STAFF)
  public Response upload(
      Map<String, Object> body, @Context SecurityContext security, @Context UriInfo uri) {
    Admins.require(security, "upload scans");
    Instant now = clock.instant();
    Scan scan = ScanParser.parse(body, now);
    Map<String, Object> session =
        tx.required(
            em -> {
              Sql sql = Sql.of(em);
              return lists.session(sql, ingest.ingest(sql, scan, now).session());
            });
    return Response.created(uri.getAbsolutePathBuilder().path(session.get("id") + "/").build())
        .entity(session)
        .build();
  }

  private static Map<String, Object> found(long id, Map<String, Object> session) {
    if (session == null) {
      throw ProblemException.notFound("No scan session with id " + id + ".");
    }
    return session;
  }
}
