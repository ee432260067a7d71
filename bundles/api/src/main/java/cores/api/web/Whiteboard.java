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
 * session carries its CSRF token in the field {@value #CSRF_FIELD}.
 */
public final class Whiteboard {
  public static final String RESOURCE = "osgi.jaxrs.resource";
  public static final String EXTENSION = "osgi.jaxrs.extension";

  /** Service property of a page resource (mounted at {@code /}, not {@code /api}). */
  public static final String PAGE = "cores.web.page";

  /** Form field of the CSRF token in HTML form posts (Django's name). */
  public static final String CSRF_FIELD = "csrfmiddlewaretoken";

  private Whiteboard() {}
}
