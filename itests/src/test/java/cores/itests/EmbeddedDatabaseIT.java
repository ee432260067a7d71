package cores.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * POSTGRES_HOST unset: the launcher starts PostgreSQL under CORES_DATA, stops it on SIGTERM and
 * reuses the data on the next start. DEBUG=True without SECRET_KEY generates a key once.
 */
class EmbeddedDatabaseIT {

  @TempDir Path data;

  @Test
  void startsStopsAndRestartsOnTheSameData() throws Exception {
    String firstKey;
    try (CoresProcess cores = embedded("embedded-first")) {
      cores.awaitStarted(Duration.ofSeconds(180));
      cores.awaitHealthy(Duration.ofSeconds(30));
      assertEquals(0, cores.stop());
      String log = cores.output();
      assertTrue(log.contains("created database cores"), log);
      assertTrue(log.contains("embedded PostgreSQL stopped"), log);
      assertFalse(log.contains(" ERROR "), log);
    }
    Path keyFile = data.resolve("secret_key");
    assertEquals(
        "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
    // the framework cache keeps the configuration's secrets readable to all: the folder is not
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));
    firstKey = Files.readString(keyFile);
    assertTrue(Files.isRegularFile(data.resolve("postgres/PG_VERSION")));

    try (CoresProcess cores = embedded("embedded-restart")) {
      cores.awaitStarted(Duration.ofSeconds(120));
      cores.awaitHealthy(Duration.ofSeconds(30));
      assertEquals(0, cores.interrupt(), "Ctrl-C stops cleanly too");
      String log = cores.output();
      assertTrue(log.contains("SIGINT: stopping"), log);
      assertTrue(log.contains("embedded PostgreSQL stopped"), log);
      assertFalse(log.contains("created database"), "the data was reused:\n" + log);
      assertFalse(log.contains(" ERROR "), log);
    }
    assertEquals(firstKey, Files.readString(keyFile), "the generated key is kept");
    assertFalse(postgresRunning(), "no PostgreSQL process is left running");
  }

  /**
   * One process per CORES_DATA; and after a SIGKILL (OOM killer, docker kill) the PostgreSQL left
   * running is stopped by the next start instead of blocking it.
   */
  @Test
  void oneProcessPerDataFolderAndRecoveryAfterSigkill() throws Exception {
    try (CoresProcess first = embedded("embedded-killed")) {
      first.awaitStarted(Duration.ofSeconds(180));
      try (CoresProcess second = embedded("embedded-second")) {
        assertEquals(2, second.awaitExit(Duration.ofSeconds(30)), second.errors());
        assertEquals(
            "cores: CORES_DATA: " + data + " is in use by another Cores process\n",
            second.errors());
      }
      first.close(); // SIGKILL: no clean shutdown, PostgreSQL keeps running
    }
    assertTrue(postgresRunning(), "the killed launcher left PostgreSQL behind");

    try (CoresProcess next = embedded("embedded-after-kill")) {
      next.awaitStarted(Duration.ofSeconds(120));
      next.awaitHealthy(Duration.ofSeconds(30));
      assertTrue(next.output().contains("left running on"), next.output());
      assertEquals(0, next.stop());
    }
    assertFalse(postgresRunning(), "no PostgreSQL process is left running");
  }

  private boolean postgresRunning() {
    return ProcessHandle.allProcesses()
        .anyMatch(
            p -> p.info().commandLine().orElse("").contains(data.resolve("postgres").toString()));
  }

  private CoresProcess embedded(String name) throws Exception {
    return CoresProcess.builder(name)
        .unset("POSTGRES_HOST")
        .unset("SECRET_KEY")
        .env("DEBUG", "True")
        .env("CORES_DATA", data.toString())
        .start();
  }
}
