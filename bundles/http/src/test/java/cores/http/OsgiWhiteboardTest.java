package cores.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import cores.api.notify.Notification;
import cores.api.notify.NotificationChannel;
import cores.api.notify.NotificationEvent;
import cores.api.notify.NotificationType;
import cores.api.notify.Outbox;
import cores.api.web.Whiteboard;
import cores.http.auth.AccountServices;
import cores.http.pages.PageLayouts;
import cores.http.system.HealthChecks;
import cores.http.system.SystemResource;
import jakarta.persistence.EntityManager;
import java.lang.annotation.Annotation;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.apache.felix.framework.Felix;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationException;

/**
 * The OSGi side in a real Felix framework: the component's service tracker picks whiteboard
 * services up and drops them, and {@code /api/system} reports the framework's bundles.
 */
class OsgiWhiteboardTest {
  static final HttpClient CLIENT = HttpClient.newHttpClient();
  static final ObjectMapper JSON = ObjectMapperResolver.newObjectMapper();

  static Path storage;
  static Felix felix;
  static BundleContext context;
  static HttpServerComponent component;
  static String base;
  static HttpResponse<String> firstHealth;

  /** The configuration as SCR would hand it over. */
  static HttpConfig config() {
    return config(0);
  }

  static HttpConfig config(int port) {
    return new HttpConfig() {
      @Override
      public Class<? extends Annotation> annotationType() {
        return HttpConfig.class;
      }

      @Override
      public int port() {
        return port;
      }

      @Override
      public String hostname() {
        return "localhost";
      }

      @Override
      public boolean debug() {
        return false;
      }

      @Override
      public String secretKey() {
        return "osgi-test-secret";
      }

      @Override
      public long maxBodyBytes() {
        return 10_485_760L;
      }

      @Override
      public String trustedProxies() {
        return "127.0.0.1";
      }

      @Override
      public int maxActiveRequests() {
        return 0;
      }

      @Override
      public String trustedOrigins() {
        return "";
      }

      @Override
      public String address() {
        return "";
      }
    };
  }

  @BeforeAll
  static void start() throws Exception {
    storage = Files.createTempDirectory("cores-http-felix");
    felix =
        new Felix(
            Map.of(
                Constants.FRAMEWORK_STORAGE,
                storage.toString(),
                Constants.FRAMEWORK_STORAGE_CLEAN,
                Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT));
    felix.start();
    context = felix.getBundleContext();
    TestAccounts accounts = new TestAccounts();
    AccountServices services = new AccountServices();
    services.bindAuthenticator(accounts);
    component =
        new HttpServerComponent(
            config(),
            context,
            services,
            new HealthChecks(Duration.ofSeconds(1), Duration.ZERO),
            new PageLayouts(),
            null);
    base = "http://127.0.0.1:" + component.port();
    firstHealth = get("/api/health");

    SystemResource system =
        new SystemResource(
            context,
            Map.of(
                "HOSTNAME",
                "localhost",
                "SECRET_KEY",
                "****",
                "component.name",
                "cores.http.system.SystemResource",
                "service.pid",
                "cores.system",
                Whiteboard.RESOURCE,
                "true"));
    system.bindAuthenticator(accounts);
    system.addChannel(new Channel());
    system.bindOutbox(new Messages());
    system.addProblemReport(component);
    system.bindWhiteboard(component);
    context.registerService(SystemResource.class, system, resource());
  }

