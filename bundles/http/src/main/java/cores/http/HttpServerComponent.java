package cores.http;

import cores.api.system.Problem;
import cores.api.system.ProblemReport;
import cores.api.web.Whiteboard;
import cores.http.auth.AccountServices;
import cores.http.pages.PageLayouts;
import cores.http.system.HealthChecks;
import java.net.BindException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleListener;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.util.tracker.ServiceTracker;
import org.osgi.util.tracker.ServiceTrackerCustomizer;

/**
 * Runs the HTTP server while its configuration exists (not in command mode) and feeds it the JAX-RS
 * resources and extensions that any bundle publishes. The account services are optional: without
 * them requests are anonymous. The health checks are the server's own: {@code /api/health} answers
 * from the start, whatever the whiteboard holds, and says ready once the platform is ({@link
 * PlatformReadiness}).
 *
 * <p>A resource, page or extension that Jersey refuses (its path clashes with one served, its model
 * is invalid) is left out alone; this component reports it, as the part {@code http}, in {@code
 * /api/system}. A plugin's (a bundle of no started feature) yields to the platform's on a clash.
 *
 * <p>A port that cannot be bound fails the activation with a {@link ConfigurationException} naming
 * the {@code port} property: the launcher, which wrote it, names the variable behind it and exits.
 */
@Component(
    service = ProblemReport.class,
    immediate = true,
    configurationPid = HttpConfig.PID,
    configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = HttpConfig.class)
public final class HttpServerComponent implements ProblemReport {
  static final String WHITEBOARD_FILTER =
      "(|("
          + Whiteboard.RESOURCE
          + "=true)("
          + Whiteboard.EXTENSION
          + "=true)("
          + Whiteboard.PAGE
          + "=true))";

  private final CoresServer server;
  private final ServiceTracker<Object, Object> whiteboard;
  private final BundleContext context;
  private final BundleListener bundles;

  /**
   * @param components SCR's runtime, for the readiness of the features' components; absent only
   *     where SCR does not run (tests)
   */
  @Activate
  public HttpServerComponent(
      HttpConfig config,
      BundleContext context,
      @Reference AccountServices accounts,
      @Reference HealthChecks health,
      @Reference PageLayouts layouts,
      @Reference(cardinality = ReferenceCardinality.OPTIONAL) ServiceComponentRuntime components)
      throws Exception {
    PlatformReadiness readiness =
        new PlatformReadiness(context, components, WHITEBOARD_FILTER, this::serves);
    this.server = new CoresServer(HttpSettings.from(config), accounts, health, readiness, layouts);
    this.whiteboard =
        new ServiceTracker<>(
            context,
            filter(context),
            new WhiteboardCustomizer(context, server, readiness::isPlugin));
    this.context = context;
    this.bundles = event -> server.readinessChanged();
    context.addBundleListener(bundles);
    // services from every bundle, whatever class space they were registered in
    whiteboard.open(true);
    try {
      server.start();
    } catch (Exception e) {
      whiteboard.close();
      context.removeBundleListener(bundles);
      Optional<ConfigurationException> refused = unbound(config.port(), e);
      if (refused.isPresent()) {
        throw refused.get();
      }
      throw e;
    }
  }

  /** A port that cannot be bound: the configuration's fault, as the launcher reports it. */
  private static Optional<ConfigurationException> unbound(int port, Exception failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof BindException bind) {
        return Optional.of(
            new ConfigurationException(
                "port", "cannot listen on port " + port + " (" + bind.getMessage() + ")", failure));
      }
    }
    return Optional.empty();
  }

  /** Whether the server serves a whiteboard service (its application was rebuilt with it). */
  @SuppressWarnings("unchecked") // the tracker tracks every class of service as Object
  private boolean serves(ServiceReference<?> reference) {
    Object service = whiteboard.getService((ServiceReference<Object>) reference);
    return service != null && server.serves(service);
  }

  @Override
  public String name() {
    return "http";
  }

  /** The resources, pages and extensions refused, named with their bundles. */
  @Override
  public List<Problem> problems() {
    Map<Object, String> refused = server.refusedResources();
    List<Problem> problems = new ArrayList<>();
    if (refused.isEmpty()) {
      return problems;
    }
    whiteboard
        .getTracked()
        .forEach(
            (reference, service) -> {
              String reason = refused.get(service);
              if (reason != null) {
                problems.add(new Problem(describe(reference, service), reason));
              }
            });
    return problems;
  }

  private static String describe(ServiceReference<?> reference, Object service) {
    String kind =
        WhiteboardCustomizer.isTrue(reference.getProperty(Whiteboard.PAGE))
            ? "page"
            : WhiteboardCustomizer.isTrue(reference.getProperty(Whiteboard.RESOURCE))
                ? "resource"
                : "extension";
    Bundle bundle = reference.getBundle();
    String owner =
        bundle == null ? "a stopped bundle" : bundle.getSymbolicName() + " " + bundle.getVersion();
    return kind + " " + service.getClass().getName() + " of " + owner;
  }

  /** The port the server listens on. */
  int port() {
    return server.port();
  }

  private static org.osgi.framework.Filter filter(BundleContext context)
      throws InvalidSyntaxException {
    return context.createFilter(WHITEBOARD_FILTER);
  }

  @Deactivate
  void deactivate() throws Exception {
    try {
      server.stop();
    } finally {
      whiteboard.close();
      context.removeBundleListener(bundles);
    }
  }

  /** Hands whiteboard services to the server as they come, change and go. */
  private static final class WhiteboardCustomizer
      implements ServiceTrackerCustomizer<Object, Object> {
    private final BundleContext context;
    private final CoresServer server;
    private final Predicate<Bundle> plugin;

    WhiteboardCustomizer(BundleContext context, CoresServer server, Predicate<Bundle> plugin) {
      this.context = context;
      this.server = server;
      this.plugin = plugin;
    }

    @Override
    public Object addingService(ServiceReference<Object> reference) {
      Object service = context.getService(reference);
      if (service != null) {
        publish(reference, service);
      }
      return service;
    }

    @Override
    public void modifiedService(ServiceReference<Object> reference, Object service) {
      withdraw(service);
      publish(reference, service);
    }

    @Override
    public void removedService(ServiceReference<Object> reference, Object service) {
      withdraw(service);
      context.ungetService(reference);
    }

    private void publish(ServiceReference<Object> reference, Object service) {
      Bundle owner = reference.getBundle();
      boolean yields = owner != null && plugin.test(owner);
      if (isTrue(reference.getProperty(Whiteboard.PAGE))) {
        server.addPage(service, yields);
      } else if (isTrue(reference.getProperty(Whiteboard.RESOURCE))) {
        server.addResource(service, yields);
      } else if (isTrue(reference.getProperty(Whiteboard.EXTENSION))) {
        server.addExtension(service, yields);
      }
    }

    private void withdraw(Object service) {
      server.removePage(service);
      server.removeResource(service);
      server.removeExtension(service);
    }

    private static boolean isTrue(Object value) {
      return value != null && Boolean.parseBoolean(value.toString());
    }
  }
}
