package cores.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.auth.kerberos.testkdc.MitKdc;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivilegedExceptionAction;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.security.auth.Subject;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;
import org.apache.kerby.kerberos.kerb.server.SimpleKdcServer;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.Oid;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * KERBEROS_AUTH=True against a real KDC (Apache Kerby in this JVM, over TCP): the built
 * distribution shows the provider in {@code /api/system}, logs a user in with HTTP Basic through
 * the KDC (verified with the keytab), accepts SPNEGO from the JDK's GSS client with mutual
 * authentication, and answers "unavailable" once the KDC is down while local accounts still work.
 * The same against MIT Kerberos' own KDC (Debian's {@code krb5-kdc}), with and without
 * pre-authentication.
 */
class KerberosSwitchIT {
  private static final String REALM = "CORES.TEST";
  private static final String SERVICE = "HTTP/localhost";
  private static final String ALICE_PASSWORD = "alice-" + System.nanoTime();
  private static final String ADMIN_PASSWORD = "admin-" + System.nanoTime();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir static Path directory;
  private static SimpleKdcServer kdc;
  private static int kdcPort;
  private static Path keytab;
  private static TestDatabase db;

  @BeforeAll
  static void startKdcAndCreateAdmin() throws Exception {
    kdcPort = CoresProcess.freePort();
    kdc = new SimpleKdcServer();
    kdc.setWorkDir(Files.createDirectories(directory.resolve("kdc")).toFile());
    kdc.setKdcRealm(REALM);
    kdc.setKdcHost("127.0.0.1");
    kdc.setAllowUdp(false);
    kdc.setKdcTcpPort(kdcPort);
    kdc.init();
    kdc.start();
    kdc.createPrincipal("alice@" + REALM, ALICE_PASSWORD);
    kdc.createPrincipal(SERVICE + "@" + REALM);
    keytab = directory.resolve("cores.keytab");
    kdc.exportPrincipal(SERVICE + "@" + REALM, keytab.toFile());

    db = TestDatabase.migrated();
    try (CoresProcess command =
        CoresProcess.builder("kerberos-createsuperuser")
            .env(db.environment())
            .env("CORES_SUPERUSER_PASSWORD", ADMIN_PASSWORD)
            .args("createsuperuser", "--username", "admin", "--email", "admin@example.org")
            .start()) {
      assertEquals(0, command.awaitExit(Duration.ofSeconds(90)), command.errors());
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (kdc != null) {
      kdc.stop();
    }
    if (db != null) {
      db.close();
    }
  }

  @Test
  void basicAndSpnegoLoginThroughTheKdc() throws Exception {
    try (CoresProcess cores =
        CoresProcess.builder("kerberos")
            .env(db.environment())
            .env("KERBEROS_AUTH", "True")
            // as the original's documentation writes it; realms are upper case
            .env("KERBEROS_REALM", "cores.test")
            .env("KERBEROS_KDC", "127.0.0.1:" + kdcPort)
            .env("KERBEROS_SERVICE", SERVICE)
            .env("KERBEROS_KEYTAB", keytab.toString())
            .env("LDAP_LOGGING", "True")
            .start()) {
      cores.awaitStarted(Duration.ofSeconds(90));
      cores.awaitHealthy(Duration.ofSeconds(30));

      HttpResponse<String> system = get(cores, "/api/system", basic("admin", ADMIN_PASSWORD));
      assertEquals(200, system.statusCode(), system.body());
      assertTrue(
          system.body().contains("\"authProviders\":[\"local\",\"kerberos\"]"), system.body());

      HttpResponse<String> alice = get(cores, "/api/auth-test", basic("alice", ALICE_PASSWORD));
      assertEquals(200, alice.statusCode(), alice.body());
      assertTrue(alice.body().contains("authenticated as alice"), alice.body());
      assertEquals(401, get(cores, "/api/auth-test", basic("alice", "wrong")).statusCode());
      assertEquals(401, get(cores, "/api/auth-test", basic("nobody", "x")).statusCode());

      HttpResponse<String> anonymous = get(cores, "/api/auth-test", null);
      assertEquals(401, anonymous.statusCode());
      assertTrue(
          anonymous.headers().allValues("WWW-Authenticate").contains("Negotiate"),
          anonymous.headers().toString());

      spnego(cores);

      // the KDC goes down: its users get "unavailable", local accounts still log in
      kdc.stop();
      kdc = null;
      HttpResponse<String> down = get(cores, "/api/auth-test", basic("alice", ALICE_PASSWORD));
      assertEquals(503, down.statusCode(), down.body());
      assertEquals(200, get(cores, "/api/auth-test", basic("admin", ADMIN_PASSWORD)).statusCode());

      assertEquals(0, cores.stop());
      String log = cores.output();
      assertTrue(log.contains("Kerberos: the KDC's answer for alice@CORES.TEST is verified"), log);
      assertTrue(log.contains("SPNEGO: accepted alice@CORES.TEST"), log);
      assertFalse(log.contains(ALICE_PASSWORD), "no password in the log");
      assertFalse(cores.errors().contains(ALICE_PASSWORD), "no password on stderr");
    }
  }

  /**
   * MIT Kerberos' own KDC: a wrong password is a 401 counted by the login throttle, whether the
   * user needs no pre-authentication (MIT's default: the KDC answers, the answer does not decrypt)
   * or {@code +requires_preauth} (the KDC refuses); only a KDC that does not answer is a 503.
   */
  @Test
  void wrongPasswordsAgainstMitKerberosAre401AndCountedAndAKdcDownIs503() throws Exception {
    MitKdc.requireInstalled();
    String password = "mit-" + System.nanoTime();
    try (MitKdc mit = MitKdc.start(directory.resolve("mit"), "MIT.TEST")) {
      mit.addPrincipal("carol", password, false);
      mit.addPrincipal("dave", password, true);
      try (CoresProcess cores =
          CoresProcess.builder("kerberos-mit")
              .env(db.environment())
              .env("KERBEROS_AUTH", "True")
              .env("KERBEROS_REALM", "mit.test")
              .env("KERBEROS_KDC", mit.kdc())
              .start()) {
        cores.awaitHealthy(Duration.ofSeconds(120));
        for (String user : List.of("carol", "dave")) {
          assertEquals(200, get(cores, "/api/auth-test", basic(user, password)).statusCode(), user);
          HttpResponse<String> wrong = get(cores, "/api/auth-test", basic(user, "wrong"));
          assertEquals(401, wrong.statusCode(), user + ": " + wrong.body());
          assertEquals(1, failures(user), user + "'s wrong password counts towards the throttle");
        }
        mit.close();
        HttpResponse<String> down = get(cores, "/api/auth-test", basic("carol", password));
        assertEquals(503, down.statusCode(), down.body());
        assertEquals(1, failures("carol"), "an outage is not a failed guess");
        assertEquals(0, cores.stop());
      }
    }
  }

  /** The failed logins the throttle counts for a user (the accounts bundle's own table). */
  private static long failures(String user) throws Exception {
    return db.number("SELECT count(*) FROM auth_login_failure WHERE username = ?", user);
  }

  /** The JDK's GSS client: a ticket for alice, then SPNEGO to the server, mutually. */
  private static void spnego(CoresProcess cores) throws Exception {
    Path krb5 = directory.resolve("client-krb5.conf");
    Files.writeString(
        krb5,
        String.join(
            "\n",
            "[libdefaults]",
            "  default_realm = " + REALM,
            "  udp_preference_limit = 1",
            "[realms]",
            "  " + REALM + " = {",
            "    kdc = 127.0.0.1:" + kdcPort,
            "  }",
            ""),
        StandardCharsets.UTF_8);
    System.setProperty("java.security.krb5.conf", krb5.toString());
    Subject alice = new Subject();
    LoginContext login =
        new LoginContext(
            "client",
            alice,
            callbacks -> {
              for (var callback : callbacks) {
                if (callback instanceof NameCallback name) {
                  name.setName("alice@" + REALM);
                } else if (callback instanceof PasswordCallback password) {
                  password.setPassword(ALICE_PASSWORD.toCharArray());
                }
              }
            },
            new Configuration() {
              @Override
              public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
                return new AppConfigurationEntry[] {
                  new AppConfigurationEntry(
                      "com.sun.security.auth.module.Krb5LoginModule",
                      AppConfigurationEntry.LoginModuleControlFlag.REQUIRED,
                      Map.of("refreshKrb5Config", "true", "useTicketCache", "false"))
                };
              }
            });
    login.login();
    GSSManager manager = GSSManager.getInstance();
    Oid spnegoOid = new Oid("1.3.6.1.5.5.2");
    GSSContext context =
        as(
            alice,
            () ->
                manager.createContext(
                    manager.createName(SERVICE + "@" + REALM, new Oid("1.2.840.113554.1.2.2.1")),
                    spnegoOid,
                    null,
                    GSSContext.DEFAULT_LIFETIME));
    context.requestMutualAuth(true);
    byte[] token = as(alice, () -> context.initSecContext(new byte[0], 0, 0));
    HttpResponse<String> response =
        get(cores, "/api/auth-test", "Negotiate " + Base64.getEncoder().encodeToString(token));
    assertEquals(200, response.statusCode(), response.body());
    assertTrue(response.body().contains("authenticated as alice"), response.body());
    String answer =
        response.headers().firstValue("WWW-Authenticate").orElseThrow().substring(10).trim();
    byte[] mutual = Base64.getDecoder().decode(answer);
    as(alice, () -> context.initSecContext(mutual, 0, mutual.length));
    assertTrue(context.isEstablished(), "the server proved it holds the service's key");
    context.dispose();
    login.logout();

    // the same token again is a replay
    assertEquals(
        401,
        get(cores, "/api/auth-test", "Negotiate " + Base64.getEncoder().encodeToString(token))
            .statusCode());
  }

  @SuppressWarnings("removal")
  private static <T> T as(Subject subject, PrivilegedExceptionAction<T> action) throws Exception {
    return Subject.doAs(subject, action);
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private static HttpResponse<String> get(CoresProcess cores, String path, String authorization)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(cores.uri(path)).timeout(Duration.ofSeconds(20));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
