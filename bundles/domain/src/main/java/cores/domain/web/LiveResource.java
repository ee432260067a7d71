package cores.domain.web;

import cores.api.accounts.Permissions;
import cores.api.persistence.Transactions;
import cores.api.web.Access;
import cores.api.web.ApiDoc;
import cores.api.web.ApiSchemas;
import cores.api.web.FieldErrors;
import cores.api.web.Page;
import cores.domain.inventory.Ids;
import cores.domain.live.LiveLists;
import cores.domain.live.Scan;
import cores.domain.live.ScanIngest;
import cores.domain.live.ScanParser;
import cores.domain.sql.Sql;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * The scan agent's endpoints: {@code POST /api/live/ingest} (staff) stores and processes a scan in
 * one transaction and answers one status line per entry; {@code GET /api/live/macs} (any logged-in
 * user) lists every NIC id with its MAC. And the live views of the original that are not lists of
 * conflicts, warnings or sessions: {@code dashboard} and {@code virtualhosts}
 * (live.view_scanconflict).
 */
@JakartarsResource
@Component(service = LiveResource.class)
@Path("live")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@ApiDoc(area = "live")
public final class LiveResource implements ApiSchemas {
  private final Transactions tx;
  private final Clock clock;
  private final ScanIngest ingest = new ScanIngest();
  private final LiveLists lists = new LiveLists();

  @Activate
  public LiveResource(@Reference(target = "(osgi.unit.name=cores.domain)") Transactions tx) {
    this.tx = tx;
    this.clock = Clock.systemUTC();
  }

  /** The answers, from the shapes beside the code that builds them (ScanIngest, LiveLists). */
  @Override
  public Map<String, Map<String, Object>> schemas() {
    return Map.of(
        "live_ingest", ScanIngest.ANSWER.schema("what became of a scan"),
        "live_dashboard", LiveLists.DASHBOARD.schema("the live dashboard's facts"),
        "virtualhost", LiveLists.VIRTUAL_HOST.schema("a virtual host seen by scans"),
        "nic_mac", LiveLists.NIC_MAC.schema("a NIC and its MAC"));
  }

  @POST
  @Path("ingest")
  @ApiDoc(
      response = "live_ingest",
      value =
          "Ingests a network scan (the agent's payload); the original's answer {success, result:"
              + " [{nic, success|error}]} and beside it session, agentident, timestamp and results"
              + " (one status line per entry)",
      permission = ApiDoc.STAFF)
  public Map<String, Object> ingest(Map<String, Object> body, @Context SecurityContext security) {
    Admins.require(security, "ingest scans");
    Instant now = clock.instant();
    Scan scan = ScanParser.parse(body, now);
    ScanIngest.Report report = tx.required(em -> ingest.ingest(Sql.of(em), scan, now));
    return ScanIngest.ANSWER.values(
        true, report.original(), report.session(), scan.agent(), scan.scanned(), report.results());
  }

  @GET
  @Path("dashboard")
  @ApiDoc(
      response = "live_dashboard",
      value =
          "The live dashboard's facts: last_scan (id, timestamp, agent_identifier, processed, or"
              + " null), open conflicts by kind and their total, open offline_warnings, attention"
              + " (conflicts and warnings), nics",
      permission = "live.view_scanconflict")
  public Map<String, Object> dashboard(@Context SecurityContext security) {
    Access.require(security, Permissions.VIEW_SCANCONFLICT);
    return tx.readOnly(em -> lists.dashboard(Sql.of(em)));
  }

  @GET
  @Path("virtualhosts")
  @ApiDoc(
      response = "virtualhost",
      value =
          "Virtual hosts seen by scans (locally administered MACs): mac, ip, lab, location, status,"
              + " firstseen, lastseen; by lab, then IP",
      permission = "live.view_scanconflict",
      query = {"status: active or old", "lab: lab ids, comma-separated"})
  public Page<Map<String, Object>> virtualHosts(
      @QueryParam("status") String status,
      @QueryParam("lab") String lab,
      @QueryParam("limit") String limit,
      @QueryParam("offset") String offset,
      @Context SecurityContext security,
      @Context UriInfo uri) {
    Access.require(security, Permissions.VIEW_SCANCONFLICT);
    Page.Window window = Page.Window.of(limit, offset, Query.PAGE_SIZE);
    FieldErrors errors = new FieldErrors();
    List<Long> labs = lab == null || lab.isEmpty() ? List.of() : Ids.parse("lab", lab, errors);
    errors.throwIfAny();
    LiveLists.Slice slice =
        tx.readOnly(
            em ->
                lists.virtualHosts(
                    Sql.of(em), Query.blank(status), labs, window.limit(), window.offset()));
    return window.page(slice.count(), slice.rows(), uri);
  }

  @GET
  @Path("macs")
  @ApiDoc(
      response = "nic_mac",
      value = "Every NIC id with its MAC, for the scan agent",
      permission = ApiDoc.AUTHENTICATED)
  public List<Map<String, Object>> macs(@Context SecurityContext security) {
    Access.user(security);
    return tx.readOnly(em -> lists.macs(Sql.of(em)));
  }
}
