package cores.http;

import cores.http.auth.AccountServices;
import cores.http.auth.ActingUserFilter;
import cores.http.auth.AuthenticationFilter;
import cores.http.auth.CrossOrigin;
import cores.http.auth.CsrfTokens;
import cores.http.auth.DocumentedUserFeature;
import cores.http.auth.RolesAllowedFeature;
import cores.http.docs.CachedAnswer;
import cores.http.docs.DocsResource;
import cores.http.docs.Endpoints;
import cores.http.docs.Operation;
import cores.http.pages.HtmlProblems;
import cores.http.pages.PageLayouts;
import cores.http.pages.StorableQueries;
import cores.http.problem.InternalErrors;
import cores.http.problem.JsonProblemMapper;
import cores.http.problem.ProblemExceptionMapper;
import cores.http.problem.ThrowableMapper;
import cores.http.problem.WebApplicationExceptionMapper;
import cores.http.system.IndexResource;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.glassfish.jersey.CommonProperties;
import org.glassfish.jersey.Severity;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.server.model.ModelValidationException;
import org.glassfish.jersey.server.model.ResourceModelIssue;
import org.glassfish.jersey.servlet.ServletContainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Jersey application: this bundle's providers plus the resources and extensions currently
 * published on the whiteboard. Changes rebuild it; a burst of changes (a bundle starting with many
 * resources) waits a moment and causes one reload.
 *
 * <p>Jersey refuses a whole application for one bad resource (a method clashing with another's
 * path, an invalid model). So when everything together is refused, the resources and extensions are
 * tried one at a time: the platform's own before the plugins' (a plugin cannot take a path of the
 * platform), within each those served before first (an established path stays with its holder),
 * then in the order they came. Each one Jersey refuses is left out with its reason, and tried again
 * at the next rebuild (what it clashed with may have gone away).
 */
