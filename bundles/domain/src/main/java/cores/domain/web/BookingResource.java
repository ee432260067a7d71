package cores.domain.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import cores.api.accounts.User;
import cores.api.persistence.Transactions;
import cores.api.web.Access;
import cores.api.web.ApiDoc;
import cores.api.web.FieldErrors;
import cores.api.web.Page;
import cores.api.web.ProblemException;
import cores.domain.booking.BookingService;
import cores.domain.inventory.Ids;
import cores.domain.sql.Sql;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
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
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code /api/booking/booking}: any logged-in user books (for themselves; staff for others), lists
 * their own bookings (all with booking.view_booking; filters owner, bookable, import_id), changes
 * the comment or end of their own, and cancels their own (staff any) before they start.
 */
@Component(service = BookingResource.class, property = "osgi.jaxrs.resource=true")
@Path("booking/booking")
@ApiDoc(area = "booking")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class BookingResource {
  static final String VIEW = "booking.view_booking";

  private final Transactions tx;
  private final Clock clock;
  private final BookingService bookings = new BookingService();

  @Activate
  public BookingResource(@Reference(target = "(osgi.unit.name=cores.domain)") Transactions tx) {
    this(tx, Clock.systemUTC());
  }

  BookingResource(Transactions tx, Clock clock) {
    this.tx = tx;
    this.clock = clock;
  }

  /** A booking as the API accepts it. */
  public record BookingInput(
      Long bookable,
      OffsetDateTime start,
      OffsetDateTime end,
      String comment,
      Long owner,
      @JsonProperty("import_id") String importId) {}

  @GET
  @ApiDoc(
      value = "Lists bookings: all with booking.view_booking, else one's own",
      permission = ApiDoc.AUTHENTICATED,
      query = {
        "owner: user ids, comma-separated",
        "bookable: bookable ids, comma-separated",
        "import_id: the id given by an import script"
      })
  public Page<Map<String, Object>> list(
      @QueryParam("limit") String limit,
      @QueryParam("offset") String offset,
      @Context SecurityContext security,
      @Context UriInfo uri) {
    User user = Access.user(security);
    Page.Window window = Page.Window.of(limit, offset, Query.PAGE_SIZE);
    Map<String, String> query = Query.of(uri);
    FieldErrors errors = new FieldErrors();
    List<String> where = new ArrayList<>();
    List<Object> params = new ArrayList<>();
    if (!security.isUserInRole(VIEW)) {
      where.add("owner_id = ?");
      params.add(user.id());
    }
    for (String[] filter : new String[][] {{"owner", "owner_id"}, {"bookable", "bookable_id"}}) {
      String value = query.get(filter[0]);
      if (value != null && !value.isEmpty()) {
        List<Long> ids = Ids.parse(filter[0], value, errors);
        where.add(filter[1] + " = ANY (?::bigint[])");
        params.add(Sql.array(ids));
      }
    }
    if (query.get("import_id") != null) {
      where.add("import_id = ?");
      params.add(query.get("import_id"));
    }
    errors.throwIfAny();
    String condition = where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where);
    return tx.readOnly(
        em -> {
          Sql sql = Sql.of(em);
          long count =
              (Long)
                  sql.row("SELECT count(*) AS n FROM booking_booking" + condition, params).get("n");
          List<Object> page = new ArrayList<>(params);
          page.add(window.limit());
          page.add(window.offset());
          List<Map<String, Object>> rows =
              sql.rows(
                  BookingService.BOOKING_COLUMNS
                      + condition
                      + " ORDER BY start_time, id LIMIT ? OFFSET ?",
                  page);
          return window.page(count, rows, uri);
        });
  }

  @GET
  @Path("{id}")
  @ApiDoc(value = "One booking", permission = "authenticated: the owner or booking.view_booking")
  public Map<String, Object> get(@PathParam("id") long id, @Context SecurityContext security) {
    User user = Access.user(security);
    Map<String, Object> row =
        tx.readOnly(
            em -> Sql.of(em).row(BookingService.BOOKING_COLUMNS + " WHERE id = ?", List.of(id)));
    if (row == null
        || (!security.isUserInRole(VIEW) && !Long.valueOf(user.id()).equals(row.get("owner")))) {
      throw ProblemException.notFound("No booking with id " + id + ".");
    }
    return row;
  }

  @POST
  @ApiDoc(
      value = "Books a bookable: no overlap (409), not in the past, at most 31 days",
      permission = ApiDoc.AUTHENTICATED)
  public Response create(
      BookingInput input, @Context SecurityContext security, @Context UriInfo uri) {
    User user = Access.user(security);
    if (input == null) {
      throw ProblemException.badRequest("A JSON object is required.");
    }
    Instant now = clock.instant();
    BookingService.BookingRequest request =
        new BookingService.BookingRequest(
            input.bookable(),
            input.start() == null ? null : input.start().toInstant(),
            input.end() == null ? null : input.end().toInstant(),
            input.comment(),
            input.owner(),
            input.importId());
    Map<String, Object> created = tx.required(em -> bookings.book(Sql.of(em), user, request, now));
    return Response.created(uri.getAbsolutePathBuilder().path(created.get("id") + "/").build())
        .entity(created)
        .build();
  }

  /** The owner's (or staff's) change: the comment, or an earlier or later end. */
  public record BookingChange(OffsetDateTime end, String comment) {}

  @PATCH
  @Path("{id}")
  @ApiDoc(
      value = "Changes the comment or the end",
      permission = "authenticated: the owner or staff")
  public Map<String, Object> change(
      @PathParam("id") long id, BookingChange input, @Context SecurityContext security) {
    User user = Access.user(security);
    if (input == null) {
      throw ProblemException.badRequest("A JSON object is required.");
    }
    Instant now = clock.instant();
    return tx.required(
        em ->
            bookings.changeBooking(
                Sql.of(em),
                user,
                id,
                input.end() == null ? null : input.end().toInstant(),
                input.comment(),
                now));
  }

  @DELETE
  @Path("{id}")
  @ApiDoc(
      value = "Cancels a booking before it starts",
      permission = "authenticated: the owner or staff")
  public Response cancel(@PathParam("id") long id, @Context SecurityContext security) {
    User user = Access.user(security);
    Instant now = clock.instant();
    tx.required(
        em -> {
          bookings.cancelBooking(Sql.of(em), user, id, now);
          return null;
        });
    return Response.noContent().build();
  }
}
