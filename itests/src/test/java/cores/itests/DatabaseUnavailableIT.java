package cores.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A database that is down at start: bounded retries with backoff, then exit code 3. */
class DatabaseUnavailableIT {

  @Test
  void exitsWithCodeThreeAfterTheBoundedWait() throws Exception {
    int closedPort = CoresProcess.freePort();
    long started = System.nanoTime();
    try (CoresProcess cores =
        CoresProcess.builder("db-down")
            .env("POSTGRES_HOST", "127.0.0.1")
            .env("POSTGRES_PORT", Integer.toString(closedPort))
            .env("CORES_DB_WAIT_SECONDS", "3")
            .start()) {
      assertEquals(3, cores.awaitExit(Duration.ofSeconds(30)), cores.errors());
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      assertEquals(
          "cores: POSTGRES_HOST: cannot connect to 127.0.0.1:"
              + closedPort
              + " after 3 s (connection refused)\n",
          cores.errors());
      assertTrue(cores.output().contains("not reachable yet"), "it retried:\n" + cores.output());
      assertTrue(took.compareTo(Duration.ofSeconds(3)) >= 0, "waited the bound: " + took);
      assertTrue(took.compareTo(Duration.ofSeconds(20)) < 0, "bounded: " + took);
    }
  }

  @Test
  void sigtermWhileWaitingForTheDatabaseExitsWithZero() throws Exception {
    int closedPort = CoresProcess.freePort();
    try (CoresProcess cores =
        CoresProcess.builder("db-down-sigterm")
            .env("POSTGRES_HOST", "127.0.0.1")
            .env("POSTGRES_PORT", Integer.toString(closedPort))
            .env("CORES_DB_WAIT_SECONDS", "60")
            .start()) {
      cores.awaitLog("not reachable yet", Duration.ofSeconds(30));
      assertEquals(0, cores.stop());
      assertEquals("", cores.errors());
    }
  }
}
