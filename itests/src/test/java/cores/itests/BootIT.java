package cores.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The distribution boots on an external PostgreSQL, serves /api/health and stops on SIGTERM. */
class BootIT {

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
  void bootsWithAllBundlesActiveAndStopsWithExitCodeZeroOnSigterm() throws Exception {
    try (CoresProcess cores = CoresProcess.builder("boot").env(db.environment()).start()) {
      // the launcher logs this line only when every bundle is ACTIVE (else it exits with 4)
      cores.awaitStarted(Duration.ofSeconds(90));
      cores.awaitHealthy(Duration.ofSeconds(30));
      HttpResponse<String> health = cores.get("/api/health");
      assertEquals(200, health.statusCode(), health.body());

      assertEquals(0, cores.stop(), "exit code after SIGTERM");
      String log = cores.output();
      assertTrue(log.contains("SIGTERM: stopping"), log);
      assertTrue(log.contains("framework stopped"), log);
      assertFalse(log.contains(" ERROR "), "no errors in the log:\n" + log);
      assertEquals("", cores.errors());
    }
  }

  @Test
  void secretsAreNotLogged() throws Exception {
    String secret = "do-not-log-" + System.nanoTime();
    try (CoresProcess cores =
        CoresProcess.builder("secrets")
            .env(db.environment())
            .env("SECRET_KEY", secret)
            .env("POSTGRES_PASSWORD", secret + "-db")
            .env("DEBUG", "True")
            .start()) {
      cores.awaitStarted(Duration.ofSeconds(90));
      assertEquals(0, cores.stop());
      String everything = cores.output() + cores.errors();
      assertFalse(everything.contains(secret), everything);
      assertTrue(everything.contains("SECRET_KEY=****"), everything);
    }
  }
}
