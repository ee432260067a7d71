package cores.domain.web;

import cores.api.accounts.Permissions;
import cores.api.persistence.Transactions;
import cores.api.web.Access;
import cores.api.web.ApiDoc;
import cores.api.web.ApiSchemas;
import cores.api.web.FieldErrors;
import cores.api.web.Page;
import cores.domain.live.ConflictActions;
import cores.domain.live.LiveLists;
import cores.domain.live.Vendors;
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
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * {@code /api/live/conflicts}: listing (filters {@code kind}, {@code status}) needs
 * live.view_scanconflict; the actions are POSTs to {@code {id}/accept}, {@code {id}/fixlocation}
 * ({@code {"lab", "rack"}}: lab id and rack number, or {@code {"rack_id"}}), {@code {id}/resolve}
 * and {@code {id}/ignore} and need live.change_scanconflict; those but fixlocation take no input
 * ({@link ActionBody}).
 */
@JakartarsResource
@Component(service = ScanConflictResource.class)
@Path("live/conflicts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@ApiDoc(area = "live")
public final class ScanConflictResource implements ApiSchemas {
  private final Transactions tx;
  private final Vendors vendors;
  private final ConflictActions actions = new ConflictActions();
  private final LiveLists lists = new LiveLists();

  @Activate
  public ScanConflictResource(
      @Reference(target = "(osgi.unit.name=cores.domain)") Transactions tx,
      @Reference Vendors vendors) {
    this.tx = tx;
    this.vendors = vendors;
  }

  /** A conflict as answered, from its shape beside its statement (ConflictActions). */
  @Override
  public Map<String, Map<String, Object>> schemas() {
    return Map.of(
        "scanconflict",
        ConflictActions.CONFLICT.schema("a scan conflict"),
        "fixlocation_input",
        ConflictActions.fixLocationSchema(),
        ActionBody.SCHEMA,
        ActionBody.schema());
  }

  /** The conflict with the vendor of its MAC's OUI (null when unknown or without a MAC). */
  private Map<String, Object> withVendor(Map<String, Object> conflict) {
    Object mac = conflict.get("mac");
    conflict.put("vendor", mac instanceof String text ? vendors.vendor(text) : null);
    return conflict;
  }

  @GET
  @ApiDoc(
      response = "scanconflict",
      value =
          "Scan conflicts, a page at a time, each with the vendor of its MAC (from the IEEE"
              + " registry, null when unknown), what it is about (nic_model and nic_ip: the NIC's"
              + " model and recorded IP; rack: the host's; location: the lab's name) and the"
              + " scan that raised it (scanned, agent)",
      permission = "live.view_scanconflict",
      query = {
        "kind: unknown, nic or location",
        "status: new, resolved, ignore or super; several comma-separated"
      })
  public Page<Map<String, Object>> list(
      @QueryParam("kind") String kind,
      @QueryParam("status") String status,
      @QueryParam("limit") String limit,
      @QueryParam("offset") String offset,
      @Context SecurityContext security,
      @Context UriInfo uri) {
    Access.require(security, Permissions.VIEW_SCANCONFLICT);
    Page.Window window = Page.Window.of(limit, offset, Query.PAGE_SIZE);
    LiveLists.Slice slice =
        tx.readOnly(
            em ->
                lists.conflicts(
                    Sql.of(em),
                    Query.blank(kind),
                    Query.blank(status),
                    window.limit(),
                    window.offset()));
    slice.rows().forEach(this::withVendor);
    return window.page(slice.count(), slice.rows(), uri);
  }

  @GET
  @Path("{id}")
  @ApiDoc(
      response = "scanconflict",
      value = "One scan conflict",
      permission = "live.view_scanconflict")
  public Map<String, Object> get(@PathParam("id") long id, @Context SecurityContext security) {
    Access.require(security, Permissions.VIEW_SCANCONFLICT);
    return withVendor(tx.readOnly(em -> actions.get(Sql.of(em), id)));
  }

  /** A NIC IP conflict: the NIC takes the new IP. */
  @POST
  @Path("{id}/accept")
  @ApiDoc(
      response = "scanconflict",
      request = ActionBody.SCHEMA,
      value = "Accepts the NIC's new IP",
      permission = "live.change_scanconflict")
  public Map<String, Object> accept(
      @PathParam("id") long id, Map<String, Object> body, @Context SecurityContext security) {
    Access.require(security, Permissions.CHANGE_SCANCONFLICT);
    ActionBody.none(body);
    return withVendor(tx.required(em -> actions.acceptIp(Sql.of(em), id)));
  }

  /**
   * A location conflict: the host goes to rack number {@code rack} of {@code lab} (the original's
   * form), or to the rack {@code rack_id}.
   */
  @POST
  @Path("{id}/fixlocation")
  @ApiDoc(
      response = "scanconflict",
      request = "fixlocation_input",
      value =
          "Moves the host to a rack: {\"lab\": <lab id>, \"rack\": <rack number>} or"
              + " {\"rack_id\": <rack id>}",
      permission = "live.change_scanconflict")
  public Map<String, Object> fixLocation(
      @PathParam("id") long id, Map<String, Object> body, @Context SecurityContext security) {
    Access.require(security, Permissions.CHANGE_SCANCONFLICT);
    Map<String, Object> input = body == null ? Map.of() : body;
    new FieldErrors().onlyKnown(input, Set.of("lab", "rack", "rack_id")).throwIfAny();
    return withVendor(
        tx.required(
            em ->
                actions.fixLocation(
                    Sql.of(em), id, input.get("lab"), input.get("rack"), input.get("rack_id"))));
  }

  @POST
  @Path("{id}/resolve")
  @ApiDoc(
      response = "scanconflict",
      request = ActionBody.SCHEMA,
      value = "Marks the conflict resolved",
      permission = "live.change_scanconflict")
  public Map<String, Object> resolve(
      @PathParam("id") long id, Map<String, Object> body, @Context SecurityContext security) {
    Access.require(security, Permissions.CHANGE_SCANCONFLICT);
    ActionBody.none(body);
    return withVendor(tx.required(em -> actions.resolve(Sql.of(em), id)));
  }

  @POST
  @Path("{id}/ignore")
  @ApiDoc(
      response = "scanconflict",
      request = ActionBody.SCHEMA,
      value = "Ignores the conflict while it exists",
      permission = "live.change_scanconflict")
  public Map<String, Object> ignore(
      @PathParam("id") long id, Map<String, Object> body, @Context SecurityContext security) {
    Access.require(security, Permissions.CHANGE_SCANCONFLICT);
    ActionBody.none(body);
    return withVendor(tx.required(em -> actions.ignore(Sql.of(em), id)));
  }
}
