package cores.web.booking;

import cores.api.accounts.Accounts;
import cores.api.accounts.Permissions;
import cores.api.accounts.User;
import cores.api.booking.BookingDesk;
import cores.api.booking.Hold;
import cores.api.booking.HostSheet;
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
 * A host's page ({@code /hosts/{id}/}) and its booking and reservation forms ({@code
 * /hosts/{id}/book}, {@code /hosts/{id}/reserve}): GET shows, POST books and redirects to the
 * dashboard, or shows the form again with every problem at its field.
 */
@JakartarsResource
@JakartarsApplicationSelect(Whiteboard.PAGES)
@Component(service = HostPages.class)
@Path("hosts/{id}")
@Produces(MediaType.TEXT_HTML)
public final class HostPages {
  /** The domain's field names as the forms show them. */
  private static final Map<String, String> FIELDS =
      Map.of("start", "first", "end", "last", "bookable", "");

  private final Site site;
  private final BookingDesk desk;
  private final Accounts accounts;
  private final Clock clock = Clock.systemUTC();

  @Activate
  public HostPages(
      @Reference Site site, @Reference BookingDesk desk, @Reference Accounts accounts) {
    this.site = site;
    this.desk = desk;
    this.accounts = accounts;
  }

  @GET
  public Response host(@PathParam("id") long id, @Context ContainerRequestContext request) {
    return render(request, 200, view(request, id, null), "booking/host.jte");
  }

  @GET
  @Path("book")
  public Response bookForm(@PathParam("id") long id, @Context ContainerRequestContext request) {
    Optional<Response> login = site.requireLogin(request);
    if (login.isPresent()) {
      return login.get();
    }
    LocalDate today = today();
    return form(
        request,
        view(request, id, Form.of(Map.of("first", today.toString(), "last", today.toString()))),
        "booking/book.jte");
  }

  @POST
  @Path("book")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response book(
      @PathParam("id") long id,
      MultivaluedMap<String, String> posted,
      @Context ContainerRequestContext request) {
    Optional<Response> login = site.requireLogin(request);
    if (login.isPresent()) {
      return login.get();
    }
    User actor = Visitor.of(request).user().orElseThrow();
    HostSheet host = sheet(id);
    Form form = Form.posted(posted);
    Optional<LocalDate> first = form.date("first");
    Optional<LocalDate> last = form.date("last");
    Long owner = owner(form, Visitor.of(request).staff());
    if (host.bookable() == null) {
      form.error("first", "This host has no bookable: it cannot be booked.");
    }
    if (!form.hasErrors()) {
      try {
        Hold booking =
            desk.bookDays(
                actor,
                host.bookable().id(),
                first.orElse(null),
                last.orElse(null),
                form.value("comment"),
                owner);
        Times times = new Times(desk.zone(), clock.instant());
        return site.redirect(
            request,
            "/",
            Flash.Message.of(
                "success",
                "Booked ",
                booking.hostname(),
                " from "
                    + times.dateTime(booking.start())
                    + " until "
                    + times.end(booking.end())
                    + "."));
      } catch (ProblemException e) {
        form.refused(e, FIELDS);
        return page(request, id, e.status(), form, "booking/book.jte");
      }
    }
    return page(request, id, 400, form, "booking/book.jte");
  }

  @GET
  @Path("reserve")
  public Response reserveForm(@PathParam("id") long id, @Context ContainerRequestContext request) {
    Optional<Response> refused = mayReserve(request);
    if (refused.isPresent()) {
      return refused.get();
    }
    return form(
        request,
        view(request, id, Form.of(Map.of("first", today().toString()))),
        "booking/reserve.jte");
  }

