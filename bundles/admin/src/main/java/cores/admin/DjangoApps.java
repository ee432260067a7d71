package cores.admin;

import cores.api.web.Whiteboard;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * The addresses of the two models the original's admin showed in apps of their own libraries, which
 * staff bookmarked: Django REST framework's tokens ({@code /admin/authtoken/token/}) and
 * django-impersonate's log ({@code /admin/impersonate/impersonationlog/}). Cores keeps both with
 * the users, so each address moves (301) to the same page under {@code /admin/auth}, what follows
 * the model and the query kept. Open to anyone, as the login's move: the page moved to checks.
 */
public final class DjangoApps {
  private DjangoApps() {}

  static Response moved(String model, String rest, UriInfo uri) {
    String tail = rest == null ? "" : rest.replaceAll("/+$", "");
    String query = uri.getRequestUri().getRawQuery();
    return Response.status(Response.Status.MOVED_PERMANENTLY)
        .location(
            URI.create(
                "/admin/auth/"
                    + model
                    + (tail.isEmpty() ? "" : "/" + tail)
                    + (query == null ? "" : "?" + query)))
        .build();
  }

  /** Django REST framework's tokens. */
  @JakartarsResource
  @JakartarsApplicationSelect(Whiteboard.PAGES)
  @Component(service = Tokens.class)
  @Path("admin/authtoken/token")
  public static final class Tokens {
    @GET
    public Response list(@Context UriInfo uri) {
      return DjangoApps.moved("token", null, uri);
    }

    @GET
    @Path("{rest: .+}")
    public Response moved(@PathParam("rest") String rest, @Context UriInfo uri) {
      return DjangoApps.moved("token", rest, uri);
    }
  }

  /** django-impersonate's log. */
  @JakartarsResource
  @JakartarsApplicationSelect(Whiteboard.PAGES)
  @Component(service = ImpersonationLog.class)
  @Path("admin/impersonate/impersonationlog")
  public static final class ImpersonationLog {
    @GET
    public Response list(@Context UriInfo uri) {
      return DjangoApps.moved("impersonation", null, uri);
    }

    @GET
    @Path("{rest: .+}")
    public Response moved(@PathParam("rest") String rest, @Context UriInfo uri) {
      return DjangoApps.moved("impersonation", rest, uri);
    }
  }
}
