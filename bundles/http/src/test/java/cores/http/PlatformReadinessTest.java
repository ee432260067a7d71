package cores.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import cores.api.web.Whiteboard;
import cores.http.auth.AccountServices;
import cores.http.pages.PageLayouts;
import cores.http.system.HealthChecks;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Dictionary;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.apache.felix.framework.Felix;
import org.apache.felix.scr.impl.Activator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * Readiness in a real Felix with real SCR (Apache Felix SCR 2.2): a "feature" bundle built here,
 * with a component that needs a service and one that fails to activate, and a "plugin" bundle
 * outside the features. The launcher's framework property names the feature's bundles.
 *
 * <p>SCR's API packages come from this class path through the system bundle, so that the runtime
 * service SCR registers is of the same class the readiness check is compiled against.
 */
class PlatformReadinessTest {
  static final HttpClient CLIENT = HttpClient.newHttpClient();
  static final ObjectMapper JSON = ObjectMapperResolver.newObjectMapper();
  static final String SCR_API =
      String.join(
          ",",
          "org.osgi.service.component;version=1.5.1",
          "org.osgi.service.component.runtime;version=1.5.1",
          "org.osgi.service.component.runtime.dto;version=1.5.1",
          "org.osgi.util.promise;version=1.3.0",
          "org.osgi.util.function;version=1.2.0");

  static Path storage;
  static Felix felix;
  static BundleContext context;
  static Bundle feature;
  static Path plugin;
  static ServiceComponentRuntime scr;
  static HttpServerComponent component;
  static String base;

  /** Needs a {@link Runnable} service: unsatisfied until one is registered. */
  public static final class NeedsRunnable {
    public NeedsRunnable() {
      // SCR instantiates it once a Runnable is there
    }
  }

  /** A component's service: readiness waits for a satisfied component's registration. */
  public static final class Supplies implements Supplier<String> {
    public Supplies() {
      // SCR instantiates it
    }

    @Override
    public String get() {
      return "supplied";
    }
  }

  /** Cannot be activated. */
  public static final class FailsToActivate {
    public FailsToActivate() {
      throw new IllegalStateException("this component never activates");
    }
  }

  @BeforeAll
  static void start() throws Exception {
    storage = Files.createTempDirectory("cores-readiness");
    String scrLocation = location(Activator.class);
    Path featureJar =
        bundle(
            "test.feature",
            component("test.needs", NeedsRunnable.class, true, true),
            component("test.fails", FailsToActivate.class, false, false));
    plugin =
        bundle("test.plugin", component("test.plugin.fails", FailsToActivate.class, true, false));
    String featureLocation = featureJar.toUri().toString();
    felix =
        new Felix(
            Map.of(
                Constants.FRAMEWORK_STORAGE,
                storage.resolve("cache").toString(),
                Constants.FRAMEWORK_STORAGE_CLEAN,
                Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT,
                Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA,
                SCR_API,
                PlatformReadiness.FEATURE_BUNDLES,
                scrLocation + " " + featureLocation));
    felix.start();
    context = felix.getBundleContext();
    context.installBundle(scrLocation).start();
    feature = context.installBundle(featureLocation);
    scr = context.getService(context.getServiceReference(ServiceComponentRuntime.class));
    component =
        new HttpServerComponent(
            OsgiWhiteboardTest.config(),
            context,
            new AccountServices(),
            new HealthChecks(Duration.ofSeconds(1), Duration.ZERO),
            new PageLayouts(),
            scr);
    base = "http://127.0.0.1:" + component.port();
  }

