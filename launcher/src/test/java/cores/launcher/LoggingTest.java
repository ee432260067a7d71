package cores.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.launcher.env.EnvironmentParser;
import cores.launcher.env.RunMode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class LoggingTest {

  @Test
  void oneLinePerMessageWithTimeLevelAndLogger() {
    LogRecord r = new LogRecord(Level.WARNING, "database {0} not reachable");
    r.setParameters(new Object[] {"db:5432"});
    r.setLoggerName("cores.launcher.db.DatabaseWaiter");
    String line = new Logging.OneLine().format(r);
    assertTrue(
        line.matches(
            "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d) WARN"
                + " cores\\.launcher\\.db\\.DatabaseWaiter - database db:5432 not reachable\\R"),
        line);
  }

  @Test
  void levelsFollowDebug() throws Exception {
    Logging.configure(
        EnvironmentParser.parse(Map.of("DEBUG", "True"), Path.of("/")), RunMode.SERVER);
    assertEquals("debug", System.getProperty("org.slf4j.simpleLogger.log.cores"));
    assertEquals("System.out", System.getProperty("org.slf4j.simpleLogger.logFile"));
    assertTrue(Logger.getLogger("cores.launcher").isLoggable(Level.FINE));
    assertTrue(!Logger.getLogger("org.apache.aries.spifly").isLoggable(Level.INFO));

    System.clearProperty("org.slf4j.simpleLogger.log.cores");
    Logging.configure(
        EnvironmentParser.parse(Map.of("SECRET_KEY", "k"), Path.of("/")), RunMode.COMMAND);
    assertEquals(null, System.getProperty("org.slf4j.simpleLogger.log.cores"));
    assertEquals("warn", System.getProperty("org.slf4j.simpleLogger.defaultLogLevel"));
    assertEquals("System.err", System.getProperty("org.slf4j.simpleLogger.logFile"));
    assertTrue(!Logger.getLogger("cores.launcher").isLoggable(Level.INFO));
  }

  /**
   * FileInstall's warning about a plugin whose activator failed, as it logs it through JUL: one
   * line naming the plugin's file and the cause; the trace only when debugging, at debug level.
   */
  @Test
  void aPluginThatDidNotStartIsOneLineAndItsTraceOnlyWhenDebugging() {
    LogRecord r =
        new LogRecord(Level.WARNING, "Error while starting bundle: cores-plugin:broken.jar");
    r.setLoggerName("fileinstall");
    r.setThrown(
        new IllegalStateException(
            "Activator start error in bundle cores.example.broken [78].",
            new IllegalArgumentException("no greeting\nconfigured")));

    String quiet = published(r, false);
    assertEquals(1, quiet.lines().count(), quiet);
    assertTrue(
        quiet.endsWith(
            " WARN fileinstall - plugin broken.jar did not start: IllegalStateException: Activator"
                + " start error in bundle cores.example.broken [78].: IllegalArgumentException: no"
                + " greeting configured"
                + System.lineSeparator()),
        quiet);

    String debugging = published(r, true);
    assertTrue(debugging.startsWith(quiet), debugging);
    assertTrue(
        debugging.contains(" DEBUG fileinstall - plugin broken.jar did not start"), debugging);
    assertTrue(debugging.contains("\tat "), debugging);
    assertTrue(debugging.contains("Caused by: java.lang.IllegalArgumentException"), debugging);

    LogRecord other = new LogRecord(Level.WARNING, "Failed to install artifact");
    other.setLoggerName("fileinstall");
    other.setThrown(new IllegalStateException("no"));
    assertTrue(published(other, false).contains("\tat "), "other entries are left alone");
    assertFalse(quiet.contains("\tat "), quiet);
  }

  private static String published(LogRecord r, boolean traces) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Logging.FlushingHandler handler =
        new Logging.FlushingHandler(new PrintStream(out, true, StandardCharsets.UTF_8), traces);
    handler.setLevel(Level.ALL);
    handler.publish(r);
    return out.toString(StandardCharsets.UTF_8);
  }
}
