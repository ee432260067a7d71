package cores.domain.web;

import cores.api.persistence.Transactions;
import cores.api.web.Access;
import cores.api.web.ApiDoc;
import cores.api.web.Page;
import cores.api.web.ProblemException;
import cores.domain.booking.Bookables;
import cores.domain.inventory.Inventory;
import cores.domain.inventory.Model;
import cores.domain.inventory.Models;
import cores.domain.sql.Sql;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code /api/inventory/{model}} for building, lab, rack, hosttype, hosthardware, hdvendor,
 * cardtype, card, host, nic (and the original's hostbyid/nicbyid aliases): list with filters and
 * pagination, and CRUD; foreign keys are ids; permissions inventory.{view,add,change,delete}_model.
 */
@Component(service = InventoryResource.class, property = "osgi.jaxrs.resource=true")
@Path("inventory/{model}")
@ApiDoc(
    permission = "inventory.{action}_{model}",
    values =
        @ApiDoc.Values(
            param = "model",
            value = {
              "building",
              "lab",
              "rack",
              "hosttype",
              "hosthardware",
              "hdvendor",
              "cardtype",
              "card",
              "host",
              "hostbyid=host",
              "nic",
              "nicbyid=nic"
            }))
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class InventoryResource {
  private final Transactions tx;
  private final Inventory inventory = new Inventory(new Bookables());

  @Activate
  public InventoryResource(@Reference(target = "(osgi.unit.name=cores.domain)") Transactions tx) {
    this.tx = tx;
  }

  @GET
  @ApiDoc(
      value = "Lists the {model} rows, a page at a time",
      query = {
        "lab: racks of these labs (rack)",
        "host: of this host (card, nic)",
        "hostname: case-insensitive host name (host, hostbyid)",
        "mac: hosts or NICs with this MAC (host, hostbyid, nic, nicbyid)"
      })
  public Page<Map<String, Object>> list(
      @PathParam("model") String path,
      @QueryParam("limit") String limit,
      @QueryParam("offset") String offset,
      @Context SecurityContext security,
      @Context UriInfo uri) {
    Model model = model(path);
    Access.require(security, model.permission("view"));
    Page.Window window = Page.Window.of(limit, offset, Query.PAGE_SIZE);
    Inventory.Rows rows =
        tx.readOnly(
            em ->
                inventory.list(Sql.of(em), model, Query.of(uri), window.limit(), window.offset()));
    return window.page(rows.count(), rows.results(), uri);
  }

  @POST
  @ApiDoc("Creates a {model}; foreign keys are ids")
  public Response create(
      @PathParam("model") String path,
      Map<String, Object> input,
      @Context SecurityContext security,
      @Context UriInfo uri) {
    Model model = model(path);
    Access.require(security, model.permission("add"));
    Map<String, Object> created = tx.required(em -> inventory.create(Sql.of(em), model, input));
    return Response.created(uri.getAbsolutePathBuilder().path(created.get("id") + "/").build())
        .entity(created)
        .build();
  }

  @GET
  @Path("{id}")
  @ApiDoc("One {model}")
  public Map<String, Object> get(
      @PathParam("model") String path,
      @PathParam("id") long id,
      @Context SecurityContext security) {
    Model model = model(path);
    Access.require(security, model.permission("view"));
    return tx.readOnly(em -> inventory.get(Sql.of(em), model, id));
  }

  @PUT
  @Path("{id}")
  @ApiDoc("Replaces a {model}")
  public Map<String, Object> replace(
      @PathParam("model") String path,
      @PathParam("id") long id,
      Map<String, Object> input,
      @Context SecurityContext security) {
    Model model = model(path);
    Access.require(security, model.permission("change"));
    return tx.required(em -> inventory.update(Sql.of(em), model, id, input, false));
  }

  @PATCH
  @Path("{id}")
  @ApiDoc("Changes the given fields of a {model}")
  public Map<String, Object> patch(
      @PathParam("model") String path,
      @PathParam("id") long id,
      Map<String, Object> input,
      @Context SecurityContext security) {
    Model model = model(path);
    Access.require(security, model.permission("change"));
    return tx.required(em -> inventory.update(Sql.of(em), model, id, input, true));
  }

  @DELETE
  @Path("{id}")
  @ApiDoc("Deletes a {model}")
  public Response delete(
      @PathParam("model") String path,
      @PathParam("id") long id,
      @Context SecurityContext security) {
    Model model = model(path);
    Access.require(security, model.permission("delete"));
    tx.required(
        em -> {
          inventory.delete(Sql.of(em), model, id);
          return null;
        });
    return Response.noContent().build();
  }

  private static Model model(String path) {
    return Models.byPath(path)
        .orElseThrow(() -> ProblemException.notFound("No inventory model " + path + "."));
  }
}
