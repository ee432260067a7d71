package cores.launcher;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * FileInstall's entry for a plugin that does not start (its activator threw, or is missing) in the
 * log's terms: one line naming the plugin's file and the cause, instead of FileInstall's warning
 * with the whole stack trace; the trace follows at debug level, with {@code DEBUG=True} only.
 * FileInstall logs through JUL ({@code felix.fileinstall.log.default=jul}), so the log's handler
 * reads its records here; FileInstall itself is left as it is.
 */
final class PluginStartFailures {

  /** The JUL logger FileInstall writes to. */
  static final String LOGGER = "fileinstall";

  /** How FileInstall starts the entry, followed by the bundle's location. */
  static final String STARTING = "Error while starting bundle: ";

  /** The scheme of the plugins' locations (cores.api.system.SystemStatus.PLUGIN_LOCATION). */
  private static final String PLUGIN_LOCATION = "cores-plugin:";

  private PluginStartFailures() {}

  /**
   * What is logged for this record: the record itself, or for a plugin that did not start its line
   * (and, with traces, the trace at debug level).
   */
  static List<LogRecord> rewrite(LogRecord r, boolean traces) {
    String message = r.getMessage();
    if (!LOGGER.equals(r.getLoggerName())
        || r.getThrown() == null
        || message == null
        || !message.startsWith(STARTING)) {
      return List.of(r);
    }
    String location = message.substring(STARTING.length()).strip();
    String plugin =
        location.startsWith(PLUGIN_LOCATION)
            ? location.substring(PLUGIN_LOCATION.length())
            : location;
    LogRecord one =
        record(r, r.getLevel(), "plugin " + plugin + " did not start: " + cause(r.getThrown()));
    if (!traces) {
      return List.of(one);
    }
    LogRecord trace = record(r, Level.FINE, "plugin " + plugin + " did not start");
    trace.setThrown(r.getThrown());
    return List.of(one, trace);
  }

  /** The exception's message and, when it has one, its root cause's: on one line. */
  static String cause(Throwable thrown) {
    Throwable root = thrown;
    for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 32; depth++) {
      root = root.getCause();
    }
    String text = describe(thrown);
    if (root != thrown) {
      text += ": " + describe(root);
    }
    return text.strip().replaceAll("\\s*\\R\\s*", " ");
  }

  private static String describe(Throwable t) {
    return t.getMessage() == null
        ? t.getClass().getSimpleName()
        : t.getClass().getSimpleName() + ": " + t.getMessage();
  }

  private static LogRecord record(LogRecord from, Level level, String message) {
    LogRecord r = new LogRecord(level, message);
    r.setLoggerName(from.getLoggerName());
    r.setInstant(from.getInstant());
    return r;
  }
}
