package cores.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The distribution boots on an external PostgreSQL, says ready on /api/health only once it serves,
 * stops on SIGTERM, and does not start half-way when its HTTP port is taken.
 */
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

  /**
   * Health is readiness: until it says UP every API request is 503 with Retry-After (never a 404
   * for a resource still being published), and once it says UP the domain's resources answer.
   */
  @Test
  void untilHealthIsUpEveryRequestIs503AndAfterwardsTheResourcesAnswer() throws Exception {
    try (CoresProcess cores = CoresProcess.builder("readiness").env(db.environment()).start()) {
      boolean liveSeen = false;
      boolean pageSeen = false;
      long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
      while (true) {
        assertTrue(System.nanoTime() < deadline, "not ready within 120 s:\n" + cores.output());
        assertTrue(cores.isAlive(), cores.errors());
        HttpResponse<String> health;
        HttpResponse<String> buildings;
        HttpResponse<String> page;
        try {
          health = cores.get("/api/health");
          buildings = cores.get("/api/inventory/building/");
          page = cores.get("/admin/");
          liveSeen |= cores.get("/api/health/live").statusCode() == 200;
        } catch (IOException e) {
          Thread.sleep(50); // not listening yet
          continue;
        }
        if (health.statusCode() == 200) {
          // ready: the resource is there at once (anonymous: 401, not 404 or 503)
          assertEquals(401, cores.get("/api/inventory/building/").statusCode());
          break;
        }
        assertEquals(503, health.statusCode(), health.body());
        assertTrue(health.body().contains("\"platform\""), health.body());
        if (buildings.statusCode() != 401) {
          assertEquals(503, buildings.statusCode(), "never a 404: " + buildings.body());
          assertEquals("1", buildings.headers().firstValue("Retry-After").orElse(""));
        }
        if (page.statusCode() == 503) {
          // a browser reloading a page meanwhile is shown the site's error page, not JSON
          assertTrue(
              page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"),
              page.headers().map() + " " + page.body());
          assertTrue(page.body().contains("Cores is starting"), page.body());
          assertEquals("1", page.headers().firstValue("Retry-After").orElse(""));
          pageSeen = true;
        }
        Thread.sleep(20);
      }
      assertTrue(liveSeen, "liveness answered before readiness");
      assertTrue(pageSeen, "a page answered 503 before readiness");
      assertEquals(0, cores.stop());
    }
  }

  /** The HTTP port is taken: no half-started platform, one line naming the variable, code 2. */
  @Test
  void aTakenHttpPortEndsTheStartWithOneLineNamingTheVariable() throws Exception {
    try (ServerSocket taken = new ServerSocket(0);
        CoresProcess cores =
            CoresProcess.builder("port-taken")
                .env(db.environment())
                .env("CORES_HTTP_PORT", Integer.toString(taken.getLocalPort()))
                .start()) {
      assertEquals(2, cores.awaitExit(Duration.ofSeconds(120)), cores.errors());
      assertEquals(
          "cores: CORES_HTTP_PORT: cannot listen on port "
              + taken.getLocalPort()
              + " (Address already in use)\n",
          cores.errors());
      assertFalse(cores.output().contains(CoresProcess.STARTED_MARKER), cores.output());
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
