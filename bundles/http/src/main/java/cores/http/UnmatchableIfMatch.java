package cores.http;

import cores.http.problem.Problems;
import jakarta.annotation.Priority;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.Set;

/**
 * A change sent with {@code If-Match} naming entity tags is a 412: no resource of the platform
 * sends an {@code ETag} or checks one, so the condition cannot hold (RFC 9110 section 13.1.1), and
 * carrying out the change as if it were unconditional would overwrite a concurrent one the client
 * meant to guard against. {@code If-Match: *} holds for any row that exists; a header that does not
 * parse is a 400 naming it (Jersey's parser, through {@code ThrowableMapper}). A plugin's resource
 * may send entity tags and check them itself: {@link Binding} leaves its methods alone.
 */
@Priority(Priorities.USER)
final class UnmatchableIfMatch implements ContainerRequestFilter {
  /**
   * Binds the check to the methods of the platform's resources (and this bundle's), not to those of
   * the plugins' resources: what a plugin's resource does with preconditions is up to it.
   */
  static final class Binding implements DynamicFeature {
    private final Set<Class<?>> plugins;

    /**
     * @param plugins the classes of the plugins' resources
     */
    Binding(Set<Class<?>> plugins) {
      this.plugins = Set.copyOf(plugins);
    }

    @Override
    public void configure(ResourceInfo resourceInfo, FeatureContext context) {
      if (!plugins.contains(resourceInfo.getResourceClass())) {
        context.register(new UnmatchableIfMatch());
      }
    }
  }

  private static final Set<String> CHANGES =
      Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);

  /** A tag no header can name: a quote cannot appear in an entity tag's value. */
  private static final EntityTag NONE = new EntityTag("\"");

  @Override
  public void filter(ContainerRequestContext request) {
    if (!CHANGES.contains(request.getMethod())
        || request.getHeaderString(HttpHeaders.IF_MATCH) == null) {
      return;
    }
    if (request.getRequest().evaluatePreconditions(NONE) != null) {
      request.abortWith(
          Problems.response(
                  412,
                  "The API sends no entity tags, so If-Match cannot match: nothing was changed."
                      + " Send the change without If-Match (the API does not check for"
                      + " concurrent changes) or with If-Match: *.")
              .build());
    }
  }
}
