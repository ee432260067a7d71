package cores.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.accounts.Accounts;
import cores.api.accounts.User;
import cores.api.auth.AuthenticationUnavailableException;
import cores.api.auth.HttpAuthenticationScheme;
import cores.api.auth.Identity;
import cores.http.auth.AccountServices;
import cores.http.auth.AuthTestResource;
import cores.http.system.HealthChecks;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Authorization schemes that another bundle provides as {@link HttpAuthenticationScheme} services
 * (SPNEGO in auth-kerberos), through the real server over real HTTP. The scheme here checks a fixed
 * secret: the filter's contract is what is tested, the Kerberos bundle tests real SPNEGO.
 */
class SchemeAuthenticationTest {
  static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  static final AccountServices SERVICES = new AccountServices();
  static final ProvisionedAccounts ACCOUNTS = new ProvisionedAccounts();
  static final SecretScheme SCHEME = new SecretScheme();
  static CoresServer server;
  static String base;

  @BeforeAll
  static void start() throws Exception {
    SERVICES.bindAccounts(ACCOUNTS);
    server =
        new CoresServer(
            new HttpSettings(0, "localhost", false, "secret", 2048),
            SERVICES,
            new HealthChecks(),
            Readiness.READY);
    server.addResource(new AuthTestResource());
    server.start();
    base = "http://127.0.0.1:" + server.port();
  }

  @AfterAll
  static void stop() throws Exception {
    server.stop();
  }

  @AfterEach
  void unbind() {
    SERVICES.unbindScheme(SCHEME);
    SERVICES.bindAccounts(ACCOUNTS);
  }

  static HttpResponse<String> get(String... headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + "/api/auth-test")).timeout(Duration.ofSeconds(10));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> post(String... headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + "/api/auth-test"))
            .timeout(Duration.ofSeconds(10))
            .POST(HttpRequest.BodyPublishers.noBody());
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static List<String> challenges(HttpResponse<String> response) {
    return response.headers().allValues("WWW-Authenticate");
  }

  @Test
  void acceptedCredentialsProvisionTheUserAndCarryTheSchemeAnswer() throws Exception {
    SERVICES.bindScheme(SCHEME);
    HttpResponse<String> response = get("Authorization", "secret  open-sesame ");
    assertEquals(200, response.statusCode(), response.body());
    assertTrue(response.body().contains("authenticated as carol"), response.body());
    assertEquals(List.of("Secret mutual-answer"), challenges(response));
    assertTrue(ACCOUNTS.users.containsKey("carol"));
  }

  @Test
  void credentialsTheBrowserCachedAreRefusedFromAnotherSite() throws Exception {
    SERVICES.bindScheme(SCHEME);
    HttpResponse<String> refused =
        post("Authorization", "Secret open-sesame", "Origin", "https://evil.example");
    assertEquals(403, refused.statusCode(), refused.body());
    assertTrue(refused.body().contains("Cross-site request refused"), refused.body());
    assertEquals(
        403,
        post("Authorization", "Secret open-sesame", "Sec-Fetch-Site", "cross-site").statusCode());
    // authenticated, then refused by the resource that answers only GET
    assertEquals(405, post("Authorization", "Secret open-sesame").statusCode());
  }

  @Test
  void refusedCredentialsAre401WithTheScheme() throws Exception {
    SERVICES.bindScheme(SCHEME);
    HttpResponse<String> response = get("Authorization", "Secret wrong");
    assertEquals(401, response.statusCode());
    assertEquals(List.of("Secret"), challenges(response));
  }

  @Test
  void anonymousRequestsAreOfferedTheScheme() throws Exception {
    assertEquals(List.of("Token realm=\"cores\""), challenges(get()));
    SERVICES.bindScheme(SCHEME);
    HttpResponse<String> response = get();
    assertEquals(401, response.statusCode());
    assertEquals(List.of("Token realm=\"cores\"", "Secret"), challenges(response));
  }

  @Test
  void aSchemeNobodyProvidesLeavesTheRequestAnonymous() throws Exception {
    HttpResponse<String> response = get("Authorization", "Secret open-sesame");
    assertEquals(401, response.statusCode());
    assertTrue(response.body().contains("credentials were not provided"), response.body());
  }

  @Test
  void anUnavailableSchemeOrAccountsServiceIs503() throws Exception {
    SERVICES.bindScheme(SCHEME);
    assertEquals(503, get("Authorization", "Secret down").statusCode());
    assertEquals(503, get("Authorization", "Secret unstorable").statusCode());
    SERVICES.unbindAccounts(ACCOUNTS);
    assertEquals(503, get("Authorization", "Secret open-sesame").statusCode());
  }

  @Test
  void inactiveUsersAreRefused() throws Exception {
    SERVICES.bindScheme(SCHEME);
    assertEquals(401, get("Authorization", "Secret inactive").statusCode());
  }

  /** Accepts {@code open-sesame} as carol, {@code inactive} as dave, {@code unstorable} as erin. */
  static final class SecretScheme implements HttpAuthenticationScheme {
    @Override
    public String scheme() {
      return "Secret";
    }

    @Override
    public Outcome authenticate(String credentials) throws AuthenticationUnavailableException {
      return switch (credentials) {
        case "open-sesame" ->
            Outcome.accepted(Identity.of("secret", "carol"), Optional.of("mutual-answer"));
        case "inactive" -> Outcome.accepted(Identity.of("secret", "dave"), Optional.empty());
        case "unstorable" -> Outcome.accepted(Identity.of("secret", "erin"), Optional.empty());
        case "down" -> throw new AuthenticationUnavailableException("key material unreadable");
        default -> Outcome.refused();
      };
    }
  }

  /** Keeps provisioned users in memory; dave is inactive; erin cannot be stored. */
  static final class ProvisionedAccounts implements Accounts {
    final Map<String, User> users = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    @Override
    public User provision(Identity identity) {
      if (identity.username().equals("erin")) {
        throw new IllegalStateException("the user database is down");
      }
      return users.computeIfAbsent(
          identity.username(),
          name ->
              new User(
                  ids.incrementAndGet(),
                  name,
                  null,
                  null,
                  null,
                  !name.equals("dave"),
                  false,
                  false,
                  Set.of(),
                  Set.of(),
                  null));
    }

    @Override
    public Optional<User> find(long id) {
      return users.values().stream().filter(u -> u.id() == id).findFirst();
    }

    @Override
    public Optional<User> findByUsername(String username) {
      return Optional.ofNullable(users.get(username));
    }

    @Override
    public User createSuperuser(String username, String email, char[] password) {
      throw new UnsupportedOperationException("not used by the HTTP bundle");
    }

    @Override
    public List<User> search(String text, int limit) {
      throw new UnsupportedOperationException("not used by the HTTP bundle");
    }
  }
}