  @AfterAll
  static void stop() throws Exception {
    component.deactivate();
    felix.stop();
    felix.waitForStop(10_000);
    try (var files = Files.walk(storage)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  static Dictionary<String, Object> resource() {
    Dictionary<String, Object> properties = new Hashtable<>();
    properties.put(Whiteboard.RESOURCE, true);
    return properties;
  }

  /** An outbox as the notify bundle reports it: counts per status, nothing enqueued here. */
  static final class Messages implements Outbox {
    @Override
    public OptionalLong enqueue(EntityManager em, NotificationEvent event) {
      throw new UnsupportedOperationException("nothing is enqueued in this test");
    }

    @Override
    public Map<String, Long> counts() {
      return Map.of("pending", 3L, "sent", 5L, "failed", 1L);
    }

    @Override
    public boolean delivers(NotificationType type) {
      throw new UnsupportedOperationException("nothing is sent in this test");
    }
  }

  static final class Channel implements NotificationChannel {
    @Override
    public String name() {
      return "mail-test";
    }

    @Override
    public void deliver(Notification notification) {
      throw new UnsupportedOperationException("nothing is sent in this test");
    }
  }

  static HttpResponse<String> get(String path, String... headers) {
    try {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
      for (int i = 0; i < headers.length; i += 2) {
        request.header(headers[i], headers[i + 1]);
      }
      return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  static void eventually(Supplier<Boolean> condition) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!condition.get()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 10 s");
      }
      Thread.sleep(20);
    }
  }

  @Test
  void healthAnswersFromTheStartAndWhileResourcesComeAndGo() throws Exception {
    // no whiteboard service serves it: the server does, from its first request on
    assertEquals(200, firstHealth.statusCode(), firstHealth.body());
    ServiceRegistration<?> late =
        context.registerService(Object.class.getName(), new TestResources.Late(), resource());
    try {
      eventually(
          () -> {
            assertEquals(200, get("/api/health").statusCode());
            return get("/api/late").statusCode() == 200;
          });
    } finally {
      late.unregister();
    }
    eventually(
        () -> {
          assertEquals(200, get("/api/health").statusCode());
          return get("/api/late").statusCode() == 404;
        });
  }

  @Test
  void resourceServicesComeAndGo() throws Exception {
    assertEquals(404, get("/api/late").statusCode());
    ServiceRegistration<?> late =
        context.registerService(Object.class.getName(), new TestResources.Late(), resource());
    eventually(() -> get("/api/late").statusCode() == 200);
    late.unregister();
    eventually(() -> get("/api/late").statusCode() == 404);
  }

  @Test
  void extensionServicesComeAndGo() throws Exception {
    Dictionary<String, Object> properties = new Hashtable<>();
    properties.put(Whiteboard.EXTENSION, "true");
    ServiceRegistration<?> marker =
        context.registerService(Object.class.getName(), new TestResources.Marker(), properties);
    eventually(() -> get("/api/").headers().firstValue("X-Test-Marker").isPresent());
    marker.unregister();
    eventually(() -> get("/api/").headers().firstValue("X-Test-Marker").isEmpty());
  }

  @Test
  void servicesNotMarkedForTheWhiteboardAreIgnored() throws Exception {
    Dictionary<String, Object> properties = new Hashtable<>();
    properties.put(Whiteboard.RESOURCE, false);
    ServiceRegistration<?> ignored =
        context.registerService(Object.class.getName(), new TestResources.Late(), properties);
    try {
      // a marked service registered afterwards proves a reload happened in between
      ServiceRegistration<?> marker =
          context.registerService(Object.class.getName(), new TestResources.Things(), resource());
      eventually(() -> get("/api/things?limit=1").statusCode() == 200);
      assertEquals(404, get("/api/late").statusCode());
      marker.unregister();
    } finally {
      ignored.unregister();
    }
  }

  @Test
  void systemForSuperusers() throws Exception {
    HttpResponse<String> response = get("/api/system", "Authorization", basic("root", "r00t:pw"));
    assertEquals(200, response.statusCode(), response.body());
    @SuppressWarnings("unchecked")
    Map<String, Object> body = JSON.readValue(response.body(), Map.class);
    assertEquals(List.of("local"), body.get("authProviders"));
    assertEquals(List.of("mail-test"), body.get("notificationChannels"));
    assertEquals(Map.of("pending", 3, "sent", 5, "failed", 1), body.get("notificationOutbox"));
    assertEquals(Map.of("HOSTNAME", "localhost", "SECRET_KEY", "****"), body.get("config"));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> bundles = (List<Map<String, Object>>) body.get("bundles");
    Map<String, Object> framework = bundles.get(0);
    assertEquals(0, framework.get("id"));
    assertEquals("org.apache.felix.framework", framework.get("symbolicName"));
    assertEquals("ACTIVE", framework.get("state"));
    assertTrue(framework.get("version").toString().startsWith("7.0.5"));
  }

  /** Claims {@code GET /api/system}, which {@link SystemResource} answers. */
  @jakarta.ws.rs.Path("system")
  public static final class SystemClash {
    @jakarta.ws.rs.GET
    @jakarta.ws.rs.Produces(jakarta.ws.rs.core.MediaType.APPLICATION_JSON)
    public Map<String, Object> system() {
      return Map.of("clash", true);
    }
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> problems() throws Exception {
    HttpResponse<String> response = get("/api/system", "Authorization", basic("root", "r00t:pw"));
    assertEquals(200, response.statusCode(), response.body());
    return (List<Map<String, Object>>) JSON.readValue(response.body(), Map.class).get("problems");
  }

  @Test
  void aRefusedResourceIsListedInSystemProblemsWithItsReasonUntilItGoes() throws Exception {
    assertEquals(List.of(), problems());
    ServiceRegistration<?> clash =
        context.registerService(Object.class.getName(), new SystemClash(), resource());
    try {
      eventually(() -> !component.problems().isEmpty());
      List<Map<String, Object>> problems = problems();
      assertEquals(1, problems.size(), problems.toString());
      Map<String, Object> problem = problems.get(0);
      assertEquals("http", problem.get("part"));
      assertEquals(
          "resource " + SystemClash.class.getName() + " of org.apache.felix.framework 7.0.5",
          problem.get("subject"));
      assertTrue(problem.get("reason").toString().contains("ambiguous"), problem.toString());
      // still served by SystemResource, which held the path first
      assertTrue(
          get("/api/system", "Authorization", basic("root", "r00t:pw"))
              .body()
              .contains("\"problems\""));
      // the whiteboard report lists both: the refused one with Jersey's reason, the other served
      Map<String, Object> refused = whiteboardEntry(SystemClash.class);
      assertEquals("resource", refused.get("kind"));
      assertEquals(List.of(Whiteboard.API_APPLICATION), refused.get("applications"));
      assertEquals(false, refused.get("served"));
      assertEquals(problem.get("reason"), refused.get("problem"));
      Map<String, Object> holder = whiteboardEntry(SystemResource.class);
      assertEquals(true, holder.get("served"));
      assertEquals(null, holder.get("problem"));
    } finally {
      clash.unregister();
    }
    eventually(() -> component.problems().isEmpty());
    assertEquals(List.of(), problems());
    assertTrue(
        whiteboard().stream()
            .noneMatch(e -> SystemClash.class.getName().equals(e.get("className"))),
        "an unregistered service leaves the report");
  }

  static Map<String, Object> whiteboardEntry(Class<?> type) throws Exception {
    return whiteboard().stream()
        .filter(e -> type.getName().equals(e.get("className")))
        .findFirst()
        .orElseThrow(() -> new AssertionError(type.getName() + " is not in the report"));
  }

  /** The launcher turns the property back into the variable it wrote it from. */
  @Test
  void aPortThatIsTakenFailsTheActivationNamingThePortProperty() throws Exception {
    try (ServerSocket taken = new ServerSocket(0)) {
      ConfigurationException e =
          assertThrows(
              ConfigurationException.class,
              () ->
                  new HttpServerComponent(
                      config(taken.getLocalPort()),
                      context,
                      new AccountServices(),
                      new HealthChecks(),
                      new PageLayouts(),
                      null));
      assertEquals("port", e.getProperty());
      assertEquals(
          "cannot listen on port " + taken.getLocalPort() + " (Address already in use)",
          e.getReason());
    }
  }

  static Dictionary<String, Object> properties(Object... keysAndValues) {
    Dictionary<String, Object> properties = new Hashtable<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      properties.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return properties;
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> whiteboard() throws Exception {
    HttpResponse<String> response = get("/api/system", "Authorization", basic("root", "r00t:pw"));
    assertEquals(200, response.statusCode(), response.body());
    return (List<Map<String, Object>>) JSON.readValue(response.body(), Map.class).get("whiteboard");
  }

  @Test
  void aResourceSelectingThePagesApplicationIsServedAtTheRootAndListedInTheReport()
      throws Exception {
    ServiceRegistration<?> page =
        context.registerService(
            Object.class.getName(),
            new TestResources.Late(),
            properties(
                Whiteboard.RESOURCE,
                true,
                Whiteboard.APPLICATION_SELECT,
                Whiteboard.PAGES,
                Whiteboard.NAME,
                "late page"));
    try {
      eventually(() -> get("/late").statusCode() == 200);
      assertEquals(404, get("/api/late").statusCode());
      Map<String, Object> entry =
          whiteboard().stream()
              .filter(e -> "late page".equals(e.get("name")))
              .findFirst()
              .orElseThrow();
      assertEquals("resource", entry.get("kind"));
      assertEquals(List.of(Whiteboard.PAGES_APPLICATION), entry.get("applications"));
      assertEquals(TestResources.Late.class.getName(), entry.get("className"));
      assertEquals("org.apache.felix.framework 7.0.5", entry.get("bundle"));
      assertEquals(true, entry.get("served"));
      assertEquals(null, entry.get("problem"));
    } finally {
      page.unregister();
    }
    eventually(() -> get("/late").statusCode() == 404);
  }

  @Test
  void aSelectionThatMatchesNoApplicationIsNotServedAndReportedWithItsReason() throws Exception {
    ServiceRegistration<?> lost =
        context.registerService(
            Object.class.getName(),
            new TestResources.Late(),
            properties(
                Whiteboard.RESOURCE,
                true,
                Whiteboard.APPLICATION_SELECT,
                "(" + Whiteboard.NAME + "=elsewhere)"));
    try {
      eventually(() -> !component.problems().isEmpty());
      Map<String, Object> problem = problems().get(0);
      assertEquals(
          "resource " + TestResources.Late.class.getName() + " of org.apache.felix.framework 7.0.5",
          problem.get("subject"));
      assertEquals(
          "osgi.jakartars.application.select=(osgi.jakartars.name=elsewhere) matches no"
              + " application (there are .default at /api and cores.pages at /)",
          problem.get("reason"));
      Map<String, Object> entry =
          whiteboard().stream()
              .filter(e -> TestResources.Late.class.getName().equals(e.get("className")))
              .findFirst()
              .orElseThrow();
      assertEquals(false, entry.get("served"));
      assertEquals(problem.get("reason"), entry.get("problem"));
      assertEquals(404, get("/api/late").statusCode());
      assertEquals(404, get("/late").statusCode());
    } finally {
      lost.unregister();
    }
    eventually(() -> component.problems().isEmpty());
  }

  /** Plugins built for earlier Cores releases keep working. */
  @Test
  @SuppressWarnings("deprecation")
  void theNamesOfEarlierReleasesAreStillServed() throws Exception {
    ServiceRegistration<?> resource =
        context.registerService(
            Object.class.getName(),
            new TestResources.Late(),
            properties("osgi.jaxrs.resource", "true"));
    ServiceRegistration<?> page =
        context.registerService(
            Object.class.getName(), new TestResources.Things(), properties(Whiteboard.PAGE, true));
    try {
      eventually(() -> get("/api/late").statusCode() == 200);
      eventually(() -> get("/things?limit=1").statusCode() == 200);
    } finally {
      resource.unregister();
      page.unregister();
    }
    eventually(() -> get("/api/late").statusCode() == 404);
  }

  @Test
  void systemRefusesOthers() {
    assertEquals(401, get("/api/system").statusCode());
    assertEquals(
        403, get("/api/system", "Authorization", basic("alice", "wonder land")).statusCode());
  }
}
