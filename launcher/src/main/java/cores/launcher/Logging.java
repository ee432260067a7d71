package cores.launcher;

import cores.launcher.env.RunMode;
import cores.launcher.env.Settings;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/**
 * One log format for the whole process: {@code <date-time> <LEVEL> <logger> - <message>}, one line
 * per message (stack traces follow on their own lines). The launcher logs through
 * System.Logger/JUL; the bundles through slf4j 2 with the slf4j-simple binding bundle, which reads
 * the {@code org.slf4j.simpleLogger.*} system properties set here before the framework starts.
 *
 * <p>Server mode logs to stdout, and what libraries print on {@code System.err} goes to stdout too:
 * stderr is kept for the launcher's own one-line error ({@link Main} holds the real stderr). SCR
 * logs through the launcher's OSGi {@code LoggerFactory} ({@code osgi.LogBridge}), in this format.
 * Command mode logs warnings only, to stderr, so that stdout carries just the command's answer.
 */
final class Logging {

  private static final String SIMPLE = "org.slf4j.simpleLogger.";

  private Logging() {}

  static void configure(Settings settings, RunMode mode) {
    boolean server = mode == RunMode.SERVER;
    String defaultLevel = server ? "info" : "warn";
    System.setProperty(SIMPLE + "logFile", server ? "System.out" : "System.err");
    System.setProperty(SIMPLE + "showDateTime", "true");
    System.setProperty(SIMPLE + "dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
    System.setProperty(SIMPLE + "showThreadName", "false");
    System.setProperty(SIMPLE + "showLogName", "true");
    System.setProperty(SIMPLE + "showShortLogName", "false");
    System.setProperty(SIMPLE + "levelInBrackets", "false");
    System.setProperty(SIMPLE + "defaultLogLevel", defaultLevel);
    System.setProperty(SIMPLE + "log.org.apache.aries.spifly", "warn");
    // a pooled connection that breaks under a query is logged with its stack trace; the failure
    // reaches whoever ran the query, which logs it in one line (DatabaseUnavailableException)
    System.setProperty(
        SIMPLE + "log.com.zaxxer.hikari.pool.ProxyConnection", settings.debug() ? "warn" : "error");
    // when the database goes away, each idle pooled connection fails its check on the next borrow
    // and is reported once ("Failed to validate connection"); the outage's line says it once
    System.setProperty(
        SIMPLE + "log.com.zaxxer.hikari.pool.PoolBase", settings.debug() ? "warn" : "error");
    if (settings.debug()) {
      System.setProperty(SIMPLE + "log.cores", "debug");
    }

    // Levels go through the LogManager's configuration: a level set on a Logger object is lost
    // when that logger is garbage-collected before its first use.
    StringBuilder levels = new StringBuilder();
    levels.append(".level=").append(server ? "INFO" : "WARNING").append('\n');
    if (settings.debug()) {
      levels.append("cores.level=FINE\n");
    }
    // SPI Fly logs every ServiceLoader provider it registers (hundreds of lines per start)
    levels.append("org.apache.aries.spifly.level=WARNING\n");
    // PostgreSQL's own output (initdb, checkpoints) is noise unless debugging
    levels.append("io.zonky.level=").append(settings.debug() ? "INFO" : "WARNING").append('\n');
    try {
      LogManager.getLogManager()
          .readConfiguration(
              new ByteArrayInputStream(levels.toString().getBytes(StandardCharsets.ISO_8859_1)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (server) {
      System.setErr(System.out);
    }
    Handler handler = new FlushingHandler(server ? System.out : System.err, settings.debug());
    handler.setLevel(Level.ALL);
    Logger.getLogger("").addHandler(handler);
  }

  /**
   * Writes each record at once: the log must be complete when the process is killed. A plugin that
   * FileInstall could not start is one line ({@link PluginStartFailures}).
   */
  static final class FlushingHandler extends StreamHandler {
    private final boolean traces;

    FlushingHandler(PrintStream out, boolean traces) {
      super(out, new OneLine());
      this.traces = traces;
    }

    @Override
    public synchronized void publish(LogRecord logRecord) {
      for (LogRecord r : PluginStartFailures.rewrite(logRecord, traces)) {
        super.publish(r);
      }
      flush();
    }
  }

  /** The same shape as slf4j-simple's lines with the properties above. */
  static final class OneLine extends Formatter {
    private static final DateTimeFormatter TIME =
        DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX")
            .withZone(ZoneId.systemDefault());

    @Override
    public String format(LogRecord r) {
      StringBuilder line =
          new StringBuilder()
              .append(TIME.format(Instant.ofEpochMilli(r.getMillis())))
              .append(' ')
              .append(level(r.getLevel()))
              .append(' ')
              .append(r.getLoggerName())
              .append(" - ")
              .append(formatMessage(r))
              .append(System.lineSeparator());
      if (r.getThrown() != null) {
        StringWriter trace = new StringWriter();
        r.getThrown().printStackTrace(new PrintWriter(trace));
        line.append(trace);
      }
      return line.toString();
    }

    private static String level(Level level) {
      if (level.intValue() >= Level.SEVERE.intValue()) {
        return "ERROR";
      }
      if (level.intValue() >= Level.WARNING.intValue()) {
        return "WARN";
      }
      if (level.intValue() >= Level.INFO.intValue()) {
        return "INFO";
      }
      if (level.intValue() >= Level.FINE.intValue()) {
        return "DEBUG";
      }
      return "TRACE";
    }
  }
}
