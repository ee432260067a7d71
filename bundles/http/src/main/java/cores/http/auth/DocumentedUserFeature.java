package cores.http.auth;

import cores.api.web.ApiDoc;
import cores.http.docs.Endpoints;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;

/**
 * An operation the API documents as one for a user (its permission is not {@code anonymous}, see
 * {@link Endpoints#permission}) answers an anonymous caller 401 before anything reads the request:
 * neither a malformed body nor an unknown query parameter is answered first, and no list of
 * parameters is shown. Decided once per method when the application is built.
 */
public final class DocumentedUserFeature implements DynamicFeature {

  @Override
  public void configure(ResourceInfo resourceInfo, FeatureContext context) {
    String permission =
        Endpoints.permission(resourceInfo.getResourceMethod(), resourceInfo.getResourceClass());
    if (!permission.isEmpty() && !permission.startsWith(ApiDoc.ANONYMOUS)) {
      context.register(new UserRequired());
    }
  }

  @Priority(Priorities.AUTHORIZATION)
  static final class UserRequired implements ContainerRequestFilter {
    @Override
    public void filter(ContainerRequestContext request) {
      if (request.getSecurityContext().getUserPrincipal() == null) {
        request.abortWith(RolesAllowedFeature.notAuthenticated());
      }
    }
  }
}
