package cores.domain.web;

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
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code /api/booking/reservation}: reserving needs booking.add_reservation (for oneself or another
 * user); users list (filters owner, bookable) and cancel their own (booking.view_reservation lists
 * all; staff cancel any); booking.change_reservation sets the end when a reservation is over.
 */
@Component(service = ReservationResource.class, property = "osgi.jaxrs.resource=true")
@Path("booking/reservation")
@ApiDoc(area = "booking")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class ReservationResource {
  static final String VIEW = "booking.view_reservation";
  static final String CHANGE = "booking.change_reservation";

  private final Transactions tx;
  private final Clock clock;
  private final BookingService bookings = new BookingService();

  @Activate
  public ReservationResource(@Reference(target = "(osgi.unit.name=cores.domain)") Transactions tx) {
    this(tx, Clock.systemUTC());
  }

  ReservationResource(Transactions tx, Clock clock) {
    this.tx = tx;
    this.clock = clock;
  }

  /** A reservation as the API accepts it; no end means open-ended. */
  public record ReservationInput(
      Long bookable, OffsetDateTime start, OffsetDateTime end, String comment, Long owner) {}

  @GET
  @ApiDoc(
      value = "Lists reservations: all with booking.view_reservation, else one's own",
      permission = ApiDoc.AUTHENTICATED,
      query = {"owner: user ids, comma-separated", "bookable: bookable ids, comma-separated"})
  public Page<Map<String, Object>> list(
      @QueryParam("limit") String limit,
      @QueryParam("offset") String offset,
      @Context SecurityContext security,
      @Context UriInfo uri) {
    User user = Access.user(security);
    Page.Window window = Page.Window.of(limit, offset, Query.PAGE_SIZE);
    List<String> where = new java.util.ArrayList<>();
    List<Object> params = new java.util.ArrayList<>();
    if (!security.isUserInRole(VIEW)) {
      where.add("owner_id = ?");
      params.add(user.id());
    }
    Map<String, String> query = Query.of(uri);
    FieldErrors errors = new FieldErrors();
    for (String[] filter : new String[][] {{"owner", "owner_id"}, {"bookable", "bookable_id"}}) {
      String value = query.get(filter[0]);
      if (value != null && !value.isEmpty()) {
        where.add(filter[1] + " = ANY (?::bigint[])");
        params.add(Sql.array(Ids.parse(filter[0], value, errors)));
      }
    }
    errors.throwIfAny();
    String condition = where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where);
    return tx.readOnly(
        em -> {
          Sql sql = Sql.of(em);
          long count =
              (Long)
                  sql.row("SELECT count(*) AS n FROM booking_reservation" + condition, params)
                      .get("n");
          List<Object> page = new java.util.ArrayList<>(params);
          page.add(window.limit());
          page.add(window.offset());
          return window.page(
              count,
              sql.rows(
                  BookingService.RESERVATION_COLUMNS
                      + condition
                      + " ORDER BY start_time, id LIMIT ? OFFSET ?",
                  page),
              uri);
        });
  }

  @GET
  @Path("{id}")
  @ApiDoc(
      value = "One reservation",
      permission = "authenticated: the owner or booking.view_reservation")
  public Map<String, Object> get(@PathParam("id") long id, @Context SecurityContext security) {
    User user = Access.user(security);
    Map<String, Object> row =
        tx.readOnly(
            em ->
                Sql.of(em).row(BookingService.RESERVATION_COLUMNS + " WHERE id = ?", List.of(id)));
    if (row == null
        || (!security.isUserInRole(VIEW) && !Long.valueOf(user.id()).equals(row.get("owner")))) {
      throw ProblemException.notFound("No reservation with id " + id + ".");
    }
    return row;
  }

  @POST
  @ApiDoc(value = "Reserves a bookable", permission = "booking.add_reservation")
  public Response create(
      ReservationInput input, @Context SecurityContext security, @Context UriInfo uri) {
    User user = Access.user(security);
    if (input == null) {
      throw ProblemException.badRequest("A JSON object is required.");
    }
    Instant now = clock.instant();
    BookingService.ReservationRequest request =
        new BookingService.ReservationRequest(
            input.bookable(),
            input.start() == null ? null : input.start().toInstant(),
            input.end() == null ? null : input.end().toInstant(),
            input.comment(),
            input.owner());
    Map<String, Object> created =
        tx.required(em -> bookings.reserve(Sql.of(em), user, request, now));
    return Response.created(uri.getAbsolutePathBuilder().path(created.get("id") + "/").build())
        .entity(created)
        .build();
  }

  /** An admin's change: the end (when the reservation is over) and the comment. */
  public record ReservationChange(OffsetDateTime end, String comment) {}

  @PATCH
  @Path("{id}")
  @ApiDoc(value = "Changes the end or the comment", permission = "booking.change_reservation")
  public Map<String, Object> change(
      @PathParam("id") long id, ReservationChange input, @Context SecurityContext security) {
    Access.require(security, CHANGE);
    if (input == null) {
      throw ProblemException.badRequest("A JSON object is required.");
    }
    return tx.required(
        em ->
            bookings.endReservation(
                Sql.of(em),
                id,
                input.end() == null ? null : input.end().toInstant(),
                input.comment()));
  }

  @DELETE
  @Path("{id}")
  @ApiDoc(value = "Cancels a reservation", permission = "authenticated: the owner or staff")
  public Response cancel(@PathParam("id") long id, @Context SecurityContext security) {
    User user = Access.user(security);
    Instant now = clock.instant();
    tx.required(
        em -> {
          bookings.cancelReservation(Sql.of(em), user, id, now);
          return null;
        });
    return Response.noContent().build();
  }
}
