package cores.http;

import cores.api.system.Problem;
import cores.api.system.ProblemReport;
import cores.api.web.Whiteboard;
import cores.http.auth.AccountServices;
import cores.http.pages.PageLayouts;
import cores.http.system.HealthChecks;
import cores.http.system.WhiteboardReport;
import java.net.BindException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.osgi.framework.AllServiceListener;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleListener;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceListener;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
    service = {ProblemReport.class, WhiteboardReport.class},
    immediate = true,
    configurationPid = HttpConfig.PID,
    configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = HttpConfig.class)
public final class HttpServerComponent implements ProblemReport, WhiteboardReport {
  private static final Logger LOG = LoggerFactory.getLogger(HttpServerComponent.class);

  static final String WHITEBOARD_FILTER = WhiteboardRegistration.FILTER;

  private final CoresServer server;
  private final ServiceTracker<Object, Object> whiteboard;
  private final Map<ServiceReference<?>, WhiteboardRegistration> registrations =
      new ConcurrentHashMap<>();
  private final BundleContext context;
  private final BundleListener bundles;
  private final ServiceListener services;

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
            new WhiteboardCustomizer(context, server, readiness::isPlugin, registrations));
    this.context = context;
    this.bundles = event -> server.readinessChanged();
    context.addBundleListener(bundles);
    // a component's service registered or gone (and with it a reference satisfied or not): the
    // readiness answer is worked out again at once rather than after ReadinessCache.READY_MS
    // every service, whatever its class space: for a listener that is not an AllServiceListener the
    // framework first checks the service's class against the provider's wiring, which is gone
    // while a plugin is uninstalled (Felix's dispatcher then logged a NullPointerException)
    this.services = (AllServiceListener) event -> server.readinessChanged();
    context.addServiceListener(services);
    // services from every bundle, whatever class space they were registered in
    whiteboard.open(true);
    try {
      server.start();
    } catch (Exception e) {
      whiteboard.close();
      context.removeBundleListener(bundles);
      context.removeServiceListener(services);
      Optional<ConfigurationException> refused = unbound(config.port(), config.address(), e);
      if (refused.isPresent()) {
        throw refused.get();
      }
      throw e;
    }
  }

  /**
   * A port or address that cannot be bound: the configuration's fault, as the launcher reports it.
   * A port in use is the port's; any other refusal of a configured address (not one of this
   * machine's) is the address's.
   */
  static Optional<ConfigurationException> unbound(int port, String address, Exception failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof BindException bind) {
        String why = " (" + bind.getMessage() + ")";
        boolean inUse = String.valueOf(bind.getMessage()).contains("in use");
        return Optional.of(
            address.isBlank() || inUse
                ? new ConfigurationException("port", "cannot listen on port " + port + why, failure)
                : new ConfigurationException(
                    "address", "cannot listen on " + address.strip() + why, failure));
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
    List<Problem> problems = new ArrayList<>();
    for (Entry entry : whiteboard()) {
      if (entry.problem() != null) {
        problems.add(
            new Problem(
                entry.kind() + " " + entry.className() + " of " + entry.bundle(), entry.problem()));
      }
    }
    return problems;
  }

  @Override
  public List<Entry> whiteboard() {
    Map<Object, String> refused = server.refusedResources();
    List<Entry> entries = new ArrayList<>();
    whiteboard
        .getTracked()
        .forEach(
            (reference, service) -> {
              WhiteboardRegistration registration = registrations.get(reference);
              if (registration == null) {
                return;
              }
              Bundle bundle = reference.getBundle();
              String problem =
                  registration.refusal() != null ? registration.refusal() : refused.get(service);
              entries.add(
                  new Entry(
                      registration.name(),
                      registration.kind().toString(),
                      registration.applications().stream().map(a -> a.applicationName).toList(),
                      service.getClass().getName(),
                      bundle == null
                          ? "a stopped bundle"
                          : bundle.getSymbolicName() + " " + bundle.getVersion(),
                      problem == null && server.serves(service),
                      problem));
            });
    entries.sort(Comparator.comparing(Entry::className).thenComparing(Entry::bundle));
    return entries;
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
      context.removeServiceListener(services);
    }
  }

  /** Hands whiteboard services to the server as they come, change and go. */
  private static final class WhiteboardCustomizer
      implements ServiceTrackerCustomizer<Object, Object> {
    private final BundleContext context;
    private final CoresServer server;
    private final Predicate<Bundle> plugin;
    private final Map<ServiceReference<?>, WhiteboardRegistration> registrations;

    WhiteboardCustomizer(
        BundleContext context,
        CoresServer server,
        Predicate<Bundle> plugin,
        Map<ServiceReference<?>, WhiteboardRegistration> registrations) {
      this.context = context;
      this.server = server;
      this.plugin = plugin;
      this.registrations = registrations;
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
      registrations.remove(reference);
      withdraw(service);
      context.ungetService(reference);
    }

    private void publish(ServiceReference<Object> reference, Object service) {
      WhiteboardRegistration registration = WhiteboardRegistration.of(properties(reference));
      registrations.put(reference, registration);
      String subject = registration.kind() + " " + service.getClass().getName();
      if (!registration.legacyNames().isEmpty()) {
        LOG.warn(
            "{} is registered with the names of earlier Cores releases {}: use {}, {} and {}",
            subject,
            registration.legacyNames(),
            Whiteboard.RESOURCE,
            Whiteboard.EXTENSION,
            Whiteboard.APPLICATION_SELECT);
      }
      if (registration.refusal() != null) {
        LOG.warn("{} is not served: {}", subject, registration.refusal());
        return;
      }
      Bundle owner = reference.getBundle();
      boolean yields = owner != null && plugin.test(owner);
      for (WhiteboardRegistration.Application application : registration.applications()) {
        boolean pages = application == WhiteboardRegistration.Application.PAGES;
        if (registration.kind() == WhiteboardRegistration.Kind.EXTENSION) {
          server.addExtension(service, yields, pages);
        } else if (pages) {
          server.addPage(service, yields);
        } else {
          server.addResource(service, yields);
        }
      }
    }

    private void withdraw(Object service) {
      server.removePage(service);
      server.removeResource(service);
      server.removeExtension(service);
    }

    private static Map<String, Object> properties(ServiceReference<?> reference) {
      Map<String, Object> properties = new HashMap<>();
      for (String key : reference.getPropertyKeys()) {
        properties.put(key, reference.getProperty(key));
      }
      return properties;
    }
  }
}