  @POST
  @Path("reserve")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response reserve(
      @PathParam("id") long id,
      MultivaluedMap<String, String> posted,
      @Context ContainerRequestContext request) {
    Optional<Response> refused = mayReserve(request);
    if (refused.isPresent()) {
      return refused.get();
    }
    User actor = Visitor.of(request).user().orElseThrow();
    HostSheet host = sheet(id);
    Form form = Form.posted(posted);
    Optional<LocalDate> first = form.date("first");
    Long owner = owner(form, true);
    if (host.bookable() == null) {
      form.error("first", "This host has no bookable: it cannot be reserved.");
    }
    if (!form.hasErrors()) {
      try {
        Hold reservation =
            desk.reserve(
                actor, host.bookable().id(), first.orElse(null), form.value("comment"), owner);
        Times times = new Times(desk.zone(), clock.instant());
        return site.redirect(
            request,
            "/",
            Flash.Message.of(
                "success",
                "Reserved ",
                reservation.hostname(),
                " for ",
                reservation.owner().name(),
                " from " + times.dateTime(reservation.start()) + "."));
      } catch (ProblemException e) {
        form.refused(e, FIELDS);
        return page(request, id, e.status(), form, "booking/reserve.jte");
      }
    }
    return page(request, id, 400, form, "booking/reserve.jte");
  }

  /**
   * The owner a form names by username: null (the actor) when blank. {@code shown}: whether the
   * visitor's form has the field (the booking form has it for staff only).
   */
  private Long owner(Form form, boolean shown) {
    String username = form.value("owner").strip();
    // a name the form refused already (e.g. holding NUL) is looked up by no one
    if (username.isEmpty() || form.invalid("owner")) {
      return null;
    }
    Optional<User> owner = accounts.findByUsername(username);
    if (owner.isEmpty() && !shown) {
      // a problem at a field the page does not show would show nowhere: the desk refuses any
      // owner but oneself to non-staff, named or not (0 is no user's id), above the form
      return 0L;
    }
    if (owner.isEmpty()) {
      form.error("owner", "No user is called " + username + ".");
      return null;
    }
    return owner.get().id();
  }

  private Optional<Response> mayReserve(ContainerRequestContext request) {
    Optional<Response> login = site.requireLogin(request);
    if (login.isPresent()) {
      return login;
    }
    if (!Visitor.of(request).may(Permissions.ADD_RESERVATION)) {
      throw new ProblemException(
          403, "Forbidden", "Reserving needs the permission " + Permissions.ADD_RESERVATION + ".");
    }
    return Optional.empty();
  }

  /**
   * A form as opened: when the host cannot be booked or reserved the page says why instead, with
   * 409, as a post of the form would be refused.
   */
  private Response form(ContainerRequestContext request, HostView view, String template) {
    return render(request, view.open() ? 200 : 409, view, template);
  }

  private Response page(
      ContainerRequestContext request, long id, int status, Form form, String template) {
    return render(request, status, view(request, id, form), template);
  }

  private HostView view(ContainerRequestContext request, long id, Form form) {
    Visitor visitor = Visitor.of(request);
    HostSheet host = sheet(id);
    return new HostView(
        host,
        new Times(desk.zone(), clock.instant()),
        visitor.user().isPresent(),
        visitor.may(Permissions.ADD_RESERVATION),
        visitor.staff(),
        visitor.user().map(User::id).orElse(-1L),
        form,
        visitor.csrfToken(),
        desk.unbookable(host).orElse(null));
  }

  private Response render(
      ContainerRequestContext request, int status, HostView view, String template) {
    HostSheet host = view.host();
    String title =
        switch (template) {
          case "booking/book.jte" -> "Book " + host.hostname();
          case "booking/reserve.jte" -> "Reserve " + host.hostname();
          default -> host.hostname();
        };
    return site.render(request, status, title, template, view);
  }

  private HostSheet sheet(long id) {
    return desk.host(id)
        .orElseThrow(() -> ProblemException.notFound("No host with id " + id + "."));
  }

  private LocalDate today() {
    return LocalDate.ofInstant(clock.instant(), desk.zone());
  }
}
