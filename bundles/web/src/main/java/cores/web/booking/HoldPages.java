package cores.web.booking;

import cores.api.accounts.User;
import cores.api.booking.BookingDesk;
import cores.api.booking.Hold;
import cores.api.web.Access;
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
    return form(request, desk.booking(id), "booking", null, 200, "booking/cancel.jte");
  }

  @GET
  @Path("reservations/{id}/cancel")
  public Response cancelReservationForm(
      @PathParam("id") long id, @Context ContainerRequestContext request) {
    return form(request, desk.reservation(id), "reservation", null, 200, "booking/cancel.jte");
  }

  @POST
  @Path("bookings/{id}/cancel")
  public Response cancelBooking(
      @PathParam("id") long id, @Context ContainerRequestContext request) {
    return cancel(request, desk.booking(id), "booking");
  }

  @POST
  @Path("reservations/{id}/cancel")
  public Response cancelReservation(
      @PathParam("id") long id, @Context ContainerRequestContext request) {
    return cancel(request, desk.reservation(id), "reservation");
  }

  @GET
  @Path("bookings/{id}/edit")
  public Response editForm(@PathParam("id") long id, @Context ContainerRequestContext request) {
    Optional<Hold> booking = desk.booking(id);
    return form(request, booking, "booking", editForm(booking), 200, "booking/edit.jte");
  }

  /** The edit form as the booking is: its last day (kept when left so) and its comment. */
  private Form editForm(Optional<Hold> booking) {
    Times times = times();
    return Form.of(
        booking
            .map(b -> Map.of("last", times.lastDay(b.end()), "comment", b.comment()))
            .orElse(Map.of()));
  }

  @POST
  @Path("bookings/{id}/edit")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response edit(
      @PathParam("id") long id,
      MultivaluedMap<String, String> posted,
      @Context ContainerRequestContext request) {
    Optional<Response> login = site.requireLogin(request);
    if (login.isPresent()) {
      return login.get();
    }
    User actor = Visitor.of(request).user().orElseThrow();
    Form form = Form.posted(posted);
    Optional<LocalDate> last = form.date("last");
    if (form.hasErrors()) {
      return form(request, desk.booking(id), "booking", form, 400, "booking/edit.jte");
    }
    try {
      Hold changed = desk.changeBooking(actor, id, last.orElse(null), form.value("comment"));
      return site.redirect(
          request,
          "/",
          new Flash.Message(
              "success",
              "Your booking of "
                  + changed.hostname()
                  + " now ends "
                  + times().dateTime(changed.end())
                  + "."));
    } catch (ProblemException e) {
      form.refused(e, FIELDS);
      return form(request, desk.booking(id), "booking", form, e.status(), "booking/edit.jte");
    }
  }

  /** Gives a booking that holds now back at once (the edit page's button). */
  @POST
  @Path("bookings/{id}/end")
  public Response end(@PathParam("id") long id, @Context ContainerRequestContext request) {
    Optional<Response> login = site.requireLogin(request);
    if (login.isPresent()) {
      return login.get();
    }
    User actor = Visitor.of(request).user().orElseThrow();
    Optional<Hold> found = desk.booking(id);
    mine(request, found, "booking");
    try {
      Hold ended = desk.endBooking(actor, id);
      return site.redirect(
          request,
          "/",
          new Flash.Message(
              "success",
              "You gave "
                  + ended.hostname()
                  + " back: the booking ended "
                  + times().dateTime(ended.end())
                  + "."));
    } catch (ProblemException e) {
      // the button has no field: its problem is shown above the form
      Form form = editForm(found).refused(e, Map.of("end", ""));
      return form(request, found, "booking", form, e.status(), "booking/edit.jte");
    }
  }

  private Response cancel(ContainerRequestContext request, Optional<Hold> found, String noun) {
    Optional<Response> login = site.requireLogin(request);
    if (login.isPresent()) {
      return login.get();
    }
    User actor = Visitor.of(request).user().orElseThrow();
    Hold hold = mine(request, found, noun);
    try {
      if (hold.kind() == Hold.Kind.BOOKING) {
        desk.cancelBooking(actor, hold.id());
      } else {
        desk.cancelReservation(actor, hold.id());
      }
    } catch (ProblemException e) {
      Form form = Form.of(Map.of()).refused(e, Map.of());
      return form(request, found, noun, form, e.status(), "booking/cancel.jte");
    }
    return site.redirect(
        request,
        "/",
        new Flash.Message(
            "success",
            "Cancelled the "
                + noun
                + " of "
                + hold.hostname()
                + " from "
                + times().dateTime(hold.start())
                + "."));
  }

  private Response form(
      ContainerRequestContext request,
      Optional<Hold> found,
      String noun,
      Form form,
      int status,
      String template) {
    Optional<Response> login = site.requireLogin(request);
    if (login.isPresent()) {
      return login.get();
    }
    Hold hold = mine(request, found, noun);
    String title =
        template.equals("booking/edit.jte")
            ? "Change your booking of " + hold.hostname()
            : "Cancel this " + noun + "?";
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

  /**
   * The hold, if the visitor owns it or is staff; 404 when there is none or it is someone else's
   * the visitor may not read (as the API answers), 403 when they may read it.
   */
  private static Hold mine(ContainerRequestContext request, Optional<Hold> found, String noun) {
    Hold hold =
        found.orElseThrow(() -> ProblemException.notFound("There is no such " + noun + "."));
    Visitor visitor = Visitor.of(request);
    if (!visitor.staff() && visitor.user().map(User::id).orElse(-1L) != hold.owner().id()) {
      if (!visitor.may("booking.view_" + noun)) {
        throw ProblemException.notFound("There is no such " + noun + ".");
      }
      throw Access.forbidden("Only its owner or staff may change this " + noun + ".");
    }
    return hold;
  }

  private Times times() {
    return new Times(desk.zone(), clock.instant());
  }
}
