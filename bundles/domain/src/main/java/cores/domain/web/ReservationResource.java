package cores.domain.web;

import cores.api.accounts.User;
import cores.api.persistence.Transactions;
import cores.api.web.Access;
import cores.api.web.ApiDoc;
import cores.api.web.ApiSchemas;
import cores.api.web.FieldErrors;
import cores.api.web.Page;
import cores.domain.booking.BookingMail;
import cores.domain.booking.BookingService;
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
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * {@code /api/booking/reservation}: reserving needs booking.add_reservation (for oneself or another
 * user); users list (filters owner, bookable) and cancel their own (booking.view_reservation lists
 * all; staff cancel any); booking.change_reservation sets the end when a reservation is over
 * (PATCH: the given fields; PUT: both, an absent end making it open-ended, an absent comment
 * emptied).
 */
@JakartarsResource
@Component(service = ReservationResource.class)
@Path("booking/reservation")
@ApiDoc(area = "booking")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class ReservationResource implements ApiSchemas {
  static final String CHANGE = "booking.change_reservation";
  private static final Holds HOLDS =
      new Holds(
          "reservation",
          "booking_reservation",
          BookingService.RESERVATION_COLUMNS,
          "booking.view_reservation",
          Map.of("owner", "owner_id", "bookable", "bookable_id"));

  private final Transactions tx;
  private final Clock clock;
  private final BookingService bookings;

  /** Where times without an offset are (CORES_TIME_ZONE). */
  private final ZoneId zone;

  @Activate
  public ReservationResource(
      @Reference(target = "(osgi.unit.name=cores.domain)") Transactions tx,
      @Reference BookingMail mail) {
    this.tx = tx;
    this.clock = Clock.systemUTC();
    this.bookings = new BookingService(mail);
    this.zone = mail.zone();
  }

  /** A reservation as the API accepts it; no end means open-ended. */
  public record ReservationInput(
      Long bookable, String start, String end, String comment, Long owner) {}

  /** The reservation as answered (its columns' schema, beside them in BookingService). */
  @Override
  public Map<String, Map<String, Object>> schemas() {
    return Map.of(
        "reservation",
        BookingService.reservationSchema(),
        "reservation_input",
        BookingService.holdInputSchema(true),
        "reservation_change",
        BookingService.holdChangeSchema(
            "an admin's change of a reservation", BookingService.reservationSchema()));
  }

  @GET
  @ApiDoc(
      response = "reservation",
      value = "Lists reservations: all with booking.view_reservation, else one's own",
      permission = ApiDoc.AUTHENTICATED,
      query = {"owner: user ids, comma-separated", "bookable: bookable ids, comma-separated"})
  public Page<Map<String, Object>> list(
      @QueryParam("limit") String limit,
      @QueryParam("offset") String offset,
      @Context SecurityContext security,
      @Context UriInfo uri) {
    return HOLDS.list(tx, limit, offset, security, uri);
  }

  @GET
  @Path("{id}")
  @ApiDoc(
      response = "reservation",
      value = "One reservation",
      permission = "authenticated: the owner or booking.view_reservation")
  public Map<String, Object> get(@PathParam("id") long id, @Context SecurityContext security) {
    return HOLDS.get(tx, id, security);
  }

  @POST
  @ApiDoc(
      response = "reservation",
      request = "reservation_input",
      value = "Reserves a bookable",
      permission = "booking.add_reservation")
  public Response create(
      ReservationInput input, @Context SecurityContext security, @Context UriInfo uri) {
    User user = Access.user(security);
    Holds.body(input);
    Instant now = clock.instant();
    FieldErrors errors = new FieldErrors();
    BookingService.ReservationRequest request =
        new BookingService.ReservationRequest(
            input.bookable(),
            Holds.time(errors, "start", input.start(), zone),
            Holds.time(errors, "end", input.end(), zone),
            input.comment(),
            input.owner());
    errors.throwIfAny();
    return Holds.created(uri, tx.required(em -> bookings.reserve(Sql.of(em), user, request, now)));
  }

  @PATCH
  @Path("{id}")
  @ApiDoc(
      response = "reservation",
      request = "reservation_change",
      value = "Changes the end or the comment",
      permission = "booking.change_reservation")
  public Map<String, Object> patch(
      @PathParam("id") long id, HoldChange input, @Context SecurityContext security) {
    return change(id, input, false, security);
  }

  @PUT
  @Path("{id}")
  @ApiDoc(
      response = "reservation",
      request = "reservation_change",
      value = "Replaces the end (none: open-ended again) and the comment",
      permission = "booking.change_reservation")
  public Map<String, Object> replace(
      @PathParam("id") long id, HoldChange input, @Context SecurityContext security) {
    return change(id, input, true, security);
  }

  private Map<String, Object> change(
      long id, HoldChange input, boolean replace, SecurityContext security) {
    Access.require(security, CHANGE);
    Holds.body(input);
    FieldErrors errors = new FieldErrors();
    BookingService.Change change = input.change(errors, zone, replace);
    errors.throwIfAny();
    Instant now = clock.instant();
    return HOLDS.changed(
        tx, id, input, zone, sql -> bookings.changeReservation(sql, id, change, now));
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
