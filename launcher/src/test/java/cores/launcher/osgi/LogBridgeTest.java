package cores.launcher.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.log.FormatterLogger;

/** SCR's entries through the bridge: one line each, the stack trace only when asked for. */
class LogBridgeTest {

  private static final String NAME = "cores.launcher.osgi.LogBridgeTest.scr";

  private LogRecords log;

  @BeforeEach
  void listen() {
    log = LogRecords.of(NAME);
  }

  @AfterEach
  void stopListening() {
    log.close();
  }

  /** What SCR logs for a provider whose constructor refuses a setting. */
  private static Exception refusal() {
    return new InvocationTargetException(
        new IllegalStateException(
            "wrapped", new IllegalArgumentException("bindPassword : required")));
  }

  @Test
  void anErrorWithAnExceptionIsOneLineWithTheRootCause() {
    org.osgi.service.log.Logger scr = LogBridge.of(false, LogBridge.Refusals.NONE).getLogger(NAME);
    scr.error(
        "bundle cores.auth.ldap:0.1.0 (18)[cores.auth.ldap.SearchBindProvider(0)] : Error during"
            + " instantiation of the implementation object",
        refusal());
    assertEquals(1, log.list().size());
    LogRecord line = log.list().get(0);
    assertEquals(Level.SEVERE, line.getLevel());
    assertEquals(
        "bundle cores.auth.ldap:0.1.0 (18)[cores.auth.ldap.SearchBindProvider(0)] : Error during"
            + " instantiation of the implementation object: IllegalArgumentException:"
            + " bindPassword : required",
        line.getMessage());
    assertNull(line.getThrown(), "no stack trace");
  }

  @Test
  void withTracesTheLineCarriesTheStackTrace() {
    Exception refusal = refusal();
    LogBridge.of(true, LogBridge.Refusals.NONE)
        .getLogger(NAME)
        .warn("{} failed", "activation", refusal);
    assertEquals(1, log.list().size());
    assertEquals(
        "activation failed: IllegalArgumentException: bindPassword : required",
        log.list().get(0).getMessage());
    assertSame(refusal, log.list().get(0).getThrown());
  }

  /** Errors only, as SCR's own default; warnings too when debugging; never below the logger's. */
  @Test
  void levelsBelowTheThresholdOrTheLoggersAreNotEnabledNorLogged() {
    org.osgi.service.log.Logger scr = LogBridge.of(false, LogBridge.Refusals.NONE).getLogger(NAME);
    assertFalse(scr.isWarnEnabled());
    scr.warn("Could not get service from ref {}", "[cores.api.auth.AuthenticationProvider]");
    scr.info("Version = 2.2.12");
    assertEquals(List.of(), log.list());
    org.osgi.service.log.Logger debugging =
        LogBridge.of(true, LogBridge.Refusals.NONE).getLogger(NAME);
    assertFalse(debugging.isDebugEnabled());
    debugging.debug("chatter {}", 1);
    debugging.info("Version = 2.2.12");
    debugging.warn("line\nbroken  \n in two");
    assertEquals(1, log.list().size());
    assertEquals("line broken in two", log.list().get(0).getMessage());
  }

  @Test
  void aFormatterLoggerFormatsAsPrintf() {
    FormatterLogger printf =
        new LogBridge(System.Logger.Level.INFO, false, LogBridge.Refusals.NONE)
            .getLogger((org.osgi.framework.Bundle) null, NAME, FormatterLogger.class);
    printf.info("%d components", 3);
    assertEquals(NAME, printf.getName());
    assertEquals("3 components", log.list().get(0).getMessage());
  }
}
