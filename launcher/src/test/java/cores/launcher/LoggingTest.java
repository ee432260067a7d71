package cores.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.launcher.env.EnvironmentParser;
import cores.launcher.env.RunMode;
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
}
