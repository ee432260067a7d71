package cores.web.booking;

import cores.api.booking.BookingDesk;
import cores.api.web.ProblemException;
import cores.api.web.Whiteboard;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * The original's page URLs, which bookmarks and old mails still hold, answer 301 with the page that
 * replaced them. Its host pages were addressed by the bookable's id, ours by the host's.
 */
@JakartarsResource
@JakartarsApplicationSelect(Whiteboard.PAGES)
@Component(service = LegacyRedirects.class)
@Path("/")
public final class LegacyRedirects {
  private final BookingDesk desk;

  @Activate
  public LegacyRedirects(@Reference BookingDesk desk) {
    this.desk = desk;
  }

  @GET
  @Path("booking")
  public Response dashboard() {
    return moved("/");
  }

  @GET
  @Path("booking/search")
  public Response search() {
    return moved("/bookables");
  }

  @GET
  @Path("booking/host/{bookable}")
  public Response host(@PathParam("bookable") long bookable) {
    return moved(host(bookable, ""));
  }

  @GET
  @Path("booking/host/{bookable}/{action: book|reserve}")
  public Response hostAction(
      @PathParam("bookable") long bookable, @PathParam("action") String action) {
    return moved(host(bookable, action));
  }

  @GET
  @Path("booking/cancel/{what: b|r}/{id}")
  public Response cancel(@PathParam("what") String what, @PathParam("id") long id) {
    return moved((what.equals("b") ? "/bookings/" : "/reservations/") + id + "/cancel");
  }

  @GET
  @Path("booking/profile")
  public Response profile() {
    return moved("/profile");
  }

  @GET
  @Path("booking/user")
  public Response userLookup() {
    return moved("/users/lookup");
  }

  @GET
  @Path("booking/user/{id}/detail")
  public Response user(@PathParam("id") long id) {
    return moved("/users/" + id);
  }

  /** Django's login, and that of Django REST framework's browsable API; {@code next} is kept. */
  @GET
  @Path("{app: account|api-auth}/login")
  public Response login(@Context UriInfo uri) {
    String query = uri.getRequestUri().getRawQuery();
    return moved(query == null ? "/login" : "/login?" + query);
  }

  /** The original's header linked here: it logged out on GET; ours asks, with the button. */
  @GET
  @Path("{app: account|api-auth}/logout")
  public Response logout() {
    return moved("/logout");
  }

  @GET
  @Path("account/password_change")
  public Response passwordChange() {
    return moved("/profile/password");
  }

  @GET
  @Path("account/password_reset")
  public Response passwordReset() {
    return moved("/password-reset");
  }

  private String host(long bookable, String action) {
    long host =
        desk.hostOf(bookable)
            .orElseThrow(() -> ProblemException.notFound("No bookable with id " + bookable + "."));
    return "/hosts/" + host + "/" + action;
  }

  private static Response moved(String location) {
    return Response.status(301).location(URI.create(location)).build();
  }
}
