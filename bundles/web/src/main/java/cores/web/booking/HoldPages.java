package cores.web.booking;

import cores.api.accounts.User;
import cores.api.booking.BookingDesk;
import cores.api.booking.Hold;
import cores.api.web.ProblemException;
import cores.api.web.Visitor;
import cores.api.web.Whiteboard;
import cores.web.Flash;
import cores.web.Form;
import cores.web.Site;
import cores.web.Times;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * Cancelling a booking or reservation ({@code /bookings/{id}/cancel}, {@code
 * /reservations/{id}/cancel}: the details and "Are you sure?", then POST), changing a booking's
 * last day and comment ({@code /bookings/{id}/edit}) and giving one that holds now back at once
 * ({@code /bookings/{id}/end}, a button of the edit page). Only the owner or staff get these pages.
 */
@JakartarsResource
@JakartarsApplicationSelect(Whiteboard.PAGES)
@Component(service = HoldPages.class)
@Path("/")
@Produces(MediaType.TEXT_HTML)
public final class HoldPages {
  private static final Map<String, String> FIELDS = Map.of("end", "last", "start", "last");
  private static final String EDIT = "booking/edit.jte";
  private static final String CANCEL = "booking/cancel.jte";

  private final Site site;
  private final BookingDesk desk;
  private final Clock clock = Clock.systemUTC();

  @Activate
  public HoldPages(@Reference Site site, @Reference BookingDesk desk) {
    this.site = site;
    this.desk = desk;
  }

  @GET
  @Path("bookings/{id}/cancel")
  public Response cancelBookingForm(
      @PathParam("id") long id, @Context ContainerRequestContext request) {
    return withHold(
        request, Hold.Kind.BOOKING, id, (actor, hold) -> form(request, hold, null, 200, CANCEL));
  }

  @GET
  @Path("reservations/{id}/cancel")
  public Response cancelReservationForm(
      @PathParam("id") long id, @Context ContainerRequestContext request) {
    return withHold(
        request,
        Hold.Kind.RESERVATION,
        id,
        (actor, hold) -> form(request, hold, null, 200, CANCEL));
  }

  @POST
  @Path("bookings/{id}/cancel")
  public Response cancelBooking(
      @PathParam("id") long id, @Context ContainerRequestContext request) {
    return withHold(request, Hold.Kind.BOOKING, id, (actor, hold) -> cancel(request, actor, hold));
  }

  @POST
  @Path("reservations/{id}/cancel")
  public Response cancelReservation(
      @PathParam("id") long id, @Context ContainerRequestContext request) {
    return withHold(
        request, Hold.Kind.RESERVATION, id, (actor, hold) -> cancel(request, actor, hold));
  }

  @GET
  @Path("bookings/{id}/edit")
  public Response editForm(@PathParam("id") long id, @Context ContainerRequestContext request) {
    return withHold(
        request,
        Hold.Kind.BOOKING,
        id,
        (actor, hold) -> form(request, hold, editForm(hold), 200, EDIT));
  }

  /** The edit form as the booking is: its last day (kept when left so) and its comment. */
  private Form editForm(Hold booking) {
    return Form.of(Map.of("last", times().lastDay(booking.end()), "comment", booking.comment()));
  }

  @POST
  @Path("bookings/{id}/edit")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response edit(
      @PathParam("id") long id,
      MultivaluedMap<String, String> posted,
      @Context ContainerRequestContext request) {
    return withHold(
        request,
        Hold.Kind.BOOKING,
        id,
        (actor, hold) -> {
          Form form = Form.posted(posted);
          Optional<LocalDate> last = form.date("last");
          if (form.hasErrors()) {
            return form(request, hold, form, 400, EDIT);
          }
          try {
            Hold changed = desk.changeBooking(actor, id, last.orElse(null), form.value("comment"));
            return site.redirect(
                request,
                "/",
                Flash.Message.of(
                    "success",
                    "Your booking of ",
                    changed.hostname(),
                    " now ends " + times().end(changed.end()) + "."));
          } catch (ProblemException e) {
            form.refused(e, FIELDS);
            return form(request, hold, form, e.status(), EDIT);
          }
        });
  }

  /** Gives a booking that holds now back at once (the edit page's button). */
  @POST
  @Path("bookings/{id}/end")
  public Response end(@PathParam("id") long id, @Context ContainerRequestContext request) {
    return withHold(
        request,
        Hold.Kind.BOOKING,
        id,
        (actor, hold) -> {
          try {
            Hold ended = desk.endBooking(actor, id);
            return site.redirect(
                request,
                "/",
                Flash.Message.of(
                    "success",
                    "You gave ",
                    ended.hostname(),
                    " back: the booking ended " + times().end(ended.end()) + "."));
          } catch (ProblemException e) {
            // the button has no field: its problem is shown above the form
            Form form = editForm(hold).refused(e, Map.of("end", ""));
            return form(request, hold, form, e.status(), EDIT);
          }
        });
  }

  /**
   * The login page for a visitor who is not logged in; else the page of the hold, which the desk
   * hands only to who may change it (its refusals, 404 or 403, are the pages' too).
   */
  private Response withHold(
      ContainerRequestContext request,
      Hold.Kind kind,
      long id,
      BiFunction<User, Hold, Response> page) {
    Optional<Response> login = site.requireLogin(request);
    if (login.isPresent()) {
      return login.get();
    }
    User actor = Visitor.of(request).user().orElseThrow();
    return page.apply(actor, desk.holdToChange(actor, kind, id));
  }

  private Response cancel(ContainerRequestContext request, User actor, Hold hold) {
    try {
      if (hold.kind() == Hold.Kind.BOOKING) {
        desk.cancelBooking(actor, hold.id());
      } else {
        desk.cancelReservation(actor, hold.id());
      }
    } catch (ProblemException e) {
      Form form = Form.of(Map.of()).refused(e, Map.of());
      return form(request, hold, form, e.status(), CANCEL);
    }
    return site.redirect(
        request,
        "/",
        Flash.Message.of(
            "success",
            "Cancelled the " + noun(hold) + " of ",
            hold.hostname(),
            " from " + times().dateTime(hold.start()) + "."));
  }

  private Response form(
      ContainerRequestContext request, Hold hold, Form form, int status, String template) {
    String title =
        template.equals(EDIT)
            ? "Change your booking of " + hold.hostname()
            : "Cancel this " + noun(hold) + "?";
    return site.render(
        request,
        status,
        title,
        template,
        new HoldView(
            hold,
            times(),
            form == null ? Form.of(Map.of()) : form,
            Visitor.of(request).csrfToken()));
  }

  private static String noun(Hold hold) {
    return hold.kind() == Hold.Kind.BOOKING ? "booking" : "reservation";
  }

  private Times times() {
    return new Times(desk.zone(), clock.instant());
  }
}
