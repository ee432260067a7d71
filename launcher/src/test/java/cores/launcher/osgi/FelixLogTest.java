package cores.launcher.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The framework's own entries: one line each with the root cause, the trace only when debugging.
 */
class FelixLogTest {

  private final List<LogRecord> records = new ArrayList<>();
  private final Logger jul = Logger.getLogger("org.apache.felix.framework");
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord logRecord) {
          records.add(logRecord);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeEach
  void listen() {
    jul.addHandler(capture);
    jul.setLevel(Level.INFO);
  }

  @AfterEach
  void stopListening() {
    jul.removeHandler(capture);
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
    assertEquals(1, records.size());
    assertEquals(Level.SEVERE, records.get(0).getLevel());
    assertEquals(
        "EventDispatcher: Error during dispatch.: IllegalStateException: Configuration"
            + " cores.auth.htpasswd deleted",
        records.get(0).getMessage());
    assertNull(records.get(0).getThrown(), "no stack trace");
  }

  @Test
  void whenDebuggingTheLineCarriesTheStackTrace() {
    Exception failure = listenerFailure();
    new FelixLog(true).doLog(null, null, FelixLog.LOG_WARNING, "a warning", failure);
    assertEquals(1, records.size());
    assertEquals(
        "a warning: IllegalStateException: Configuration cores.auth.htpasswd deleted",
        records.get(0).getMessage());
    assertSame(failure, records.get(0).getThrown());
  }
}
