package cores.web.account;

import cores.api.accounts.CalendarFeeds;
import cores.api.accounts.User;
import cores.api.booking.BookingDesk;
import cores.api.web.Access;
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
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * {@code /profile/calendar}: the user's private calendar address ({@link CalendarFeed}). Only a
 * hash of its key is kept, so the address is shown once, in the answer to the POST that makes it;
 * making a new one revokes the old one, and the user may turn the feed off.
 */
@JakartarsResource
@JakartarsApplicationSelect(Whiteboard.PAGES)
@Component(service = CalendarPages.class)
@Path("profile/calendar")
@Produces(MediaType.TEXT_HTML)
public final class CalendarPages {
  private final Site site;
  private final CalendarFeeds feeds;
  private final BookingDesk desk;
  private final Clock clock = Clock.systemUTC();

  @Activate
  public CalendarPages(
      @Reference Site site, @Reference CalendarFeeds feeds, @Reference BookingDesk desk) {
    this.site = site;
    this.feeds = feeds;
    this.desk = desk;
  }

  @GET
  public Response show(@Context ContainerRequestContext request) {
    return Pages.forUser(site, request, me -> show(request, me, null));
  }

  /** Makes a new address, revoking the previous one, and shows it this once. */
  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response regenerate(@Context ContainerRequestContext request) {
    return Pages.forUser(
        site,
        request,
        me -> {
          Access.requireNotImpersonating(request, "make a calendar address");
          return show(
              request,
              me,
              Pages.site(request)
                  .resolve(CalendarFeed.PATH + feeds.issue(me.id()) + ".ics")
                  .toString());
        });
  }

  @POST
  @Path("revoke")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response revoke(@Context ContainerRequestContext request) {
    return Pages.forUser(
        site,
        request,
        me -> {
          feeds.revoke(me.id());
          return site.redirect(
              request,
              "/profile/calendar",
              new Flash.Message("success", "Your calendar address no longer works."));
        });
  }

  private Response show(ContainerRequestContext request, User me, String address) {
    AccountView view =
        AccountView.of(
                "calendar",
                Form.of(Map.of()),
                Visitor.of(request).csrfToken(),
                new Times(desk.zone(), clock.instant()))
            .withFeed(feeds.feed(me.id()).orElse(null), address);
    return site.render(request, 200, "Your calendar", "account/calendar.jte", view);
  }
}
