package cores.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/cores createsuperuser} runs the platform in command mode (no HTTP server) and calls
 * the accounts bundle's command; the password comes from CORES_SUPERUSER_PASSWORD or stdin.
 */
class CreateSuperuserIT {

  private static TestDatabase db;

  @BeforeAll
  static void createDatabase() throws Exception {
    db = TestDatabase.create();
  }

  @AfterAll
  static void dropDatabase() throws Exception {
    db.close();
  }

  @Test
  void createsSuperusersFromTheEnvironmentAndFromStdinAndRefusesDuplicates() throws Exception {
    String password = "correct-horse-" + System.nanoTime();
    try (CoresProcess cores =
        command("admin", "admin@example.org").env("CORES_SUPERUSER_PASSWORD", password).start()) {
      assertEquals(0, cores.awaitExit(Duration.ofSeconds(120)), cores.errors() + cores.output());
      assertEquals("Superuser admin created.\n", cores.output());
      assertFalse(cores.errors().contains(password));
    }
    try (CoresProcess cores =
        command("second", "second@example.org").stdin(password + "\n").start()) {
      assertEquals(0, cores.awaitExit(Duration.ofSeconds(120)), cores.errors() + cores.output());
      assertEquals("Superuser second created.\n", cores.output());
    }
    try (CoresProcess cores =
        command("admin", "other@example.org").stdin(password + "\n").start()) {
      assertEquals(1, cores.awaitExit(Duration.ofSeconds(120)), cores.errors());
      String stderr = cores.errors();
      assertTrue(stderr.startsWith("cores: "), stderr);
      assertEquals(1, stderr.lines().count(), stderr);
      assertFalse(stderr.contains(password), stderr);
    }
    // Django's default password rules, as for every password set
    try (CoresProcess cores = command("weak", "weak@example.org").stdin("password1\n").start()) {
      assertEquals(1, cores.awaitExit(Duration.ofSeconds(120)), cores.errors());
      assertEquals("cores: password: This password is too common.\n", cores.errors());
    }
  }

  /** As `docker compose exec cores bin/cores createsuperuser ...` does: same CORES_DATA. */
  @Test
  void runsBesideARunningServer() throws Exception {
    try (CoresProcess server =
        CoresProcess.builder("server-beside").env(db.environment()).start()) {
      server.awaitStarted(Duration.ofSeconds(90));
      try (CoresProcess command =
          command("beside", "beside@example.org")
              .env("CORES_DATA", server.dataDirectory().toString())
              .env("CORES_SUPERUSER_PASSWORD", "pw-" + System.nanoTime())
              .start()) {
        assertEquals(0, command.awaitExit(Duration.ofSeconds(120)), command.errors());
        assertEquals("Superuser beside created.\n", command.output());
      }
      server.awaitHealthy(Duration.ofSeconds(30));
      assertEquals(0, server.stop());
    }
  }

  /**
   * The README's first steps, in its order: start on the embedded database with DEBUG=True, create
   * the admin with the command as printed (no SECRET_KEY, no DEBUG) beside the running server, log
   * in. The command runs in the server (CORES_DATA/run/cores.sock): a second process could not open
   * the embedded database. Both use one CORES_DATA, as when both run from the same folder.
   */
  @Test
  void theReadmesFirstStepsOnTheEmbeddedDatabase(@TempDir Path data) throws Exception {
    String password = "first-admin-" + System.nanoTime();
    try (CoresProcess server =
        CoresProcess.builder("readme-server")
            .unset("SECRET_KEY")
            .env("DEBUG", "True")
            .env("CORES_DATA", data.toString())
            .start()) {
      server.awaitHealthy(Duration.ofSeconds(180));
      long started = System.nanoTime();
      try (CoresProcess command =
          CoresProcess.builder("readme-createsuperuser")
              .unset("SECRET_KEY")
              .unset("DEBUG")
              .env("CORES_DATA", data.toString())
              .args("createsuperuser", "--username", "admin", "--email", "admin@example.com")
              .stdin(password + "\n")
              .start()) {
        assertEquals(0, command.awaitExit(Duration.ofSeconds(60)), command.errors());
        assertEquals("Superuser admin created.\n", command.output());
        assertEquals("", command.errors());
      }
      assertTrue(
          Duration.ofNanos(System.nanoTime() - started).toSeconds() < 10,
          "the running server created it: no second platform start");
      HttpResponse<String> login =
          server.send(
              HttpRequest.newBuilder(server.uri("/api/auth/login"))
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"username\": \"admin\", \"password\": \"" + password + "\"}"))
                  .build());
      assertEquals(200, login.statusCode(), login.body());
      assertTrue(
          login.headers().allValues("Set-Cookie").stream()
              .anyMatch(c -> c.startsWith("cores_session=")),
          login.headers().toString());

      // a taken name: the server's refusal, one line and exit code 1, as without a server
      try (CoresProcess again =
          CoresProcess.builder("readme-createsuperuser-again")
              .unset("SECRET_KEY")
              .env("CORES_DATA", data.toString())
              .env("CORES_SUPERUSER_PASSWORD", password)
              .args("createsuperuser", "--username", "admin", "--email", "admin@example.com")
              .start()) {
        assertEquals(1, again.awaitExit(Duration.ofSeconds(60)), again.errors());
        assertTrue(again.errors().startsWith("cores: "), again.errors());
        assertEquals(1, again.errors().lines().count(), again.errors());
      }
      assertEquals(0, server.stop());
    }
    assertFalse(Files.exists(data.resolve("run/cores.sock")), "the socket goes with the server");
  }

  @Test
  void withoutAPasswordItFailsBeforeStarting() throws Exception {
    try (CoresProcess cores = command("nopass", "nopass@example.org").start()) {
      assertEquals(2, cores.awaitExit(Duration.ofSeconds(30)), cores.errors());
      assertTrue(cores.errors().startsWith("cores: no password"), cores.errors());
    }
  }

  private static CoresProcess.Builder command(String username, String email) {
    return CoresProcess.builder("createsuperuser-" + username)
        .env(db.environment())
        .args("createsuperuser", "--username", username, "--email", email);
  }
}
