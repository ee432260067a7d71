package cores.web.account;

import cores.api.accounts.Accounts;
import cores.api.accounts.Impersonation;
import cores.api.accounts.User;
import cores.api.booking.BookingDesk;
import cores.api.booking.Hold;
import cores.api.web.Access;
import cores.api.web.ProblemException;
import cores.api.web.RefusedQuery;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * {@code /users/lookup?q=}: find a user by username, name or address; {@code /users/{id}}: who they
 * are and what they hold now and later; staff may impersonate them ({@code POST
 * /users/{id}/impersonate}) until they stop ({@code POST /impersonate/stop}, the frame's banner).
 */
@JakartarsResource
@JakartarsApplicationSelect(Whiteboard.PAGES)
@Component(service = UserPages.class)
@Path("/")
@Produces(MediaType.TEXT_HTML)
public final class UserPages {
  /** At most this many users are listed for a search. */
  static final int MATCHES = 50;

  private final Site site;
  private final Accounts accounts;
  private final Impersonation impersonation;
  private final BookingDesk desk;
  private final Clock clock = Clock.systemUTC();

  @Activate
  public UserPages(
      @Reference Site site,
      @Reference Accounts accounts,
      @Reference Impersonation impersonation,
      @Reference BookingDesk desk) {
    this.site = site;
    this.accounts = accounts;
    this.impersonation = impersonation;
    this.desk = desk;
  }

  /** The lookup form and, once asked, the users that match. */
  /**
   * @param form the search as asked, with its problem at {@code q} when it was set aside ({@link
   *     RefusedQuery}: a NUL in it)
   */
  public record LookupView(String query, List<User> matches, boolean limited, Form form) {
    public String name(User user) {
      return Site.displayName(user);
    }
  }

  /** A user's page. */
  public record UserView(
      User user,
      Times times,
      List<Hold> bookings,
      List<Hold> reservations,
      boolean mayImpersonate,
      String csrfToken) {
    public String name() {
      return Site.displayName(user);
    }
  }

  @GET
  @Path("users/lookup")
  public Response lookup(@QueryParam("q") String q, @Context ContainerRequestContext request) {
    return Pages.forUser(
        site,
        request,
        me -> {
          String query = q == null ? "" : q.strip();
          Form form = Form.of(Map.of("q", query));
          RefusedQuery.of(request)
              .getOrDefault("q", List.of())
              .forEach(problem -> form.error("q", problem));
          List<User> matches = accounts.search(query, MATCHES + 1);
          return site.render(
              request,
              form.hasErrors() ? 400 : 200,
              "Look up a user",
              "account/lookup.jte",
              new LookupView(
                  query,
                  matches.subList(0, Math.min(MATCHES, matches.size())),
                  matches.size() > MATCHES,
                  form));
        });
  }

  @GET
  @Path("users/{id}")
  public Response user(@PathParam("id") long id, @Context ContainerRequestContext request) {
    return Pages.forUser(
        site,
        request,
        me -> {
          User user = find(id);
          Instant now = clock.instant();
          List<Hold> holds = desk.holdsOf(id, now);
          Visitor visitor = Visitor.of(request);
          return site.render(
              request,
              200,
              Site.displayName(user),
              "account/user.jte",
              new UserView(
                  user,
                  new Times(desk.zone(), now),
                  holds.stream().filter(h -> h.kind() == Hold.Kind.BOOKING).toList(),
                  holds.stream().filter(h -> h.kind() == Hold.Kind.RESERVATION).toList(),
                  mayImpersonate(visitor, user),
                  visitor.csrfToken()));
        });
  }

  @POST
  @Path("users/{id}/impersonate")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response impersonate(@PathParam("id") long id, @Context ContainerRequestContext request) {
    return Pages.forUser(
        site,
        request,
        me -> {
          if (!Visitor.of(request).staff()) {
            throw Access.forbidden("Only staff may act as another user.");
          }
          User target;
          try {
            target = impersonation.start(Pages.session(request), id);
          } catch (SecurityException e) {
            throw Access.forbidden(e.getMessage());
          } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(Pages.problem(e) + ".");
          }
          return site.redirect(
              request,
              "/",
              Flash.Message.of(
                  "warning",
                  "You are acting as ",
                  Site.displayName(target),
                  " now: what you do, they do. Stop with the button above."));
        });
  }

  @POST
  @Path("impersonate/stop")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response stop(@Context ContainerRequestContext request) {
    return Pages.forUser(
        site,
        request,
        me -> {
          Optional<User> real = impersonation.stop(Pages.session(request));
          if (real.isEmpty()) {
            return site.redirect(
                request, "/", new Flash.Message("info", "You were not acting as anyone."));
          }
          return site.redirect(
              request,
              "/users/" + me.id(),
              Flash.Message.of("success", "You are ", Site.displayName(real.get()), " again."));
        });
  }

  private User find(long id) {
    return accounts
        .find(id)
        .orElseThrow(() -> ProblemException.notFound("There is no user " + id + "."));
  }

  /**
   * Whether to offer the button: staff, not already acting as someone, for another active user, a
   * superuser only to superusers. The service checks all of it again.
   */
  private static boolean mayImpersonate(Visitor visitor, User target) {
    User me = visitor.user().orElseThrow();
    return visitor.staff()
        && visitor.impersonator().isEmpty()
        && me.id() != target.id()
        && target.active()
        && (me.superuser() || !target.superuser());
  }
}
