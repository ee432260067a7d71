package cores.domain.web;

import cores.api.accounts.User;
import cores.api.persistence.Transactions;
import cores.api.web.Access;
import cores.api.web.Page;
import cores.api.web.ProblemException;
import cores.domain.booking.Bookables;
import cores.domain.booking.BookingMail;
import cores.domain.inventory.Inventory;
import cores.domain.inventory.Model;
import cores.domain.inventory.Models;
import cores.domain.inventory.Rules;
import cores.domain.loans.Loans;
import cores.domain.notices.Notices;
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
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Every model served from a descriptor, as {@code /api/{app}/{model}}: the inventory's building,
 * lab, rack, hosttype, hosthardware, hdvendor, cardtype, card, host, nic (and the original's
 * hostbyid/nicbyid aliases), {@code notices/notice}, {@code loans/customer} and {@code loans/loan}.
 * List with filters and pagination, and CRUD; foreign keys are ids; permissions
 * app.{view,add,change,delete}_model. A model's own rules ({@link Rules}) wrap the generic writes.
 */
@Component(service = ModelResource.class, property = "osgi.jaxrs.resource=true")
@Path("{app: inventory|notices|loans}/{model}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class ModelResource {
  private final Transactions tx;
  private final Clock clock;
  private final Inventory inventory;
  private final Map<String, Served> models = models();

  /** A model and its rules. */
  private record Served(Model model, Rules rules) {}

  /** A host leaving active (also by a loan) suspends its bookable, whose holders are mailed. */
  @Activate
  public ModelResource(
      @Reference(target = "(osgi.unit.name=cores.domain)") Transactions tx,
      @Reference BookingMail mail) {
    this.tx = tx;
    this.clock = Clock.systemUTC();
    this.inventory = new Inventory(new Bookables(mail, clock));
  }

  private static Map<String, Served> models() {
    Map<String, Served> all = new HashMap<>();
    Models.BY_PATH.forEach(
        (path, model) -> all.put("inventory/" + path, new Served(model, Rules.NONE)));
    all.put("notices/notice", new Served(Notices.MODEL, new Notices()));
    all.put("loans/customer", new Served(Loans.CUSTOMER, Rules.NONE));
    all.put("loans/loan", new Served(Loans.LOAN, new Loans()));
    return Map.copyOf(all);
  }

  @GET
  public Page<Map<String, Object>> list(
      @PathParam("app") String app,
      @PathParam("model") String path,
      @QueryParam("limit") String limit,
      @QueryParam("offset") String offset,
      @Context SecurityContext security,
      @Context UriInfo uri) {
    Served it = served(app, path);
    Map<String, String> query = Query.of(uri);
    Page.Window window = Page.Window.of(limit, offset, Query.PAGE_SIZE);
    Inventory.Rows rows;
    if (it.rules().listsItself(query)) {
      Rules.Actor actor = actor(Access.user(security));
      rows =
          tx.readOnly(
              em -> it.rules().list(Sql.of(em), query, actor, window.limit(), window.offset()));
    } else {
      Access.require(security, it.model().permission("view"));
      rows =
          tx.readOnly(
              em -> inventory.list(Sql.of(em), it.model(), query, window.limit(), window.offset()));
    }
    return window.page(rows.count(), rows.results(), uri);
  }

  @POST
  public Response create(
      @PathParam("app") String app,
      @PathParam("model") String path,
      Map<String, Object> input,
      @Context SecurityContext security,
      @Context UriInfo uri) {
    Served it = served(app, path);
    Rules.Actor actor = actor(Access.require(security, it.model().permission("add")));
    Map<String, Object> created =
        tx.required(em -> it.rules().create(inventory, Sql.of(em), it.model(), input, actor));
    return Response.created(uri.getAbsolutePathBuilder().path(created.get("id") + "/").build())
        .entity(created)
        .build();
  }

  @GET
  @Path("{id}")
  public Map<String, Object> get(
      @PathParam("app") String app,
      @PathParam("model") String path,
      @PathParam("id") long id,
      @Context SecurityContext security) {
    Served it = served(app, path);
    Access.require(security, it.model().permission("view"));
    return tx.readOnly(em -> inventory.get(Sql.of(em), it.model(), id));
  }

  @PUT
  @Path("{id}")
  public Map<String, Object> replace(
      @PathParam("app") String app,
      @PathParam("model") String path,
      @PathParam("id") long id,
      Map<String, Object> input,
      @Context SecurityContext security) {
    return update(app, path, id, input, false, security);
  }

  @PATCH
  @Path("{id}")
  public Map<String, Object> patch(
      @PathParam("app") String app,
      @PathParam("model") String path,
      @PathParam("id") long id,
      Map<String, Object> input,
      @Context SecurityContext security) {
    return update(app, path, id, input, true, security);
  }

  private Map<String, Object> update(
      String app,
      String path,
      long id,
      Map<String, Object> input,
      boolean partial,
      SecurityContext security) {
    Served it = served(app, path);
    Rules.Actor actor = actor(Access.require(security, it.model().permission("change")));
    return tx.required(
        em -> it.rules().update(inventory, Sql.of(em), it.model(), id, input, partial, actor));
  }

  @DELETE
  @Path("{id}")
  public Response delete(
      @PathParam("app") String app,
      @PathParam("model") String path,
      @PathParam("id") long id,
      @Context SecurityContext security) {
    Served it = served(app, path);
    Rules.Actor actor = actor(Access.require(security, it.model().permission("delete")));
    tx.required(
        em -> {
          it.rules().delete(inventory, Sql.of(em), it.model(), id, actor);
          return null;
        });
    return Response.noContent().build();
  }

  private Rules.Actor actor(User user) {
    return new Rules.Actor(user, clock.instant());
  }

  private Served served(String app, String path) {
    Served it = models.get(app + "/" + path);
    if (it == null) {
      throw ProblemException.notFound("No model " + app + "/" + path + ".");
    }
    return it;
  }
}
