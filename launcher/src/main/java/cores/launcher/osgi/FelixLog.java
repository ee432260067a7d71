package cores.launcher.osgi;

import org.apache.felix.framework.Logger;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

/**
 * Receives the Felix framework's own log (resolver errors, bundle exceptions) and writes it to the
 * launcher's log, so the framework writes in the same one-line format as everything else (property
 * {@code felix.log.logger}): an entry with an exception is one line with its root cause, the stack
 * trace follows only with {@code DEBUG=True} (as {@link LogBridge}'s).
 */
final class FelixLog extends Logger {

  private static final System.Logger LOG = System.getLogger("org.apache.felix.framework");

  private final boolean traces;

  /**
   * @param traces whether an entry's exception is logged with its stack trace ({@code DEBUG})
   */
  FelixLog(boolean traces) {
    this.traces = traces;
  }

  /** Felix's levels: 1 error, 2 warning, 3 info, 4 debug. */
  @Override
  @SuppressWarnings("rawtypes") // Felix's signature
  protected void doLog(
      Bundle bundle, ServiceReference sr, int level, String message, Throwable error) {
    System.Logger.Level target =
        switch (level) {
          case LOG_ERROR -> System.Logger.Level.ERROR;
          case LOG_WARNING -> System.Logger.Level.WARNING;
          case LOG_INFO -> System.Logger.Level.INFO;
          default -> System.Logger.Level.DEBUG;
        };
    String text = bundle == null ? message : bundle.getSymbolicName() + ": " + message;
    if (error == null) {
      LOG.log(target, text);
    } else if (traces) {
      LOG.log(target, LogBridge.oneLine(text, error), error);
    } else {
      LOG.log(target, LogBridge.oneLine(text, error));
    }
  }
}
