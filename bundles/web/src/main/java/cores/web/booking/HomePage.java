package cores.web.booking;

import cores.api.accounts.User;
import cores.api.booking.BookableQuery;
import cores.api.booking.BookableResults;
import cores.api.booking.BookingDesk;
import cores.api.booking.Hold;
import cores.api.notices.NoticeBoard;
import cores.api.web.Visitor;
import cores.api.web.Whiteboard;
import cores.web.Flash;
import cores.web.Frame;
import cores.web.Site;
import cores.web.Times;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/** {@code GET /}: the dashboard (DOMAIN.md), or for anonymous visitors what Cores is. */
@JakartarsResource
@JakartarsApplicationSelect(Whiteboard.PAGES)
@Component(service = HomePage.class)
@Path("/")
public final class HomePage {
  /** Ended bookings and reservations stay on the dashboard this long. */
  static final Duration RECENT = Duration.ofDays(3);

  /** How many free hosts the quick-book list shows. */
  static final int QUICK = 20;

  /** How many bookings and how many reservations the dashboard lists; the user's page has all. */
  static final int HOLDS = 20;

  private final Site site;
  private final BookingDesk desk;
  private final NoticeBoard notices;
  private final Clock clock = Clock.systemUTC();

  @Activate
  public HomePage(
      @Reference Site site, @Reference BookingDesk desk, @Reference NoticeBoard notices) {
    this.site = site;
    this.desk = desk;
    this.notices = notices;
  }

  @GET
  @Produces(MediaType.TEXT_HTML)
  public Response dashboard(@Context ContainerRequestContext request) {
    Visitor visitor = Visitor.of(request);
    Instant now = clock.instant();
    Times times = new Times(desk.zone(), now);
    Optional<User> user = visitor.user();
    BookableResults quick = desk.search(BookableQuery.freeNow(), user, QUICK, 0);
    if (user.isEmpty()) {
      return site.render(
          request,
          200,
          Frame.SITE,
          "booking/home.jte",
          new Dashboard(times, null, 0, false, List.of(), Held.NONE, Held.NONE, quick, ""));
    }
    User me = user.get();
    // one more of each than shown tells whether there are more
    List<Hold> holds = desk.holdsOf(me.id(), now.minus(RECENT), HOLDS + 1);
    String name =
        me.firstName() == null || me.firstName().isBlank() ? me.username() : me.firstName();
    return site.render(
        request,
        200,
        "Hello " + name,
        "booking/home.jte",
        new Dashboard(
            times,
            name,
            me.id(),
            me.email() == null || me.email().isBlank(),
            notices.current(me.id(), 20),
            Held.of(holds, Hold.Kind.BOOKING),
            Held.of(holds, Hold.Kind.RESERVATION),
            quick,
            visitor.csrfToken()));
  }

  /**
   * {@code GET} {@value Whiteboard#LOGGED_OUT}: where the site's logout button leads (the http
   * bundle's {@code POST /logout} redirects to the form's {@code next}, and there without one): the
   * start page, saying so, as the one-time messages of this bundle are written here. A visitor
   * still logged in is told nothing.
   */
  @GET
  @Path(Whiteboard.LOGGED_OUT)
  public Response loggedOut(@Context ContainerRequestContext request) {
    if (Visitor.of(request).user().isPresent()) {
      return site.redirect(request, "/");
    }
    return site.redirect(request, "/", new Flash.Message("info", "You have been logged out."));
  }

  /** A kind of the user's holds as the dashboard shows them: the first few and whether more. */
  public record Held(List<Hold> shown, boolean more) {
    static final Held NONE = new Held(List.of(), false);

    static Held of(List<Hold> holds, Hold.Kind kind) {
      List<Hold> all = holds.stream().filter(h -> h.kind() == kind).toList();
      return all.size() > HOLDS ? new Held(all.subList(0, HOLDS), true) : new Held(all, false);
    }
  }
}
