package cores.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A database that is down at start: bounded retries with backoff, then exit code 3. A database that
 * answers but refuses the settings (no such database, no such role): exit code 2 at once.
 */
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

  /** Even with DEBUG=True: the error line and a hint, no stack trace anywhere. */
  @ParameterizedTest(name = "{0}={1}")
  @CsvSource({
    "POSTGRES_DB, cores_it_no_such_db, database \"cores_it_no_such_db\" does not exist",
    "POSTGRES_USER, cores_it_no_such_role, refused user \"cores_it_no_such_role\""
  })
  void settingsTheDatabaseRefusesExitWithCodeTwoAtOnce(
      String variable, String value, String problem) throws Exception {
    long started = System.nanoTime();
    try (CoresProcess cores =
        CoresProcess.builder("db-refuses")
            .env(TestDatabase.serverEnvironment())
            .env(variable, value)
            .env("DEBUG", "True")
            .env("CORES_DB_WAIT_SECONDS", "60")
            .start()) {
      assertEquals(2, cores.awaitExit(Duration.ofSeconds(60)), cores.errors());
      List<String> stderr = cores.errors().lines().toList();
      assertEquals(2, stderr.size(), "the error and a hint:\n" + cores.errors());
      assertTrue(stderr.get(0).startsWith("cores: " + variable + ": "), stderr.get(0));
      assertTrue(stderr.get(0).contains(problem), stderr.get(0));
      assertTrue(stderr.get(1).startsWith("hint: "), stderr.get(1));
      String log = cores.output();
      assertFalse(log.contains("\tat "), "no stack trace:\n" + log);
      assertTrue(
          Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(30)) < 0,
          "not waited for");
    }
  }
}