final class JerseyApplication implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JerseyApplication.class);
  private static final long DEBOUNCE_MILLIS = 100;

  private final HttpSettings settings;
  private final AccountServices accounts;
  private final CsrfTokens csrf;
  private final CrossOrigin crossOrigin;
  private final ClassLoader classLoader;

  /**
   * The REST API at /api (with its index), or the pages at / (resources of the pages' application).
   */
  private final boolean api;

  /** What the index and the description list besides the resources: see {@link Endpoints}. */
  private final List<Operation> served;

  /** The pages' frame, for their error pages; null for the API. */
  private final PageLayouts layouts;

  /** In the order they came: the order refused ones are tried in. */
  private final List<Object> resources = new ArrayList<>();

  private final List<Object> extensions = new ArrayList<>();

  /** The resources and extensions that yield to the others on a clash: the plugins'. */
  private final Set<Object> plugins = Collections.newSetFromMap(new IdentityHashMap<>());

  private final ScheduledExecutorService reloader =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "cores-http-reload");
            thread.setDaemon(true);
            return thread;
          });

  private static final Build NONE = new Build(Set.of(), Map.of());

  /** The refusals last logged: each is logged once, when it first appears or its reason changes. */
  private Map<Object, String> reported = Map.of();

  private volatile JerseyServlet<Build> servlet;

  // guarded by this
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
    this.crossOrigin = new CrossOrigin(settings.hostname(), settings.trustedOrigins());
    this.classLoader = classLoader;
  }

  /** What one build serves, and what Jersey refused in it with the reasons. */
  private record Build(Set<Object> serving, Map<Object, String> refused) {}

  /**
   * @param plugin a plugin's rather than the platform's: on a clash it yields
   */
  synchronized void addResource(Object resource, boolean plugin) {
    add(resources, resource, plugin);
  }

  synchronized void removeResource(Object resource) {
    remove(resources, resource);
  }

  /**
   * @param plugin a plugin's rather than the platform's: on a clash it yields
   */
  synchronized void addExtension(Object extension, boolean plugin) {
    add(extensions, extension, plugin);
  }

  synchronized void removeExtension(Object extension) {
    remove(extensions, extension);
  }

  /** Instances are told apart by identity: two equal resources are two registrations. */
  private void add(List<Object> list, Object item, boolean plugin) {
    if (list.stream().noneMatch(o -> o == item)) {
      list.add(item);
      if (plugin) {
        plugins.add(item);
      }
      changed();
    }
  }

  private void remove(List<Object> list, Object item) {
    if (list.removeIf(o -> o == item)) {
      plugins.remove(item);
      changed();
    }
  }

  /** The servlet to mount; Jetty initialises it when the server starts. */
  synchronized Servlet newServlet() {
    servlet = new JerseyServlet<>(this::build, CoresServer.STOP_TIMEOUT_MILLIS);
    return servlet;
  }

  /** Called once Jetty has started: the first application is built now, off the caller's thread. */
  synchronized void started() {
    running = true;
    scheduleReload();
  }

  /** What the application taking new requests was built with. */
  private Build current() {
    JerseyServlet<Build> target = servlet;
    return target == null ? NONE : target.serving(NONE);
  }

  /** Logs what the build just put in place refuses anew. */
  private synchronized void report() {
    Build current = current();
    for (Map.Entry<Object, String> refusal : current.refused().entrySet()) {
      if (!refusal.getValue().equals(reported.get(refusal.getKey()))) {
        LOG.warn(
            "{} {} refused, the others are served: {}",
            api ? "REST resource or extension" : "Page resource or extension",
            refusal.getKey().getClass().getName(),
            refusal.getValue());
      }
    }
    reported = current.refused();
  }

  /** What Jersey refused in the application serving requests, with the reasons. */
  Map<Object, String> refused() {
    return current().refused();
  }

  /**
   * Whether requests are served by an application built with this resource or extension: from the
   * moment its rebuild is in place, not from the moment it was added.
   */
  boolean serves(Object resourceOrExtension) {
    return current().serving().contains(resourceOrExtension);
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
    JerseyServlet<Build> target;
    synchronized (this) {
      reloadPending = false;
      target = servlet;
    }
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(classLoader);
    try {
      target.rebuild();
      report();
      Build current = current();
      LOG.info(
          "{} built: {} resources and extensions served, {} refused",
          api ? "REST application" : "Page application",
          current.serving().size(),
          current.refused().size());
    } catch (ServletException | RuntimeException e) {
      LOG.error("Reloading the REST application failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  /**
   * This bundle's own providers, fresh for every build.
   *
   * @param plugins the plugins' resources and extensions, which some of them leave alone
   */
  private List<Object> coreInstances(Set<Object> plugins) {
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
                new AuthenticationFilter(accounts, csrf, crossOrigin, !api),
                new ActingUserFilter(accounts),
                new RolesAllowedFeature(),
                new DocumentedUserFeature(),
                new QueryParametersFeature(),
                new AcceptHeader(),
                new QueryEncoding(),
                new UncodedBodies(),
                new Utf8Bodies(api),
                new UnreadBodies(),
                new AnswerBuffer()));
    if (api) {
      instances.add(new IndexResource(served));
      instances.add(new DocsResource(served));
      instances.add(new CachedAnswer.Filter());
      instances.add(
          new UnmatchableIfMatch.Binding(
              plugins.stream().map(Object::getClass).collect(Collectors.toSet())));
    } else {
      instances.add(new HtmlProblems(layouts));
      instances.add(new StorableQueries());
    }
    return instances;
  }

  /**
   * Initialises the application with what is published now, leaving out what Jersey refuses; the
   * outcome goes with the application. Only the reload thread calls it.
   */
  private JerseyServlet.Built<Build> build(JerseyServlet<Build> target) throws ServletException {
    // resources before extensions: the order they are registered in
    List<Object> all;
    Set<Object> yielding;
    Set<Object> before = current().serving();
    synchronized (this) {
      all = new ArrayList<>(resources);
      all.addAll(extensions);
      yielding = identitySet(List.copyOf(plugins));
    }
    Set<Object> accepted = identitySet(all);
    try {
      ServletContainer container = target.initialise(config(all, accepted, yielding));
      return new JerseyServlet.Built<>(
          container, new Build(Collections.unmodifiableSet(accepted), Map.of()));
    } catch (ServletException | RuntimeException e) {
      LOG.debug("Jersey refused the application; trying its parts one at a time", e);
    }
    // the platform's own served before were valid together: they go in at once
    accepted =
        identitySet(all.stream().filter(p -> before.contains(p) && !yielding.contains(p)).toList());
    if (!valid(target, all, accepted, yielding)) {
      accepted.clear();
    }
    List<Object> candidates = new ArrayList<>();
    for (boolean plugin : new boolean[] {false, true}) {
      for (boolean servedBefore : new boolean[] {true, false}) {
        for (Object part : all) {
          if (yielding.contains(part) == plugin && before.contains(part) == servedBefore) {
            candidates.add(part);
          }
        }
      }
    }
    Map<Object, String> refusals = new IdentityHashMap<>();
    for (Object candidate : candidates) {
      if (accepted.contains(candidate)) {
        continue;
      }
      accepted.add(candidate);
      try {
        target.initialise(config(all, accepted, yielding)).destroy();
      } catch (ServletException | RuntimeException e) {
        accepted.remove(candidate);
        refusals.put(candidate, reason(e));
      }
    }
    // the trials are destroyed: a refused trial may have touched the accepted instances last
    ServletContainer container = target.initialise(config(all, accepted, yielding));
    return new JerseyServlet.Built<>(
        container,
        new Build(Collections.unmodifiableSet(accepted), Collections.unmodifiableMap(refusals)));
  }

  private boolean valid(
      JerseyServlet<Build> target, List<Object> all, Set<Object> parts, Set<Object> plugins) {
    try {
      target.initialise(config(all, parts, plugins)).destroy();
      return true;
    } catch (ServletException | RuntimeException e) {
      LOG.debug("Jersey refused the parts served before", e);
      return false;
    }
  }

  private static Set<Object> identitySet(List<Object> items) {
    Set<Object> set = Collections.newSetFromMap(new IdentityHashMap<>());
    set.addAll(items);
    return set;
  }

  /** Jersey's fatal findings, else the exception's messages. */
  private static String reason(Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ModelValidationException invalid) {
        List<String> fatal =
            invalid.getIssues().stream()
                .filter(issue -> issue.getSeverity() == Severity.FATAL)
                .map(ResourceModelIssue::getMessage)
                .toList();
        if (!fatal.isEmpty()) {
          return String.join("; ", fatal);
        }
      }
    }
    StringBuilder reason = new StringBuilder(Objects.toString(e.getMessage(), e.toString()));
    for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
      reason.append(": ").append(Objects.toString(t.getMessage(), t.toString()));
    }
    return reason.toString();
  }

  /**
   * A fresh configuration: this bundle's providers, then those of {@code all} among {@code parts}.
   */
  private ResourceConfig config(List<Object> all, Set<Object> parts, Set<Object> plugins) {
    ResourceConfig config = new ResourceConfig();
    // everything is registered explicitly: META-INF/services scanning is unreliable in OSGi
    config.property(CommonProperties.FEATURE_AUTO_DISCOVERY_DISABLE, true);
    config.property(ServerProperties.WADL_FEATURE_DISABLE, true);
    config.property(ServerProperties.BV_FEATURE_DISABLE, true);
    config.property(ServerProperties.PROCESSING_RESPONSE_ERRORS_ENABLED, true);
    // AnswerBuffer holds the answers instead, without 8 KB of its own for each
    config.property(ServerProperties.OUTBOUND_CONTENT_LENGTH_BUFFER, 0);
    config.register(JacksonFeature.withoutExceptionMappers());
    coreInstances(plugins).forEach(config::register);
    all.stream().filter(parts::contains).forEach(config::register);
    return config;
  }

  @Override
  public void close() throws InterruptedException {
    reloader.shutdownNow();
    reloader.awaitTermination(5, TimeUnit.SECONDS);
  }
}
