package cores.domain.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import cores.api.accounts.User;
import cores.api.persistence.Transactions;
import cores.api.web.Access;
import cores.api.web.ApiDoc;
import cores.api.web.ApiSchemas;
import cores.api.web.FieldErrors;
import cores.api.web.Page;
import cores.domain.booking.BookingMail;
import cores.domain.booking.BookingRules;
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
 * {@code /api/booking/booking}: any logged-in user books (for themselves; staff for others), lists
 * their own bookings (all with booking.view_booking; filters owner, bookable, import_id), changes
 * the comment or end of their own (PATCH: the given fields; PUT: both, an absent comment emptied),
 * and cancels their own (staff any) before they start. Confirmations and cancellations are mailed.
 */
@JakartarsResource
@Component(service = BookingResource.class)
@Path("booking/booking")
@ApiDoc(area = "booking")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class BookingResource implements ApiSchemas {
  private static final Holds HOLDS =
      new Holds(
          "booking",
          "booking_booking",
          BookingService.BOOKING_COLUMNS,
          "booking.view_booking",
          Map.of("owner", "owner_id", "bookable", "bookable_id", "import_id", "import_id"));

  private final Transactions tx;
  private final Clock clock;
  private final BookingService bookings;

  /** Where times without an offset are (CORES_TIME_ZONE). */
  private final ZoneId zone;

  @Activate
  public BookingResource(
      @Reference(target = "(osgi.unit.name=cores.domain)") Transactions tx,
      @Reference BookingMail mail) {
    this.tx = tx;
    this.clock = Clock.systemUTC();
    this.bookings = new BookingService(mail);
    this.zone = mail.zone();
  }

  /**
   * A booking as the API accepts it (the original's fields); times as text, read by {@link
   * Holds#time}.
   */
  public record BookingInput(
      Long bookable,
      String start,
      String end,
      String comment,
      Long owner,
      @JsonProperty("import_id") Long importId) {}

  /** The booking as answered (its columns' schema, beside them in BookingService). */
  @Override
  public Map<String, Map<String, Object>> schemas() {
    return Map.of(
        "booking",
        BookingService.bookingSchema(),
        "booking_input",
        BookingService.holdInputSchema(false),
        "booking_change",
        BookingService.holdChangeSchema(
            "the owner's (or staff's) change of a booking", BookingService.bookingSchema()));
  }

  @GET
  @ApiDoc(
      response = "booking",
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
    return HOLDS.list(tx, limit, offset, security, uri);
  }

  @GET
  @Path("{id}")
  @ApiDoc(
      response = "booking",
      value = "One booking",
      permission = "authenticated: the owner or booking.view_booking")
  public Map<String, Object> get(@PathParam("id") long id, @Context SecurityContext security) {
    return HOLDS.get(tx, id, security);
  }

  @POST
  @ApiDoc(
      response = "booking",
      request = "booking_input",
      value =
          "Books a bookable: no overlap (409), not in the past, at most 31 days; times are ISO-8601"
              + " date-times, without an offset in CORES_TIME_ZONE",
      permission = ApiDoc.AUTHENTICATED)
  public Response create(
      BookingInput input, @Context SecurityContext security, @Context UriInfo uri) {
    User user = Access.user(security);
    Holds.body(input);
    Instant now = clock.instant();
    FieldErrors errors = new FieldErrors();
    BookingService.BookingRequest request =
        new BookingService.BookingRequest(
            input.bookable(),
            Holds.time(errors, "start", input.start(), zone),
            Holds.time(errors, "end", input.end(), zone),
            input.comment(),
            input.owner(),
            input.importId());
    errors.throwIfAny();
    return Holds.created(uri, tx.required(em -> bookings.book(Sql.of(em), user, request, now)));
  }

  @PATCH
  @Path("{id}")
  @ApiDoc(
      response = "booking",
      request = "booking_change",
      value =
          "Changes the comment or the end; an end at most "
              + BookingRules.END_NOW_GRACE_SECONDS
              + " s past, of a booking that holds now, ends it now",
      permission = "authenticated: the owner or staff")
  public Map<String, Object> patch(
      @PathParam("id") long id, HoldChange input, @Context SecurityContext security) {
    return change(id, input, false, security);
  }

  @PUT
  @Path("{id}")
  @ApiDoc(
      response = "booking",
      request = "booking_change",
      value = "Replaces the end and the comment (an absent comment is emptied)",
      permission = "authenticated: the owner or staff")
  public Map<String, Object> replace(
      @PathParam("id") long id, HoldChange input, @Context SecurityContext security) {
    return change(id, input, true, security);
  }

  private Map<String, Object> change(
      long id, HoldChange input, boolean replace, SecurityContext security) {
    User user = Access.user(security);
    Holds.body(input);
    Instant now = clock.instant();
    FieldErrors errors = new FieldErrors();
    BookingService.Change change = input.change(errors, zone, replace);
    errors.throwIfAny();
    return HOLDS.changed(
        tx, id, input, zone, sql -> bookings.changeBooking(sql, user, id, change, now));
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
