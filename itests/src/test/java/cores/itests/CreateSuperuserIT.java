package cores.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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
