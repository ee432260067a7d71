package cores.http;

import cores.api.web.Whiteboard;
import cores.http.auth.AccountServices;
import cores.http.pages.PageLayouts;
import cores.http.system.HealthChecks;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.util.tracker.ServiceTracker;
import org.osgi.util.tracker.ServiceTrackerCustomizer;

/**
 * Runs the HTTP server while its configuration exists (not in command mode) and feeds it the JAX-RS
 * resources and extensions that any bundle publishes. The account services are optional: without
 * them requests are anonymous. The health checks are the server's own: {@code /api/health} answers
 * from the start, whatever the whiteboard holds.
 */
@Component(
    service = {},
    configurationPid = HttpConfig.PID,
    configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = HttpConfig.class)
public final class HttpServerComponent {
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

  @Activate
  public HttpServerComponent(
      HttpConfig config,
      BundleContext context,
      @Reference AccountServices accounts,
      @Reference HealthChecks health,
      @Reference PageLayouts layouts)
      throws Exception {
    this.server = new CoresServer(HttpSettings.from(config), accounts, health, layouts);
    this.whiteboard =
        new ServiceTracker<>(context, filter(context), new WhiteboardCustomizer(context, server));
    // services from every bundle, whatever class space they were registered in
    whiteboard.open(true);
    try {
      server.start();
    } catch (Exception e) {
      whiteboard.close();
      throw e;
    }
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
    }
  }

  /** Hands whiteboard services to the server as they come, change and go. */
  private static final class WhiteboardCustomizer
      implements ServiceTrackerCustomizer<Object, Object> {
    private final BundleContext context;
    private final CoresServer server;

    WhiteboardCustomizer(BundleContext context, CoresServer server) {
      this.context = context;
      this.server = server;
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
      if (isTrue(reference.getProperty(Whiteboard.PAGE))) {
        server.addPage(service);
      } else if (isTrue(reference.getProperty(Whiteboard.RESOURCE))) {
        server.addResource(service);
      } else if (isTrue(reference.getProperty(Whiteboard.EXTENSION))) {
        server.addExtension(service);
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
