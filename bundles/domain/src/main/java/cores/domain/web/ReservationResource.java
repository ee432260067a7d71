package cores.domain.web;

import cores.api.accounts.User;
import cores.api.persistence.Transactions;
import cores.api.web.ProblemException;
import cores.domain.booking.BookingService;
import cores.domain.sql.Sql;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code /api/booking/reservation}: reserving needs booking.add_reservation (for oneself or another
 * user); users list and cancel their own (booking.view_reservation lists all; staff cancel any).
 */
@Component(service = ReservationResource.class, property = "osgi.jaxrs.resource=true")
@Path("booking/reservation")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class ReservationResource {
  static final String VIEW = "booking.view_reservation";

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
  public Page<Map<String, Object>> list(
      @QueryParam("limit") String limit,
      @QueryParam("offset") String offset,
      @Context SecurityContext security,
      @Context UriInfo uri) {
    User user = Access.user(security);
    Page.Window window = Page.Window.of(limit, offset);
    boolean all = security.isUserInRole(VIEW);
    String condition = all ? "" : " WHERE owner_id = ?";
    List<Object> params = all ? List.of() : List.of(user.id());
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

  @DELETE
  @Path("{id}")
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
