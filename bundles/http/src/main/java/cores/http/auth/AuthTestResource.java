package cores.http.auth;

import cores.api.web.Whiteboard;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/** {@code GET /api/auth-test}: lets API clients check their credentials. */
@Component(service = AuthTestResource.class, property = Whiteboard.RESOURCE + "=true")
@Path("auth-test")
public final class AuthTestResource {

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Response test(@Context SecurityContext security) {
    Principal user = security.getUserPrincipal();
    if (user == null) {
      return RolesAllowedFeature.notAuthenticated();
    }
    return Response.ok(Map.of("detail", "You are authenticated as " + user.getName())).build();
  }
}
