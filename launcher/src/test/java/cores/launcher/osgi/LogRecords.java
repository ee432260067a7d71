package cores.launcher.osgi;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * The records a JUL logger and those below it receive while this is open: the launcher's log as its
 * handler sees it (the bridges write through System.Logger, which is JUL here). The tests of the
 * one-line log share it.
 */
final class LogRecords implements AutoCloseable {

  private final List<LogRecord> records = new CopyOnWriteArrayList<>();
  private final Logger logger;
  private final Level previous;
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

  private LogRecords(Logger logger, Level level) {
    this.logger = logger;
    this.previous = logger.getLevel();
    if (level != null) {
      logger.setLevel(level);
    }
    logger.addHandler(capture);
  }

  /** What the named logger receives from INFO up. */
  static LogRecords of(String name) {
    return new LogRecords(Logger.getLogger(name), Level.INFO);
  }

  /** What every logger sends to the root, at the levels they have. */
  static LogRecords all() {
    return new LogRecords(Logger.getLogger(""), null);
  }

  /** The records so far, in order. */
  List<LogRecord> list() {
    return List.copyOf(records);
  }

  /** The messages, formatted as the launcher's log writes them, of the records at this level. */
  List<String> messages(Level level) {
    SimpleFormatter text = new SimpleFormatter();
    return records.stream().filter(r -> r.getLevel() == level).map(text::formatMessage).toList();
  }

  @Override
  public void close() {
    logger.removeHandler(capture);
    logger.setLevel(previous);
  }
}
