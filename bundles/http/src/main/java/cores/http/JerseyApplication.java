package cores.http;

import cores.http.auth.AccountServices;
import cores.http.auth.ActingUserFilter;
import cores.http.auth.AuthenticationFilter;
import cores.http.auth.CsrfTokens;
import cores.http.auth.RolesAllowedFeature;
import cores.http.docs.DocsResource;
import cores.http.docs.Endpoints;
import cores.http.docs.Operation;
import cores.http.pages.HtmlProblems;
import cores.http.pages.PageLayouts;
import cores.http.problem.InternalErrors;
import cores.http.problem.JsonProblemMapper;
import cores.http.problem.ProblemExceptionMapper;
import cores.http.problem.ThrowableMapper;
import cores.http.problem.WebApplicationExceptionMapper;
import cores.http.system.IndexResource;
import jakarta.servlet.ServletException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.glassfish.jersey.CommonProperties;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Jersey application: this bundle's providers plus the resources and extensions currently
 * published on the whiteboard. Changes rebuild it; a burst of changes (a bundle starting with many
 * resources) waits a moment and causes one reload.
 */
final class JerseyApplication implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JerseyApplication.class);
  private static final long DEBOUNCE_MILLIS = 100;

  private final HttpSettings settings;
  private final AccountServices accounts;
  private final CsrfTokens csrf;
  private final ClassLoader classLoader;

  /** The REST API at /api (with its index), or the pages at / (cores.web.page resources). */
  private final boolean api;

  /** What the index and the description list besides the resources: see {@link Endpoints}. */
  private final List<Operation> served;

  /** The pages' frame, for their error pages; null for the API. */
  private final PageLayouts layouts;

  private final Set<Object> resources = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Set<Object> extensions = Collections.newSetFromMap(new IdentityHashMap<>());
  private final ScheduledExecutorService reloader =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "cores-http-reload");
            thread.setDaemon(true);
            return thread;
          });

  /** What the application serving requests was built with: see {@link #serves}. */
  private volatile Set<Object> published = Set.of();

  // guarded by this
  private Set<Object> initial = Set.of();
  private JerseyServlet servlet;
  private long version;
  private long servedVersion = -1;
  private boolean running;
  private boolean reloadPending;

  /** The REST API, whose index and description also list the operations served outside it. */
  JerseyApplication(
      HttpSettings settings,
      AccountServices accounts,
      ClassLoader classLoader,
      List<Operation> served) {
    this(settings, accounts, classLoader, true, served, null);
  }

  /** The pages. */
  JerseyApplication(
      HttpSettings settings,
      AccountServices accounts,
      ClassLoader classLoader,
      PageLayouts layouts) {
    this(settings, accounts, classLoader, false, List.of(), layouts);
  }

  private JerseyApplication(
      HttpSettings settings,
      AccountServices accounts,
      ClassLoader classLoader,
      boolean api,
      List<Operation> served,
      PageLayouts layouts) {
    this.api = api;
    this.served = List.copyOf(served);
    this.layouts = layouts;
    this.settings = settings;
    this.accounts = accounts;
    this.csrf = new CsrfTokens(settings.secretKey());
    this.classLoader = classLoader;
  }

  synchronized void addResource(Object resource) {
    if (resources.add(resource)) {
      changed();
    }
  }

  synchronized void removeResource(Object resource) {
    if (resources.remove(resource)) {
      changed();
    }
  }

  synchronized void addExtension(Object extension) {
    if (extensions.add(extension)) {
      changed();
    }
  }

  synchronized void removeExtension(Object extension) {
    if (extensions.remove(extension)) {
      changed();
    }
  }

  /** The servlet to mount; Jetty initialises it when the server starts. */
  synchronized JerseyServlet newServlet() {
    servedVersion = version;
    initial = snapshot();
    servlet = new JerseyServlet(build(), CoresServer.STOP_TIMEOUT_MILLIS);
    return servlet;
  }

  /** Called once the servlet is initialised: changes made meanwhile are applied now. */
  synchronized void started() {
    running = true;
    published = initial;
    if (servedVersion != version) {
      scheduleReload();
    }
  }

  /**
   * Whether requests are served by an application built with this resource or extension: from the
   * moment its rebuild is in place, not from the moment it was added.
   */
  boolean serves(Object resourceOrExtension) {
    return published.contains(resourceOrExtension);
  }

  private Set<Object> snapshot() {
    Set<Object> all = Collections.newSetFromMap(new IdentityHashMap<>());
    all.addAll(resources);
    all.addAll(extensions);
    return Collections.unmodifiableSet(all);
  }

  /** Class names of the published resources and this bundle's own. */
  synchronized Set<String> resourceClassNames() {
    Set<String> names = new HashSet<>();
    for (Object resource : resources) {
      names.add(resource.getClass().getName());
    }
    names.add(IndexResource.class.getName());
    names.add(DocsResource.class.getName());
    return names;
  }

  private void changed() {
    version++;
    if (running) {
      scheduleReload();
    }
  }

  private void scheduleReload() {
    if (!reloadPending && !reloader.isShutdown()) {
      reloadPending = true;
      reloader.schedule(this::reload, DEBOUNCE_MILLIS, TimeUnit.MILLISECONDS);
    }
  }

  private void reload() {
    ResourceConfig config;
    JerseyServlet target;
    Set<Object> building;
    int resourceCount;
    int extensionCount;
    synchronized (this) {
      reloadPending = false;
      servedVersion = version;
      building = snapshot();
      config = build();
      target = servlet;
      resourceCount = resources.size();
      extensionCount = extensions.size();
    }
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(classLoader);
    try {
      target.replace(config);
      published = building;
      LOG.info(
          "{} reloaded: {} resources, {} extensions",
          api ? "REST application" : "Page application",
          resourceCount,
          extensionCount);
    } catch (ServletException | RuntimeException e) {
      LOG.error("Reloading the REST application failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  /** This bundle's own providers, fresh for every build. */
  private List<Object> coreInstances() {
    InternalErrors internalErrors = new InternalErrors(settings.debug());
    JsonProblemMapper jsonMapper = new JsonProblemMapper(internalErrors);
    List<Object> instances =
        new ArrayList<>(
            List.of(
                new ObjectMapperResolver(),
                new ProblemExceptionMapper(),
                new WebApplicationExceptionMapper(),
                jsonMapper,
                new ThrowableMapper(internalErrors, jsonMapper),
                new AuthenticationFilter(accounts, csrf, !api),
                new ActingUserFilter(accounts),
                new RolesAllowedFeature(),
                new QueryParametersFeature(),
                new StorableForms()));
    if (api) {
      instances.add(new IndexResource(served));
      instances.add(new DocsResource(served));
    } else {
      instances.add(new HtmlProblems(layouts));
    }
    return instances;
  }

  private synchronized ResourceConfig build() {
    ResourceConfig config = new ResourceConfig();
    // everything is registered explicitly: META-INF/services scanning is unreliable in OSGi
    config.property(CommonProperties.FEATURE_AUTO_DISCOVERY_DISABLE, true);
    config.property(ServerProperties.WADL_FEATURE_DISABLE, true);
    config.property(ServerProperties.BV_FEATURE_DISABLE, true);
    config.property(ServerProperties.PROCESSING_RESPONSE_ERRORS_ENABLED, true);
    config.register(JacksonFeature.withoutExceptionMappers());
    coreInstances().forEach(config::register);
    resources.forEach(config::register);
    extensions.forEach(config::register);
    return config;
  }

  @Override
  public void close() throws InterruptedException {
    reloader.shutdownNow();
    reloader.awaitTermination(5, TimeUnit.SECONDS);
  }
}
