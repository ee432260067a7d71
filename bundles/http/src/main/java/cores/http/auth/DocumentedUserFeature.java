package cores.http.auth;

import cores.api.web.ApiDoc;
import cores.http.docs.Endpoints;
import cores.http.problem.Problems;
import jakarta.annotation.Priority;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Optional;

/**
 * An operation the API documents as one for a user (its permission is not {@code anonymous}, see
 * {@link Endpoints#permission}) answers an anonymous caller 401 before anything reads the request:
 * neither a malformed body nor an unknown query parameter is answered first, and no list of
 * parameters is shown. An operation that reads a body and whose documented permission says all who
 * may call it ({@link DocumentedPermission}) answers a user who may not 403 before the body is
 * read: who may not do something learns only that, whatever the body. (Operations without a body
 * keep their checks in the resource: a list's may depend on its query, e.g. the current notices.)
 * The resource checks again; this only decides the order. Decided once per method when the
 * application is built.
 */
public final class DocumentedUserFeature implements DynamicFeature {

  @Override
  public void configure(ResourceInfo resourceInfo, FeatureContext context) {
    Method method = resourceInfo.getResourceMethod();
    Class<?> type = resourceInfo.getResourceClass();
    String permission = Endpoints.permission(method, type);
    if (permission.isEmpty() || permission.startsWith(ApiDoc.ANONYMOUS)) {
      return;
    }
    Optional<DocumentedPermission> rule =
        readsBody(method)
            ? DocumentedPermission.of(
                permission,
                Endpoints.action(httpMethod(method)),
                Endpoints.valueNames(method, type))
            : Optional.empty();
    context.register(new UserRequired(rule.orElse(null)));
  }

  /** Whether a parameter of the method is the request's body (none of JAX-RS's annotations). */
  private static boolean readsBody(Method method) {
    return Arrays.stream(method.getParameterAnnotations())
        .anyMatch(
            annotations ->
                Arrays.stream(annotations)
                    .map(Annotation::annotationType)
                    .noneMatch(a -> a.getPackageName().startsWith("jakarta.ws.rs")));
  }

  private static String httpMethod(Method method) {
    return Arrays.stream(method.getAnnotations())
        .map(a -> a.annotationType().getAnnotation(HttpMethod.class))
        .filter(h -> h != null)
        .map(HttpMethod::value)
        .findFirst()
        .orElse("");
  }

  @Priority(Priorities.AUTHORIZATION)
  static final class UserRequired implements ContainerRequestFilter {
    /** The rule checked before the body is read; null when the resource checks it. */
    private final DocumentedPermission rule;

    UserRequired(DocumentedPermission rule) {
      this.rule = rule;
    }

    @Override
    public void filter(ContainerRequestContext request) {
      if (request.getSecurityContext().getUserPrincipal() == null) {
        request.abortWith(RolesAllowedFeature.notAuthenticated());
      } else if (rule != null) {
        rule.refusal(request)
            .ifPresent(why -> request.abortWith(Problems.response(403, why).build()));
      }
    }
  }
}
