package cores.api.web;

/**
 * How a bundle publishes REST resources, with the OSGi Jakarta RESTful Web Services Whiteboard's
 * service properties: register the resource object as an OSGi service with {@value #RESOURCE}{@code
 * =true} and a class-level {@code @Path}. A resource that selects no application belongs to the
 * default application, {@value #API_APPLICATION}, which Cores serves at {@code /api}. JAX-RS
 * providers (filters, exception mappers, message body readers/writers) are registered the same way
 * with {@value #EXTENSION}{@code =true}. {@value #NAME} names a service in {@code /api/system}'s
 * report. They appear when the service is registered and disappear when it goes away; a service the
 * platform cannot serve (its application selection matches no application, its paths clash) is left
 * out alone and reported in {@code /api/system}.
 *
 * <p>Inside a resource, {@code @Context SecurityContext} gives the {@link cores.api.accounts.User}
 * as principal, and {@code isUserInRole(permission)} checks a permission; {@code @RolesAllowed}
 * with permission names works too.
 *
 * <p>Server-rendered pages outside {@code /api} (e.g. {@code /login}) are resources of the
 * application {@value #PAGES_APPLICATION}, served at {@code /}: they select it with {@value
 * #APPLICATION_SELECT}{@code =}{@value #PAGES}. Requests to them are authenticated like API
 * requests; a form POST with a session carries its CSRF token in the field {@value #CSRF_FIELD}.
 * The request's security context is a {@link Visitor}; {@link PageLayout} gives a page the site's
 * frame.
 *
 * <p>The names of earlier Cores releases ({@code osgi.jaxrs.resource}, {@code
 * osgi.jaxrs.extension}, {@value #PAGE}) are still understood, with a warning in the log.
 */
public final class Whiteboard {
  public static final String RESOURCE = "osgi.jakartars.resource";
  public static final String EXTENSION = "osgi.jakartars.extension";

  /** The name of a whiteboard service, or of an application. */
  public static final String NAME = "osgi.jakartars.name";

  /** A filter on the applications' properties choosing the applications a service belongs to. */
  public static final String APPLICATION_SELECT = "osgi.jakartars.application.select";

  /** The path an application is served at (an application's property). */
  public static final String APPLICATION_BASE = "osgi.jakartars.application.base";

  /** The REST API at {@code /api}: the standard's default application. */
  public static final String API_APPLICATION = ".default";

  /** The server-rendered pages at {@code /}. */
  public static final String PAGES_APPLICATION = "cores.pages";

  /** The {@value #APPLICATION_SELECT} of a page. */
  public static final String PAGES = "(" + NAME + "=" + PAGES_APPLICATION + ")";

  /**
   * Earlier releases' service property of a page: the same as selecting {@value #PAGES}.
   *
   * @deprecated select the pages' application with {@value #APPLICATION_SELECT}{@code =}{@value
   *     #PAGES}
   */
  @Deprecated public static final String PAGE = "cores.web.page";

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

  /**
   * The page that says the visitor was logged out: where {@code POST /logout} (the http bundle's)
   * leads without a {@code next}, and where the site's logout forms send the visitor; the web
   * bundle serves it. Named here so that the bundle leading there and the one serving it cannot
   * disagree. Since 1.17.0.
   */
  public static final String LOGGED_OUT = "/logged-out";

  private Whiteboard() {}
}
