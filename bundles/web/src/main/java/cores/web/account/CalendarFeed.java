package cores.web.account;

import cores.api.accounts.CalendarFeeds;
import cores.api.accounts.User;
import cores.api.booking.BookingDesk;
import cores.api.web.ProblemException;
import cores.api.web.Whiteboard;
import cores.web.Site;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * {@code GET /calendar/{key}.ics}: a user's bookings and reservations (current, upcoming, and those
 * that ended in the last {@link #PAST}) as iCalendar, for calendar applications, which cannot log
 * in: the secret key in the address is the credential. An unknown or revoked key is 404.
 */
@JakartarsResource
@JakartarsApplicationSelect(Whiteboard.PAGES)
@Component(service = CalendarFeed.class)
@Path("calendar")
public final class CalendarFeed {
  /** Where the feeds are. */
  static final String PATH = "/calendar/";

  /** How far back the feed goes. */
  static final Duration PAST = Duration.ofDays(90);

  static final String MEDIA_TYPE = "text/calendar";

  private final CalendarFeeds feeds;
  private final BookingDesk desk;
  private final Clock clock = Clock.systemUTC();

  @Activate
  public CalendarFeed(@Reference CalendarFeeds feeds, @Reference BookingDesk desk) {
    this.feeds = feeds;
    this.desk = desk;
  }

  @GET
  @Path("{key}.ics")
  @Produces(MEDIA_TYPE)
  public Response feed(@PathParam("key") String key, @Context ContainerRequestContext request) {
    User user =
        feeds
            .authenticate(key)
            .orElseThrow(
                () ->
                    ProblemException.notFound("There is no calendar at this address (any more)."));
    Instant now = clock.instant();
    String body =
        ICalendarFeed.write(
            Site.displayName(user),
            desk.holdsOf(user.id(), now.minus(PAST)),
            Pages.site(request),
            now);
    return Response.ok(body, MEDIA_TYPE + "; charset=utf-8")
        .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
        .header("Content-Disposition", "inline; filename=\"cores.ics\"")
        .build();
  }
}
