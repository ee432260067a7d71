package cores.domain.web;

import cores.api.accounts.Permissions;
import cores.api.persistence.Transactions;
import cores.api.web.Access;
import cores.api.web.ApiDoc;
import cores.api.web.ApiSchemas;
import cores.api.web.Page;
import cores.domain.live.ConflictStatus;
import cores.domain.live.LiveLists;
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
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * {@code /api/live/offlinewarnings}: the nightly job's warnings about active hosts unseen for 48
 * hours. Listing (filter {@code status}) needs live.view_offlinehostwarning; {@code {id}/resolve}
 * and {@code {id}/ignore} need live.change_offlinehostwarning, and an open warning (else 409); they
 * take no input ({@link ActionBody}).
 */
@JakartarsResource
@Component(service = OfflineWarningResource.class)
@Path("live/offlinewarnings")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@ApiDoc(area = "live")
public final class OfflineWarningResource implements ApiSchemas {

  private final Transactions tx;
  private final LiveLists lists = new LiveLists();

  @Activate
  public OfflineWarningResource(
      @Reference(target = "(osgi.unit.name=cores.domain)") Transactions tx) {
    this.tx = tx;
  }

  /** A warning as answered, from its shape beside its statement (LiveLists). */
  @Override
  public Map<String, Map<String, Object>> schemas() {
    return Map.of(
        "offlinewarning",
        LiveLists.WARNING.schema("an offline host warning"),
        ActionBody.SCHEMA,
        ActionBody.schema());
  }

  @GET
  @ApiDoc(
      response = "offlinewarning",
      value = "Offline host warnings, a page at a time",
      permission = "live.view_offlinehostwarning")
  public Page<Map<String, Object>> list(
      @QueryParam("status") String status,
      @QueryParam("limit") String limit,
      @QueryParam("offset") String offset,
      @Context SecurityContext security,
      @Context UriInfo uri) {
    Access.require(security, LiveLists.VIEW_WARNINGS);
    Page.Window window = Page.Window.of(limit, offset, Query.PAGE_SIZE);
    LiveLists.Slice slice =
        tx.readOnly(
            em -> lists.warnings(Sql.of(em), Query.blank(status), window.limit(), window.offset()));
    return window.page(slice.count(), slice.rows(), uri);
  }

  @POST
  @Path("{id}/resolve")
  @ApiDoc(
      response = "offlinewarning",
      request = ActionBody.SCHEMA,
      value = "Marks the warning resolved",
      permission = "live.change_offlinehostwarning")
  public Map<String, Object> resolve(
      @PathParam("id") long id, Map<String, Object> body, @Context SecurityContext security) {
    return set(id, ConflictStatus.RESOLVED, body, security);
  }

  @POST
  @Path("{id}/ignore")
  @ApiDoc(
      response = "offlinewarning",
      request = ActionBody.SCHEMA,
      value = "Ignores the warning",
      permission = "live.change_offlinehostwarning")
  public Map<String, Object> ignore(
      @PathParam("id") long id, Map<String, Object> body, @Context SecurityContext security) {
    return set(id, ConflictStatus.IGNORE, body, security);
  }

  private Map<String, Object> set(
      long id, String status, Map<String, Object> body, SecurityContext security) {
    Access.require(security, Permissions.CHANGE_OFFLINEHOSTWARNING);
    ActionBody.none(body);
    return tx.required(em -> lists.setWarningStatus(Sql.of(em), id, status));
  }
}
