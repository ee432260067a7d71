package cores.persistence;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.persistence.logging.AbstractSessionLog;
import org.eclipse.persistence.logging.SessionLog;
import org.eclipse.persistence.logging.SessionLogEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends EclipseLink's log to slf4j under {@code eclipselink.<category>}. EclipseLink's INFO and
 * CONFIG (versions, logins) go to DEBUG so a normal start stays quiet; SQL shows at TRACE.
 * EclipseLink instantiates this class by name ({@code eclipselink.logging.logger}).
 */
public final class Slf4jSessionLog extends AbstractSessionLog {

  private static final String ROOT = "eclipselink";

  private final Map<String, Integer> categoryLevels = new ConcurrentHashMap<>();

  public Slf4jSessionLog() {
    Logger root = LoggerFactory.getLogger(ROOT);
    int threshold;
    if (root.isTraceEnabled()) {
      threshold = SessionLog.ALL;
    } else if (root.isDebugEnabled()) {
      threshold = SessionLog.CONFIG;
    } else if (root.isWarnEnabled()) {
      threshold = SessionLog.WARNING;
    } else if (root.isErrorEnabled()) {
      threshold = SessionLog.SEVERE;
    } else {
      threshold = SessionLog.OFF;
    }
    setLevel(threshold);
  }

  /** Honours {@code eclipselink.logging.level.<category>}, which the base class ignores. */
  @Override
  public void setLevel(int level, String category) {
    if (category == null) {
      this.level = level;
    } else {
      categoryLevels.put(category, level);
    }
  }

  @Override
  public int getLevel(String category) {
    return category == null ? level : categoryLevels.getOrDefault(category, level);
  }

  @Override
  public boolean shouldLog(int level, String category) {
    return level >= getLevel(category);
  }

  @Override
  public void log(SessionLogEntry entry) {
    if (!shouldLog(entry.getLevel(), entry.getNameSpace())) {
      return;
    }
    String category = entry.getNameSpace() == null ? "default" : entry.getNameSpace();
    Logger log = LoggerFactory.getLogger(ROOT + "." + category);
    String message = formatMessage(entry);
    Throwable e = entry.getException();
    int level = entry.getLevel();
    if (level >= SessionLog.SEVERE) {
      log.error(message, e);
    } else if (level >= SessionLog.WARNING && e == null) {
      log.warn(message);
    } else if (level >= SessionLog.WARNING) {
      // EclipseLink logs each exception it throws; the caller gets it and decides how bad it is
      // (a unique-key violation can be an expected answer), so a second report stays at DEBUG.
      log.debug(message, e);
    } else if (level >= SessionLog.CONFIG) {
      log.debug(message, e);
    } else {
      log.trace(message, e);
    }
  }
}
