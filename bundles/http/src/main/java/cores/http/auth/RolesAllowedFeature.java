package cores.http.auth;

import cores.http.problem.Problems;
import jakarta.annotation.Priority;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Method;

/**
 * {@code @RolesAllowed} (roles are permission names), {@code @PermitAll} and {@code @DenyAll} on
 * resource methods or classes, the method's annotation winning. Unlike Jersey's
 * RolesAllowedDynamicFeature, which answers 403 in both cases, an anonymous request gets 401 and an
 * authenticated one without the permission 403, as API clients expect.
 */
public final class RolesAllowedFeature implements DynamicFeature {

  @Override
  public void configure(ResourceInfo resourceInfo, FeatureContext context) {
    Method method = resourceInfo.getResourceMethod();
    Class<?> type = resourceInfo.getResourceClass();
    if (method.isAnnotationPresent(DenyAll.class)) {
      context.register(new RolesFilter(null));
    } else if (method.isAnnotationPresent(RolesAllowed.class)) {
      context.register(new RolesFilter(method.getAnnotation(RolesAllowed.class).value()));
    } else if (method.isAnnotationPresent(PermitAll.class)) {
      return;
    } else if (type.isAnnotationPresent(DenyAll.class)) {
      context.register(new RolesFilter(null));
    } else if (type.isAnnotationPresent(RolesAllowed.class)) {
      context.register(new RolesFilter(type.getAnnotation(RolesAllowed.class).value()));
    }
  }

  /** Checks one method's roles; {@code null} roles deny everybody. */
  @Priority(Priorities.AUTHORIZATION)
  static final class RolesFilter implements ContainerRequestFilter {
    private final String[] roles;

    RolesFilter(String[] roles) {
      this.roles = roles == null ? null : roles.clone();
    }

    @Override
    public void filter(ContainerRequestContext request) {
      if (roles != null && request.getSecurityContext().getUserPrincipal() == null) {
        request.abortWith(notAuthenticated());
        return;
      }
      if (roles != null) {
        for (String role : roles) {
          if (request.getSecurityContext().isUserInRole(role)) {
            return;
          }
        }
      }
      request.abortWith(forbidden());
    }
  }

  /** 401 for requests that need a user and have none. */
  public static Response notAuthenticated() {
    return Problems.response(401, "Authentication credentials were not provided.")
        .header(HttpHeaders.WWW_AUTHENTICATE, Challenges.TOKEN)
        .build();
  }

  public static Response forbidden() {
    return Problems.response(403, "You do not have permission to perform this action.").build();
  }
}
