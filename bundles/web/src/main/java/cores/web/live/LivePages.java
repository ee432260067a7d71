package cores.web.live;

import cores.api.accounts.Permissions;
import cores.api.live.LiveDesk;
import cores.api.web.Visitor;
import cores.api.web.Whiteboard;
import cores.web.Moved;
import cores.web.Offsets;
import cores.web.Site;
import cores.web.Times;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * The live views ({@code live.view_scanconflict}): the dashboard ({@code /live/dash}: the last
 * scan, what needs attention, the open conflicts and, with live.view_offlinehostwarning, the
 * offline hosts, with their actions), the hosts by lab ({@code /live/hosts}) and the unknown
 * devices ({@code /live/unknown}), each 50 a page; the original's URLs ({@code /live/}, {@code
 * /live/list/}, trailing slashes) answer 301, their query kept.
 */
@JakartarsResource
@JakartarsApplicationSelect(Whiteboard.PAGES)
@Component(
    service = LivePages.class,
    property = {
      Whiteboard.NAV_LABEL + "=Live",
      Whiteboard.NAV_PATH + "=/live/",
      Whiteboard.NAV_PERMISSION + "=" + Permissions.VIEW_SCANCONFLICT,
      Whiteboard.NAV_RANK + "=30"
    })
@Path("live")
@Produces(MediaType.TEXT_HTML)
public final class LivePages {
  /** At most this many conflicts of each kind and warnings are shown on the dashboard. */
  static final int SHOWN = 200;

  /** Hosts and devices a page of the hosts by lab, devices a page of the unknown devices. */
  static final int PAGE = 50;

  private final Site site;
  private final LiveDesk desk;
  private final Clock clock = Clock.systemUTC();

  @Activate
  public LivePages(@Reference Site site, @Reference LiveDesk desk) {
    this.site = site;
    this.desk = desk;
  }

  @GET
  public Response index(@Context ContainerRequestContext request) {
    return moved(Moved.to("/live/hosts", request.getUriInfo().getRequestUri()));
  }

  @GET
  @Path("list")
  public Response list(@Context ContainerRequestContext request) {
    return moved(Moved.to("/live/hosts", request.getUriInfo().getRequestUri()));
  }

  @GET
  @Path("dash")
  public Response dashboard(@Context ContainerRequestContext request) {
    Optional<Response> refused = gate(request);
    if (refused.isPresent()) {
      return refused.get();
    }
    Visitor visitor = Visitor.of(request);
    return site.render(
        request,
        200,
        "Live dashboard",
        "live/dash.jte",
        DashView.of(desk.dashboard(visitor.user().orElseThrow(), SHOWN), visitor, times(), SHOWN));
  }

  @GET
  @Path("hosts")
  public Response hosts(@Context ContainerRequestContext request) {
    Optional<Response> refused = gate(request);
    if (refused.isPresent()) {
      return refused.get();
    }
    HostsView view = new HostsView(desk.hosts(Offsets.of(request), PAGE), times(), PAGE);
    return site.render(request, 200, "Hosts by lab", "live/hosts.jte", view);
  }

  @GET
  @Path("unknown")
  public Response unknown(@Context ContainerRequestContext request) {
    Optional<Response> refused = gate(request);
    if (refused.isPresent()) {
      return refused.get();
    }
    return site.render(
        request,
        200,
        "Unknown devices",
        "live/unknown.jte",
        new UnknownView(
            desk.unknownDevices(Offsets.of(request), PAGE),
            desk.ignoredMacs(),
            times(),
            Actions.of(Visitor.of(request)),
            PAGE));
  }

  /**
   * The original's URLs ended in a slash: {@code /live/dash/} is {@code /live/dash}, moved; else
   * the login redirect, or 403 without live.view_scanconflict. The query goes along.
   */
  private Optional<Response> gate(ContainerRequestContext request) {
    Optional<String> moved = Moved.slash(request.getUriInfo().getRequestUri());
    if (moved.isPresent()) {
      return Optional.of(moved(moved.get()));
    }
    return site.requirePermission(request, Permissions.VIEW_SCANCONFLICT);
  }

  private Times times() {
    return new Times(desk.zone(), clock.instant());
  }

  static Response moved(String location) {
    return Response.status(301).location(URI.create(location)).build();
  }
}
