package cores.http.auth;

import cores.api.accounts.Impersonation;
import cores.api.accounts.User;
import cores.api.web.ApiDoc;
import cores.api.web.ApiSchemas;
import cores.api.web.JsonShape;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * {@code GET /api/auth-test}: lets API clients check their credentials. A session that impersonates
 * someone shows the real user too ({@code impersonator}).
 */
@JakartarsResource
@Component(service = AuthTestResource.class)
@Path("auth-test")
@ApiDoc(area = "auth", permission = ApiDoc.AUTHENTICATED)
public final class AuthTestResource implements ApiSchemas {
  private final AtomicReference<Impersonation> impersonation = new AtomicReference<>();

  @Reference(
      cardinality = ReferenceCardinality.OPTIONAL,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void bindImpersonation(Impersonation service) {
    impersonation.set(service);
  }

  void unbindImpersonation(Impersonation service) {
    impersonation.compareAndSet(service, null);
  }

  /** The answer; {@code impersonator} only while a session impersonates. */
  private static final JsonShape ANSWER =
      JsonShape.of()
          .with(
              "detail",
              JsonShape.described(JsonShape.STRING, "\"You are authenticated as <user>\""))
          .with(
              "impersonator",
              JsonShape.described(JsonShape.STRING, "the username of the one impersonating"));

  @Override
  public Map<String, Map<String, Object>> schemas() {
    Map<String, Object> schema = ANSWER.schema("who the credentials are");
    schema.put("required", List.of("detail"));
    return Map.of("auth_test", schema);
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @ApiDoc(
      value = "Checks the credentials: \"You are authenticated as <user>\"",
      response = "auth_test")
  public Response test(
      @Context SecurityContext security,
      @CookieParam(AuthenticationFilter.SESSION_COOKIE) String session) {
    Principal user = security.getUserPrincipal();
    if (user == null) {
      return RolesAllowedFeature.notAuthenticated();
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("detail", "You are authenticated as " + user.getName());
    // only a session (not Basic or a token) can impersonate; the session is the one just resolved
    Impersonation service = impersonation.get();
    Optional<User> real =
        service == null
                || !CoresSecurityContext.SESSION_AUTH.equals(security.getAuthenticationScheme())
            ? Optional.empty()
            : service.impersonator(session);
    real.ifPresent(r -> body.put("impersonator", r.getName()));
    return Response.ok(body).build();
  }
}
