package cores.domain.web;

import cores.api.accounts.Permissions;
import cores.api.persistence.Transactions;
import cores.api.web.Access;
import cores.api.web.ApiDoc;
import cores.api.web.ApiSchemas;
import cores.api.web.ProblemException;
import cores.domain.live.IgnoredMacs;
import cores.domain.sql.Sql;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * {@code /api/live/ignoredmacs}: the MACs scans skip. Reading needs live.view_scanconflict; adding
 * ({@code {"mac", "reason"}}) and removing need live.change_scanconflict.
 */
@JakartarsResource
@Component(service = IgnoredMacResource.class)
@Path("live/ignoredmacs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@ApiDoc(area = "live")
public final class IgnoredMacResource implements ApiSchemas {
  private final Transactions tx;
  private final IgnoredMacs macs = new IgnoredMacs();

  @Activate
  public IgnoredMacResource(@Reference(target = "(osgi.unit.name=cores.domain)") Transactions tx) {
    this.tx = tx;
  }

  /** The ignore list's rows and what adding takes, beside the statements (IgnoredMacs). */
  @Override
  public Map<String, Map<String, Object>> schemas() {
    return Map.of(
        "ignoredmac", IgnoredMacs.ROW.schema("a MAC scans skip"),
        "ignoredmac_input", IgnoredMacs.inputSchema());
  }

  @GET
  @ApiDoc(
      response = "ignoredmac",
      value = "The MACs scans skip",
      permission = "live.view_scanconflict")
  public List<Map<String, Object>> list(@Context SecurityContext security) {
    Access.require(security, Permissions.VIEW_SCANCONFLICT);
    return tx.readOnly(em -> macs.list(Sql.of(em)));
  }

  @POST
  @ApiDoc(
      response = "ignoredmac",
      request = "ignoredmac_input",
      value = "Adds a MAC to the ignore list",
      permission = "live.change_scanconflict")
  public Response add(Map<String, Object> body, @Context SecurityContext security) {
    Access.require(security, Permissions.CHANGE_SCANCONFLICT);
    Map<String, Object> input = body == null ? Map.of() : body;
    Map<String, Object> row = tx.required(em -> macs.add(Sql.of(em), input));
    return Response.status(201).entity(row).build();
  }

  @DELETE
  @Path("{id}")
  @ApiDoc(value = "Removes a MAC from the ignore list", permission = "live.change_scanconflict")
  public Response remove(@PathParam("id") long id, @Context SecurityContext security) {
    Access.require(security, Permissions.CHANGE_SCANCONFLICT);
    if (!tx.required(em -> macs.remove(Sql.of(em), id))) {
      throw ProblemException.notFound("No ignored MAC with id " + id + ".");
    }
    return Response.noContent().build();
  }
}
