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
 */
public final class Whiteboard {
  public static final String RESOURCE = "osgi.jaxrs.resource";
  public static final String EXTENSION = "osgi.jaxrs.extension";

  private Whiteboard() {}
}
