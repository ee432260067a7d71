package cores.http.auth;

import cores.api.web.ApiDoc;
import cores.http.QueryParametersFeature;
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
import java.util.Set;

/**
 * An operation the API documents as one for a user (its permission is not {@code anonymous}, see
 * {@link Endpoints#permission}) answers an anonymous caller 401 before anything reads the request:
 * neither a malformed body nor an unknown query parameter is answered first, and no list of
 * parameters is shown. An operation that reads a body and whose documented permission says all who
 * may call it ({@link DocumentedPermission}) answers a user who may not 403 before the body is
 * read: who may not do something learns only that, whatever the body. An operation without a body
 * (a list) keeps its check in the resource, since who may call can depend on the query (the current
 * notices), but a query the API refuses ({@link QueryParametersFeature#problems}: an unknown
 * parameter, a NUL) is answered 403 first for a user the documented rule leaves out, as a body is.
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
        DocumentedPermission.of(
            permission, Endpoints.action(httpMethod(method)), Endpoints.valueNames(method, type));
    context.register(
        new UserRequired(
            rule.orElse(null), readsBody(method), QueryParametersFeature.declared(method)));
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
    /** The documented rule, if it says all who may call; null when only the resource knows. */
    private final DocumentedPermission rule;

    /** Whether the operation reads a body: then the rule is checked whatever the query. */
    private final boolean body;

    /** The query parameters the operation takes; null: any. */
    private final Set<String> declared;

    UserRequired(DocumentedPermission rule, boolean body, Set<String> declared) {
      this.rule = rule;
      this.body = body;
      this.declared = declared;
    }

    @Override
    public void filter(ContainerRequestContext request) {
      if (request.getSecurityContext().getUserPrincipal() == null) {
        request.abortWith(RolesAllowedFeature.notAuthenticated());
      } else if (rule != null
          && (body || !QueryParametersFeature.problems(request, declared).isEmpty())) {
        rule.refusal(request)
            .ifPresent(why -> request.abortWith(Problems.response(403, why).build()));
      }
    }
  }
}
