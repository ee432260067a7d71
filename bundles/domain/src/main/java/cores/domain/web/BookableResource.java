package cores.domain.web;

import cores.api.accounts.User;
import cores.api.persistence.Transactions;
import cores.api.web.Access;
import cores.api.web.ApiDoc;
import cores.api.web.ApiSchemas;
import cores.api.web.FieldErrors;
import cores.api.web.Page;
import cores.api.web.ProblemException;
import cores.domain.booking.BookableSearch;
import cores.domain.booking.Bookables;
import cores.domain.booking.BookingMail;
import cores.domain.booking.SearchCache;
import cores.domain.inventory.Inventory;
import cores.domain.inventory.ReadOnly;
import cores.domain.inventory.Schemas;
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
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * {@code /api/booking/bookable}: the bookable search (anyone may read it, anonymous users too) and
 * CRUD plus bulk creation for those holding the booking.*_bookable permissions.
 */
@JakartarsResource
@Component(service = BookableResource.class)
@Path("booking/bookable")
@ApiDoc(permission = "booking.{action}_bookable")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class BookableResource implements ApiSchemas {
  private final Transactions tx;
  private final Clock clock;
  private final Bookables bookables;
  private final Inventory inventory;
  private final SearchCache search;

  /** Where date-times without an offset are (CORES_TIME_ZONE). */
  private final ZoneId zone;

  @Activate
  public BookableResource(
      @Reference(target = "(osgi.unit.name=cores.domain)") Transactions tx,
      @Reference BookingMail mail,
      @Reference SearchCache search) {
    this.tx = tx;
    this.clock = Clock.systemUTC();
    this.bookables = new Bookables(mail, clock);
    this.inventory = new Inventory(bookables, mail.zone());
    this.search = search;
    this.zone = mail.zone();
  }

  /** Bulk creation from the host list: {@code {"hosts": [ids], "status": "active"}}. */
  public record BulkInput(List<Long> hosts, String status) {}

  /** The bookable as stored (from its descriptor) and as the search shows it. */
  @Override
  public Map<String, Map<String, Object>> schemas() {
    Map<String, Map<String, Object>> schemas = new TreeMap<>(Schemas.of(Bookables.MODEL));
    schemas.put("bookable_row", BookableSearch.rowSchema());
    return schemas;
  }

  @GET
  @ApiDoc(
      response = "bookable_row",
      value =
          "The bookable search: each row with hostname, ip, hardware (\"[type] model\"), cards"
              + " ([{id, cardtype__name, details}]), rack (\"<number> in <building>/<lab>\"),"
              + " booked (\"Booked until dd/mm/yy by <user>\" or false), reserved; beside them"
              + " hardware_id, hardware_name, rack_id, rack_number, lab, lab_name, building,"
              + " building_code, booked_until, booked_by",
      permission = ApiDoc.ANONYMOUS,
      query = {
        "active: 1 for active bookables only",
        "mine: 1 for the hosts I own",
        "mygroup: 1 for those of my groups' hosts",
        "lab: lab ids, comma-separated",
        "building: building ids, comma-separated",
        "hw: host hardware ids, comma-separated",
        "htype: host type ids, comma-separated",
        "nores: 1 for those not reserved now",
        "free: 1 for those not booked now",
        "ipsort: 1 to sort by IP",
        "ordering: hostname, -hostname, ip or -ip"
      })
  public Page<Map<String, Object>> list(
      @QueryParam("limit") String limit,
      @QueryParam("offset") String offset,
      @Context SecurityContext security,
      @Context UriInfo uri) {
    Instant now = clock.instant();
    Page.Window window = Page.Window.of(limit, offset, Query.PAGE_SIZE);
    BookableSearch.Filters filters = BookableSearch.Filters.of(Query.of(uri), user(security));
    BookableSearch.Result result =
        tx.readOnly(em -> search.search(Sql.of(em), filters, now, window.limit(), window.offset()));
    return window.page(result.count(), result.rows(), uri);
  }

  @GET
  @Path("{id}")
  @ApiDoc(
      value = "One bookable, as in the search",
      permission = ApiDoc.ANONYMOUS,
      response = "bookable_row")
  public Map<String, Object> get(@PathParam("id") long id, @Context SecurityContext security) {
    Instant now = clock.instant();
    Map<String, Object> row = tx.readOnly(em -> search.one(Sql.of(em), id, now));
    if (row == null) {
      throw ProblemException.notFound("No bookable with id " + id + ".");
    }
    return row;
  }

  private static Long user(SecurityContext security) {
    return security != null && security.getUserPrincipal() instanceof User u ? u.id() : null;
  }

  @POST
  @ApiDoc(
      value = "Creates a bookable for a host",
      request = "bookable_input",
      response = "bookable")
  public Response create(
      Map<String, Object> input, @Context SecurityContext security, @Context UriInfo uri) {
    Access.require(security, Bookables.MODEL.permission("add"));
    Map<String, Object> created =
        tx.required(em -> inventory.create(Sql.of(em), Bookables.MODEL, input));
    return Response.created(uri.getAbsolutePathBuilder().path(created.get("id") + "/").build())
        .entity(created)
        .build();
  }

  @POST
  @Path("bulk")
  @ApiDoc(
      value =
          "Creates or activates the bookables of many hosts at once: {created, status, hosts,"
              + " refused: [{host, reason}]}; a host that is not active gets no active bookable"
              + " and is listed in refused with the reason",
      permission = "booking.add_bookable, booking.change_bookable")
  public Map<String, Object> bulk(BulkInput input, @Context SecurityContext security) {
    Access.require(security, Bookables.MODEL.permission("add"));
    Access.require(security, Bookables.MODEL.permission("change"));
    if (input == null || input.hosts() == null || input.hosts().isEmpty()) {
      throw FieldErrors.single("hosts", "a non-empty list of host ids is required");
    }
    String status = input.status() == null ? Bookables.ACTIVE : input.status();
    if (!Bookables.STATUSES.contains(status)) {
      throw FieldErrors.single("status", "must be one of " + Bookables.STATUSES);
    }
    // a host named twice is one host: counted and written once
    List<Long> hosts = input.hosts().stream().distinct().toList();
    return tx.required(
        em -> {
          Sql sql = Sql.of(em);
          // one query, and the answer names the first LISTED: a body of 200,000 unknown ids took
          // one query each and was answered with all of them (1.5 MB)
          Set<Object> found = new HashSet<>();
          sql.rows(
                  "SELECT id FROM inventory_host WHERE id = ANY (?::bigint[])",
                  List.of(Sql.array(hosts.stream().filter(Objects::nonNull).toList())))
              .forEach(row -> found.add(row.get("id")));
          List<Long> missing = hosts.stream().filter(h -> !found.contains(h)).toList();
          if (!missing.isEmpty()) {
            int more = missing.size() - ProblemException.LISTED;
            throw FieldErrors.single(
                "hosts",
                "no hosts with ids "
                    + missing.subList(0, Math.min(missing.size(), ProblemException.LISTED))
                    + (more > 0 ? " and " + more + " more" : ""));
          }
          Bookables.Bulk done = bookables.createFor(sql, hosts, status);
          return Map.of(
              "created",
              done.created(),
              "status",
              status,
              "hosts",
              hosts.size(),
              "refused",
              done.refused());
        });
  }

  @PUT
  @Path("{id}")
  @ApiDoc(value = "Replaces a bookable", request = "bookable_input", response = "bookable")
  public Map<String, Object> replace(
      @PathParam("id") long id, Map<String, Object> input, @Context SecurityContext security) {
    return update(id, input, false, security);
  }

  @PATCH
  @Path("{id}")
  @ApiDoc(
      value = "Changes the given fields of a bookable (e.g. its status)",
      request = "bookable_patch",
      response = "bookable")
  public Map<String, Object> patch(
      @PathParam("id") long id, Map<String, Object> input, @Context SecurityContext security) {
    return update(id, input, true, security);
  }

  private Map<String, Object> update(
      long id, Map<String, Object> input, boolean partial, SecurityContext security) {
    Access.require(security, Bookables.MODEL.permission("change"));
    Instant now = clock.instant();
    return tx.required(
        em -> {
          Sql sql = Sql.of(em);
          return inventory.update(sql, Bookables.MODEL, id, stored(sql, id, input, now), partial);
        });
  }

  /**
   * The body without the fields only the bookable's answer shows (its id, its host's name, cards,
   * who holds it), once they passed the one rule of read-only fields ({@link ReadOnly}) against
   * that answer: a row read ({@link #get}) may be sent back as it was read. The rest is the stored
   * row's.
   */
  private Map<String, Object> stored(Sql sql, long id, Map<String, Object> input, Instant now) {
    if (input == null) {
      return null;
    }
    Map<String, Object> shown = new LinkedHashMap<>();
    input.forEach(
        (name, value) -> {
          if (Bookables.MODEL.field(name).isEmpty()) {
            shown.put(name, value);
          }
        });
    Map<String, Object> answer = shown.isEmpty() ? null : search.one(sql, id, now);
    if (answer == null) {
      // nothing only the answer shows, or no such bookable: the generic update says what is wrong
      return input;
    }
    FieldErrors errors = new FieldErrors();
    ReadOnly.check(errors, shown, name -> false, answer, zone);
    errors.throwIfAny();
    Map<String, Object> rest = new LinkedHashMap<>(input);
    rest.keySet().removeAll(shown.keySet());
    return rest;
  }

  @DELETE
  @Path("{id}")
  @ApiDoc("Deletes a bookable")
  public Response delete(@PathParam("id") long id, @Context SecurityContext security) {
    Access.require(security, Bookables.MODEL.permission("delete"));
    tx.required(
        em -> {
          inventory.delete(Sql.of(em), Bookables.MODEL, id);
          return null;
        });
    return Response.noContent().build();
  }
}
