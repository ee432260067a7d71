package cores.launcher.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The framework's own entries: one line each with the root cause, the trace only when debugging.
 */
class FelixLogTest {

  private LogRecords log;

  @BeforeEach
  void listen() {
    log = LogRecords.of("org.apache.felix.framework");
  }

  @AfterEach
  void stopListening() {
    log.close();
  }

  /** What Felix logs when a bundle's listener throws. */
  private static Exception listenerFailure() {
    return new RuntimeException(
        "listener failed", new IllegalStateException("Configuration cores.auth.htpasswd deleted"));
  }

  @Test
  void anErrorWithAnExceptionIsOneLineWithTheRootCause() {
    new FelixLog(false)
        .doLog(
            null,
            null,
            FelixLog.LOG_ERROR,
            "EventDispatcher: Error during dispatch.",
            listenerFailure());
    assertEquals(1, log.list().size());
    assertEquals(Level.SEVERE, log.list().get(0).getLevel());
    assertEquals(
        "EventDispatcher: Error during dispatch.: IllegalStateException: Configuration"
            + " cores.auth.htpasswd deleted",
        log.list().get(0).getMessage());
    assertNull(log.list().get(0).getThrown(), "no stack trace");
  }

  @Test
  void whenDebuggingTheLineCarriesTheStackTrace() {
    Exception failure = listenerFailure();
    new FelixLog(true).doLog(null, null, FelixLog.LOG_WARNING, "a warning", failure);
    assertEquals(1, log.list().size());
    assertEquals(
        "a warning: IllegalStateException: Configuration cores.auth.htpasswd deleted",
        log.list().get(0).getMessage());
    assertSame(failure, log.list().get(0).getThrown());
  }
}
