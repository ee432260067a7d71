package cores.api.web;

/**
 * How a bundle publishes REST resources: register the resource object as an OSGi service with the
 * property {@value #RESOURCE}{@code =true} (the OSGi JAX-RS Whiteboard name, so
 * {@code @JaxrsResource} works) and a class-level {@code @Path} relative to {@code /api}. JAX-RS
 * providers (filters, exception mappers, message body readers/writers) are registered the same way
 * with {@value #EXTENSION}{@code =true}. They appear when the service is registered and disappear
 * when it goes away.
 *
 * <p>Inside a resource, {@code @Context SecurityContext} gives the {@link cores.api.accounts.User}
 * as principal, and {@code isUserInRole(permission)} checks a permission; {@code @RolesAllowed}
 * with permission names works too.
 *
 * <p>Server-rendered pages outside {@code /api} (e.g. {@code /login}) are JAX-RS resources
 * registered with {@value #PAGE}{@code =true} instead of {@value #RESOURCE}: their {@code @Path} is
 * relative to {@code /}. Requests to them are authenticated like API requests; a form POST with a
 * session carries its CSRF token in the field {@value #CSRF_FIELD}. The request's security context
 * is a {@link Visitor}; {@link PageLayout} gives a page the site's frame.
 */
public final class Whiteboard {
  public static final String RESOURCE = "osgi.jaxrs.resource";
  public static final String EXTENSION = "osgi.jaxrs.extension";

  /** Service property of a page resource (mounted at {@code /}, not {@code /api}). */
  public static final String PAGE = "cores.web.page";

  /**
   * Service property of a page resource that adds an entry to the site's navigation: its label. The
   * entry links to {@value #NAV_PATH} and is shown to visitors holding {@value #NAV_PERMISSION}.
   */
  public static final String NAV_LABEL = "cores.web.nav.label";

  /** The path the navigation entry links to (e.g. {@code /hello}). */
  public static final String NAV_PATH = "cores.web.nav.path";

  /**
   * Who sees the navigation entry: a permission name, {@code authenticated}, {@code staff}, or
   * (absent) everyone.
   */
  public static final String NAV_PERMISSION = "cores.web.nav.permission";

  /** Where the entry goes: entries are ordered by rank (an integer, lowest first; default 100). */
  public static final String NAV_RANK = "cores.web.nav.rank";

  /** Form field of the CSRF token in HTML form posts (Django's name). */
  public static final String CSRF_FIELD = "csrfmiddlewaretoken";

  private Whiteboard() {}
}
