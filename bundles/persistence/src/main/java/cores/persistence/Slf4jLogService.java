package cores.persistence;

import java.util.logging.Level;
import liquibase.logging.Logger;
import liquibase.logging.core.AbstractLogService;
import liquibase.logging.core.AbstractLogger;
import org.slf4j.LoggerFactory;

/**
 * Sends Liquibase's log to slf4j. Liquibase's INFO is a running commentary (locks taken, files
 * read), so it goes to DEBUG; warnings and errors keep their level.
 */
final class Slf4jLogService extends AbstractLogService {

  @Override
  public int getPriority() {
    return PRIORITY_SPECIALIZED;
  }

  @Override
  public Logger getLog(Class clazz) {
    return new Slf4jLogger(LoggerFactory.getLogger("liquibase." + clazz.getSimpleName()));
  }

  private static final class Slf4jLogger extends AbstractLogger {
    private final org.slf4j.Logger log;

    Slf4jLogger(org.slf4j.Logger log) {
      this.log = log;
    }

    @Override
    public void log(Level level, String message, Throwable e) {
      int value = level.intValue();
      if (value == Level.OFF.intValue()) {
        // Liquibase "logs" some notices at OFF, meaning: do not show
        return;
      }
      if (value >= Level.SEVERE.intValue()) {
        log.error(message, e);
      } else if (value >= Level.WARNING.intValue()) {
        log.warn(message, e);
      } else if (value >= Level.CONFIG.intValue()) {
        log.debug(message, e);
      } else {
        log.trace(message, e);
      }
    }
  }
}
