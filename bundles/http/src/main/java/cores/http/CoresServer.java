package cores.http;

import cores.api.health.Health;
import cores.api.health.HealthIndicator;
import cores.http.auth.AccountServices;
import cores.http.auth.ClientAddresses;
import cores.http.docs.Endpoints;
import cores.http.pages.PageLayouts;
import cores.http.system.HealthChecks;
import jakarta.ws.rs.ext.RuntimeDelegate;
import java.time.Duration;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.server.handler.SizeLimitHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jetty with Jersey at {@code /api/*} for the REST API and a second Jersey application at {@code
 * /*} for server-rendered pages (resources of the pages' application such as {@code /login}); the
 * longer {@code /api/*} mapping wins for API paths. {@code /api/health} and {@code
 * /api/health/live} are answered by a Jetty handler in front of both ({@link HealthHandler}), and
 * until the {@link Readiness} says ready every other request is answered 503 ({@link
 * ReadinessGate}). Plain Java, so that tests run the very same server outside OSGi; the OSGi
 * component feeds it the whiteboard's resources and the platform's readiness.
 */
public final class CoresServer {
  private static final Logger LOG = LoggerFactory.getLogger(CoresServer.class);

  /** How long a stop waits for requests in progress. */
  static final long STOP_TIMEOUT_MILLIS = 10_000;

  /** How long a request waits for its turn before it is answered 503 (the server overloaded). */
  static final Duration MAX_WAIT_FOR_TURN = Duration.ofSeconds(30);

  private final HttpSettings settings;
  private final JerseyApplication application;
  private final JerseyApplication pages;
  private final ClassLoader classLoader = CoresServer.class.getClassLoader();
  private final Server server;
  private final ServerConnector connector;
  private final ServletContextHandler context;
  private final ResourceWarningFilter warningFilter;
  private final AccessLog accessLog;
  private final HealthChecks health;
  private final ReadinessCache readiness;
  private final HealthIndicator platform;

  /**
   * @param health the answer of {@code /api/health}; its owner closes it. The server adds the
   *     readiness to it as the {@code platform} part while it runs.
   * @param readiness whether the platform can serve: until then every request but the health
   *     endpoints is answered 503
   */
  public CoresServer(
      HttpSettings settings, AccountServices accounts, HealthChecks health, Readiness readiness) {
    this(settings, accounts, health, readiness, new PageLayouts(), new AccessLog());
  }

  /**
   * @param layouts the site's page frame, when the web bundle publishes one
   */
  public CoresServer(
      HttpSettings settings,
      AccountServices accounts,
      HealthChecks health,
      Readiness readiness,
      PageLayouts layouts) {
    this(settings, accounts, health, readiness, layouts, new AccessLog());
  }

  /** With the access log given: tests read its lines. */
  CoresServer(
      HttpSettings settings,
      AccountServices accounts,
      HealthChecks health,
      Readiness readiness,
      PageLayouts layouts,
      AccessLog accessLog) {
    this.settings = settings;
    this.accessLog = accessLog;
    this.health = health;
    // a stopping server is ready no more: health says so until it no longer answers
    this.readiness = new ReadinessCache(readiness);
    this.platform = new PlatformHealth(this.readiness, this.readiness::stopping);
    this.application =
        new JerseyApplication(
            settings,
            accounts,
            classLoader,
            List.of(
                Endpoints.served(
                    HealthHandler.PATH, "GET", "application/json", HealthHandler.class),
                Endpoints.served(
                    HealthHandler.LIVE_PATH,
                    "GET",
                    "application/json",
                    HealthHandler.Liveness.class)));
    this.pages = new JerseyApplication(settings, accounts, classLoader, layouts);
    QueuedThreadPool threads = new QueuedThreadPool();
    threads.setName("cores-http");
    this.server = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    this.connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setPort(settings.port());
    // null: every interface
    connector.setHost(settings.address().isEmpty() ? null : settings.address());
    server.addConnector(connector);

    JettyProblems problems = new JettyProblems(ObjectMapperResolver.newObjectMapper(), layouts);
    ProblemErrorHandler errors = new ProblemErrorHandler(problems, settings.debug());
    ServletContextHandler context = new ServletContextHandler("/");
    // Jersey looks classes up through the context class loader while serving, too
    context.setClassLoader(classLoader);
    context.setErrorHandler(errors);
    server.setErrorHandler(errors);
    server.setRequestLog(accessLog);
    server.setStopTimeout(STOP_TIMEOUT_MILLIS);
    server.setStopAtShutdown(false);
    // chunked bodies have no Content-Length: this one cuts them off while they are read
    SizeLimitHandler sizeLimit = new SizeLimitHandler(settings.maxBodyBytes(), -1);
    sizeLimit.setHandler(context);
    // health reads no body: it skips the size limit's wrappers, not the graceful stop; it answers
    // before the readiness gate, which holds back everything else until the platform is ready
    // health and the readiness gate's refusals do not wait for a turn
    RequestTurns turns =
        new RequestTurns(settings.activeRequestLimit(), MAX_WAIT_FOR_TURN, problems, sizeLimit);
    GracefulHandler graceful =
        new GracefulHandler(
            new HealthHandler(
                health, problems, new ReadinessGate(this.readiness, problems, turns)));
    server.setHandler(
        new CutOffAnswers(
            new FrontHandler(
                new HostCheck(settings.hostname()),
                settings.maxBodyBytes(),
                problems,
                new ClientAddresses(settings.trustedProxies()),
                graceful)));
    this.context = context;
    this.warningFilter =
        new ResourceWarningFilter(
            () -> {
              Set<String> names = new HashSet<>(application.resourceClassNames());
              names.addAll(pages.resourceClassNames());
              return names;
            });
  }

  /** One of the platform's resources. */
  public void addResource(Object resource) {
    addResource(resource, false);
  }

  /**
   * @param plugin a plugin's rather than the platform's: on a clash with the platform's it is the
   *     one refused
   */
  public void addResource(Object resource, boolean plugin) {
    application.addResource(resource, plugin);
    readiness.changed();
  }

  public void removeResource(Object resource) {
    application.removeResource(resource);
    readiness.changed();
  }

  /** A page resource of the platform: its {@code @Path} is relative to {@code /}. */
  public void addPage(Object page) {
    addPage(page, false);
  }

  /**
   * A page resource: its {@code @Path} is relative to {@code /}.
   *
   * @param plugin a plugin's rather than the platform's: on a clash it is the one refused
   */
  public void addPage(Object page, boolean plugin) {
    pages.addResource(page, plugin);
    readiness.changed();
  }

  public void removePage(Object page) {
    pages.removeResource(page);
    readiness.changed();
  }

  /** One of the platform's extensions of the API. */
  public void addExtension(Object extension) {
    addExtension(extension, false, false);
  }

  /**
   * @param plugin a plugin's rather than the platform's: on a clash it is the one refused
   * @param forPages an extension of the pages' application rather than the API's
   */
  public void addExtension(Object extension, boolean plugin, boolean forPages) {
    (forPages ? pages : application).addExtension(extension, plugin);
    readiness.changed();
  }

  public void removeExtension(Object extension) {
    application.removeExtension(extension);
    pages.removeExtension(extension);
    readiness.changed();
  }

  /** Something readiness depends on changed (e.g. a bundle started or stopped). */
  public void readinessChanged() {
    readiness.changed();
  }

  /**
   * Whether a resource, page or extension is served: the application answering requests was built
   * with it (adding it starts a rebuild; this says when the rebuild is in place).
   */
  public boolean serves(Object service) {
    return application.serves(service) || pages.serves(service);
  }

  /**
   * The resources, pages and extensions Jersey refused (a path clashing with one already served, an
   * invalid model), with the reasons; the others are served without them.
   */
  public Map<Object, String> refusedResources() {
    Map<Object, String> refused = new IdentityHashMap<>(application.refused());
    refused.putAll(pages.refused());
    return refused;
  }

  /**
   * Starts Jetty inside this bundle's class loader (STACK.md); the Jersey applications are built
   * right after, on their reload threads.
   */
  public void start() throws Exception {
    ServletHolder jersey = new ServletHolder("jersey", application.newServlet());
    jersey.setInitOrder(1);
    warningFilter.install();
    context.addServlet(jersey, "/api/*");
    ServletHolder pageServlet = new ServletHolder("pages", pages.newServlet());
    pageServlet.setInitOrder(2);
    context.addServlet(pageServlet, "/*");
    accessLog.start();
    try {
      withOwnClassLoader(
          () -> {
            // Found here, once for the JVM: the first use on a request thread (a problem answered
            // before Jersey's first build, e.g. 503 while starting) would not find Jersey's, and
            // the class using it would stay broken.
            RuntimeDelegate.getInstance();
            server.start();
            return null;
          });
    } catch (Exception e) {
      // e.g. the port is taken: what did start (threads, the access log) must not linger
      try {
        stop();
      } catch (Exception cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
    application.started();
    pages.started();
    health.addIndicator(platform);
    LOG.info(
        "HTTP server listening on {} port {} as {}",
        settings.address().isEmpty() ? "every interface" : settings.address(),
        port(),
        settings.hostname());
  }

  /** The port actually bound (differs from the setting when that is 0). */
  public int port() {
    return connector.getLocalPort();
  }

  /** Stops taking requests, lets those in progress finish (bounded), then stops. */
  public void stop() throws Exception {
    readiness.stop();
    health.changed();
    try {
      application.close();
      pages.close();
    } finally {
      try {
        withOwnClassLoader(
            () -> {
              server.stop();
              return null;
            });
      } finally {
        health.removeIndicator(platform);
        warningFilter.uninstall();
        accessLog.close();
      }
    }
    LOG.info("HTTP server stopped");
  }

  /** The readiness as a part of {@code /api/health}. */
  private static final class PlatformHealth implements HealthIndicator {
    private final Readiness readiness;
    private final BooleanSupplier stopping;

    PlatformHealth(Readiness readiness, BooleanSupplier stopping) {
      this.readiness = readiness;
      this.stopping = stopping;
    }

    @Override
    public String name() {
      return "platform";
    }

    @Override
    public Health check() {
      if (stopping.getAsBoolean()) {
        return Health.down("stopping");
      }
      return readiness.waitingFor().map(w -> Health.down("waiting for " + w)).orElseGet(Health::up);
    }
  }

  private <T> T withOwnClassLoader(Callable<T> work) throws Exception {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(classLoader);
    try {
      return work.call();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }
}
