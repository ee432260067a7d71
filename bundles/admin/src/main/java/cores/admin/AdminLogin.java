package cores.admin;

import cores.api.web.Whiteboard;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * Django's admin login ({@code /admin/login/?next=...}), where the original sent visitors of its
 * admin and which links and bookmarks still hold: 301 to the site's login, its {@code next} kept
 * (the login page judges it), the admin home without one. Open to anyone, unlike the admin's pages.
 */
@JakartarsResource
@JakartarsApplicationSelect(Whiteboard.PAGES)
@Component(service = AdminLogin.class)
@Path("admin/login")
public final class AdminLogin {
  @GET
  public Response login(@Context UriInfo uri) {
    String query = uri.getRequestUri().getRawQuery();
    boolean next = uri.getQueryParameters().containsKey("next");
    return Response.status(Response.Status.MOVED_PERMANENTLY)
        .location(URI.create(next ? "/login?" + query : "/login?next=%2Fadmin"))
        .build();
  }
}