  @AfterAll
  static void stop() throws Exception {
    component.deactivate();
    felix.stop();
    felix.waitForStop(10_000);
    try (Stream<Path> files = Files.walk(storage)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Test
  void readyOnlyOnceTheFeaturesBundlesRunTheirResourcesAreServedAndTheLauncherConfirmed()
      throws Exception {
    // installed, not started: health says so, everything else is 503 with Retry-After
    assertEquals("waiting for bundle test.feature (installed)", platform());
    HttpResponse<String> early = get("/api/late");
    assertEquals(503, early.statusCode(), early.body());
    assertEquals("1", early.headers().firstValue("Retry-After").orElse(""));
    assertEquals(200, get("/api/health/live").statusCode());

    // started: its component waits for a service
    feature.start();
    eventually(() -> platform().equals("waiting for component test.needs (needs [runnable])"));
    assertEquals(503, get("/api/late").statusCode());

    // the service comes, the component runs; the feature publishes a resource: until the server
    // serves it, the gate holds every request back, so it is never a 404
    ServiceRegistration<Runnable> runnable =
        context.registerService(Runnable.class, () -> {}, null);
    // everything runs, but the launcher has not confirmed the start (it checks every component
    // and stops the process if one failed): not ready yet
    eventually(() -> platform().equals("waiting for the launcher's start check"));
    assertEquals(503, get("/api/late").statusCode());
    Dictionary<String, Object> started = new Hashtable<>();
    started.put(PlatformReadiness.STARTED, true);
    ServiceRegistration<?> confirmed =
        context.registerService(Object.class.getName(), new Object(), started);
    eventually(() -> platform().equals("UP"));
    ServiceRegistration<?> late =
        feature
            .getBundleContext()
            .registerService(Object.class.getName(), new TestResources.Late(), resource());
    while (true) {
      int status = get("/api/late").statusCode();
      assertNotEquals(404, status, "a resource being published is never a 404");
      if (get("/api/health").statusCode() == 200) {
        // health said ready: the resource answers from now on
        assertEquals(200, get("/api/late").statusCode());
        break;
      }
      assertEquals(503, status);
      Thread.sleep(10);
    }

    // a component of the feature that fails makes it unready; disabled, it is ready again
    ComponentDescriptionDTO fails = scr.getComponentDescriptionDTO(feature, "test.fails");
    scr.enableComponent(fails).getValue();
    eventually(
        () ->
            platform()
                .equals("waiting for component test.fails (failed to activate, see the log)"));
    scr.disableComponent(fails).getValue();
    eventually(() -> platform().equals("UP"));

    // a component enabled by default that is not (yet: SCR enables what it loaded a moment later)
    ComponentDescriptionDTO needs = scr.getComponentDescriptionDTO(feature, "test.needs");
    scr.disableComponent(needs).getValue();
    eventually(() -> platform().equals("waiting for component test.needs (not enabled yet)"));
    scr.enableComponent(needs).getValue();
    eventually(() -> platform().equals("UP"));

    // a plugin is in no feature: its failing component does not hold readiness back
    Bundle dropped = context.installBundle(plugin.toUri().toString());
    dropped.start();
    eventually(
        () ->
            scr
                .getComponentConfigurationDTOs(
                    scr.getComponentDescriptionDTO(dropped, "test.plugin.fails"))
                .stream()
                .anyMatch(c -> c.state == ComponentConfigurationDTO.FAILED_ACTIVATION));
    Thread.sleep(ReadinessCache.READY_MS + 100);
    assertEquals("UP", platform());
    assertEquals(200, get("/api/late").statusCode());

    late.unregister();
    runnable.unregister();
    confirmed.unregister();
  }

  /**
   * A starting platform works its readiness out again at every probe: what it costs must not grow
   * with the components times the services (a registry look per component scans every service).
   */
  @Test
  void workingReadinessOutLooksAtTheRegistryAFixedNumberOfTimesWhateverTheComponents()
      throws Exception {
    Component[] components = new Component[8];
    for (int i = 0; i < components.length; i++) {
      components[i] =
          new Component("test.supplies." + i, Supplies.class, true, false, Supplier.class);
    }
    Bundle supplies = context.installBundle(bundle("test.supplies", components).toUri().toString());
    AtomicInteger lookups = new AtomicInteger();
    // the framework as PlatformReadiness sees it: only the new bundle is awaited, lookups counted
    BundleContext counting =
        (BundleContext)
            Proxy.newProxyInstance(
                BundleContext.class.getClassLoader(),
                new Class<?>[] {BundleContext.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("getProperty")
                      && PlatformReadiness.FEATURE_BUNDLES.equals(args[0])) {
                    return supplies.getLocation();
                  }
                  if (method.getName().endsWith("ServiceReferences")) {
                    lookups.incrementAndGet();
                  }
                  try {
                    return method.invoke(context, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
    Dictionary<String, Object> started = new Hashtable<>();
    started.put(PlatformReadiness.STARTED, true);
    ServiceRegistration<?> confirmed =
        context.registerService(Object.class.getName(), new Object(), started);
    try {
      PlatformReadiness readiness =
          new PlatformReadiness(counting, scr, HttpServerComponent.WHITEBOARD_FILTER, r -> true);
      assertEquals(Optional.of("bundle test.supplies (installed)"), readiness.waitingFor());
      supplies.start();
      eventually(() -> readiness.waitingFor().isEmpty());

      lookups.set(0);
      assertEquals(Optional.empty(), readiness.waitingFor());
      assertTrue(
          lookups.get() <= 3,
          lookups + " registry lookups for " + components.length + " components");
    } finally {
      confirmed.unregister();
      supplies.uninstall();
    }
  }

  /** The platform part of {@code /api/health}: "UP" or its detail. */
  static String platform() {
    HttpResponse<String> response = get("/api/health");
    try {
      Map<?, ?> part =
          (Map<?, ?>)
              ((Map<?, ?>) JSON.readValue(response.body(), Map.class).get("components"))
                  .get("platform");
      Object detail = part.get("detail");
      assertEquals(detail == null ? 200 : 503, response.statusCode(), response.body());
      return detail == null ? part.get("status").toString() : detail.toString();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static HttpResponse<String> get(String path) {
    try {
      return CLIENT.send(
          HttpRequest.newBuilder(URI.create(base + path)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static Dictionary<String, Object> resource() {
    Dictionary<String, Object> properties = new Hashtable<>();
    properties.put(Whiteboard.RESOURCE, true);
    return properties;
  }

  static void eventually(java.util.function.BooleanSupplier condition) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 10 s; health: " + platform());
      }
      Thread.sleep(20);
    }
  }

  /** The jar a class was loaded from, as a bundle location. */
  static String location(Class<?> type) throws Exception {
    return type.getProtectionDomain().getCodeSource().getLocation().toURI().toString();
  }

  /**
   * A DS component description (DS 1.3: a reference needs no bind method).
   *
   * @param service the interface it provides, or null for none
   */
  record Component(
      String name,
      Class<?> implementation,
      boolean enabled,
      boolean needsRunnable,
      Class<?> service) {
    String xml() {
      return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          + "<scr:component xmlns:scr=\"http://www.osgi.org/xmlns/scr/v1.3.0\" name=\""
          + name
          + "\" immediate=\"true\" enabled=\""
          + enabled
          + "\">\n  <implementation class=\""
          + implementation.getName()
          + "\"/>\n"
          + (needsRunnable
              ? "  <reference name=\"runnable\" interface=\"java.lang.Runnable\"/>\n"
              : "")
          + (service == null
              ? ""
              : "  <service><provide interface=\"" + service.getName() + "\"/></service>\n")
          + "</scr:component>\n";
    }
  }

  static Component component(
      String name, Class<?> implementation, boolean enabled, boolean needsRunnable) {
    return new Component(name, implementation, enabled, needsRunnable, null);
  }

  /** A bundle with the components and their classes (copied from this class path). */
  static Path bundle(String symbolicName, Component... components) throws IOException {
    Manifest manifest = new Manifest();
    Attributes main = manifest.getMainAttributes();
    main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    main.putValue(Constants.BUNDLE_MANIFESTVERSION, "2");
    main.putValue(Constants.BUNDLE_SYMBOLICNAME, symbolicName);
    main.putValue(Constants.BUNDLE_VERSION, "1.0.0");
    StringBuilder descriptors = new StringBuilder();
    for (Component c : components) {
      descriptors
          .append(descriptors.length() == 0 ? "" : ",")
          .append("OSGI-INF/" + c.name() + ".xml");
    }
    main.putValue("Service-Component", descriptors.toString());
    Path jar = storage.resolve(symbolicName + ".jar");
    Set<Class<?>> copied = new HashSet<>();
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file, manifest)) {
      for (Component c : components) {
        out.putNextEntry(new JarEntry("OSGI-INF/" + c.name() + ".xml"));
        out.write(c.xml().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (!copied.add(c.implementation())) {
          continue;
        }
        String classFile = c.implementation().getName().replace('.', '/') + ".class";
        out.putNextEntry(new JarEntry(classFile));
        try (InputStream in =
            PlatformReadinessTest.class.getClassLoader().getResourceAsStream(classFile)) {
          in.transferTo(out);
        }
      }
    }
    return jar;
  }
}
