package cores.web.booking;

import cores.api.booking.BookableQuery;
import cores.api.booking.BookingDesk;
import cores.api.web.RefusedQuery;
import cores.api.web.Visitor;
import cores.api.web.Whiteboard;
import cores.web.Form;
import cores.web.Offsets;
import cores.web.Site;
import cores.web.Times;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * {@code GET /bookables}: the bookable search with its filters in the query string; with htmx a
 * change of a filter swaps the results in place and pushes the URL, without it the form is
 * submitted (a search that names the default order is sent to its address without it, as the page's
 * links have it). Filters that are wrong (an edited URL) are left out, and the page shows itself
 * again, 400, with each problem at its filter.
 */
@JakartarsResource
@JakartarsApplicationSelect(Whiteboard.PAGES)
@Component(
    service = BookablesPage.class,
    property = {
      Whiteboard.NAV_LABEL + "=Book",
      Whiteboard.NAV_PATH + "=/bookables",
      Whiteboard.NAV_RANK + "=10"
    })
@Path("bookables")
public final class BookablesPage {
  private final Site site;
  private final BookingDesk desk;
  private final Clock clock = Clock.systemUTC();

  @Activate
  public BookablesPage(@Reference Site site, @Reference BookingDesk desk) {
    this.site = site;
    this.desk = desk;
  }

  @GET
  @Produces(MediaType.TEXT_HTML)
  public Response search(@Context ContainerRequestContext request) {
    Visitor visitor = Visitor.of(request);
    int at = Offsets.of(request);
    Form problems = Form.of(Map.of());
    MultivaluedMap<String, String> parameters = request.getUriInfo().getQueryParameters();
    BookableQuery query = Search.query(parameters, RefusedQuery.of(request), problems);
    Optional<String> shorter = Search.shorter(parameters, query, at, problems);
    if (shorter.isPresent()) {
      return Response.seeOther(URI.create(shorter.get())).build();
    }
    Search view =
        new Search(
            query,
            at,
            desk.catalog(),
            desk.search(query, visitor.user(), Search.PAGE, at),
            new Times(desk.zone(), clock.instant()),
            visitor.user().isPresent(),
            problems);
    return site.render(
        request, problems.hasErrors() ? 400 : 200, "Book a host", "booking/bookables.jte", view);
  }
}
