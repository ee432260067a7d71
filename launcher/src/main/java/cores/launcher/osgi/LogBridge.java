package cores.launcher.osgi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IllegalFormatException;
import java.util.List;
import java.util.Optional;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.log.FormatterLogger;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerConsumer;
import org.osgi.service.log.LoggerFactory;

/**
 * The OSGi Log Service's {@link LoggerFactory}, registered by the system bundle, so that what the
 * bundles log through it (Felix SCR: a component that fails to activate) ends up in the launcher's
 * log in its one-line format. Without it SCR prints its own lines with the whole stack trace (about
 * 90 lines for a provider that refuses a setting).
 *
 * <p>One line per error: an entry with an exception says its message and the root cause's (the
 * component and why, e.g. {@code ... [cores.notify.Outbox(0)] : Error during instantiation of the
 * implementation object: IllegalStateException: no such table}); the stack trace follows only with
 * {@code DEBUG=True}. Below the threshold nothing is logged: SCR also warns about the consequences
 * of an error (a component that cannot get the failed one), and tells its version; errors only, as
 * SCR's own default is, unless debugging.
 *
 * <p>A setting a component refuses ({@code ConfigurationException}) is said by the variable it was
 * read from, not by its property: the launcher says those of the features' components itself during
 * the start (SCR's entry is held back unless debugging) and in the same line afterwards, and the
 * plugin-configuration bundle gives the line for a plugin's, which replaces SCR's ({@link
 * Refusals}, {@link PlatformRefusals}). One line per error.
 */
final class LogBridge implements LoggerFactory {

  private static final String REFUSAL = "org.osgi.service.cm.ConfigurationException";

  /** Who says a component's refusal of a setting by the variable the setting was read from. */
  interface Refusals {
    /** No one: SCR's entries as they are. */
    Refusals NONE =
        new Refusals() {
          @Override
          public boolean saidLater(Bundle bundle) {
            return false;
          }

          @Override
          public Optional<String> line(Bundle bundle, Throwable refusal) {
            return Optional.empty();
          }

          @Override
          public boolean withdrawn(Bundle bundle, String entry) {
            return false;
          }
        };

    /** Whether another part logs this bundle's refusals itself, so that SCR's entry is not. */
    boolean saidLater(Bundle bundle);

    /** The line that says this refusal instead of SCR's entry, if there is one. */
    Optional<String> line(Bundle bundle, Throwable refusal);

    /**
     * Whether the refused configuration is on its way out: the bundle is not running (stopping,
     * stopped, uninstalled), or the component that requires a configuration has none any more (SCR
     * tries the old one once more while the deletion reaches it). Nothing for the operator to mend
     * then.
     *
     * @param entry SCR's message, which names the component ({@code [name(id)]})
     */
    boolean withdrawn(Bundle bundle, String entry);
  }

  private final System.Logger.Level threshold;
  private final boolean traces;
  private final Refusals refusals;

  /**
   * @param threshold the least level logged
   * @param traces whether an entry's exception is logged with its stack trace ({@code DEBUG})
   */
  LogBridge(System.Logger.Level threshold, boolean traces, Refusals refusals) {
    this.threshold = threshold;
    this.traces = traces;
    this.refusals = refusals;
  }

  /**
   * Errors, with warnings and stack traces when debugging (as Felix's own log, {@link FelixLog}).
   */
  static LogBridge of(boolean debug, Refusals refusals) {
    return new LogBridge(
        debug ? System.Logger.Level.WARNING : System.Logger.Level.ERROR, debug, refusals);
  }

  @Override
  public Logger getLogger(String name) {
    return getLogger(name, Logger.class);
  }

  @Override
  public Logger getLogger(Class<?> clazz) {
    return getLogger(clazz.getName(), Logger.class);
  }

  @Override
  public <L extends Logger> L getLogger(String name, Class<L> loggerType) {
    return getLogger((Bundle) null, name, loggerType);
  }

  @Override
  public <L extends Logger> L getLogger(Class<?> clazz, Class<L> loggerType) {
    return getLogger(clazz.getName(), loggerType);
  }

  @Override
  public <L extends Logger> L getLogger(Bundle bundle, String name, Class<L> loggerType) {
    // SCR asks for ROOT on behalf of a bundle: the line then names that bundle
    String named =
        !Logger.ROOT_LOGGER_NAME.equals(name) || bundle == null ? name : bundle.getSymbolicName();
    return loggerType.cast(
        new Bridged(
            named,
            FormatterLogger.class.equals(loggerType),
            threshold,
            traces,
            bundle == null ? Refusals.NONE : refusals,
            bundle));
  }

  /** Whether the exception, or one of its causes, is a component's refusal of a setting. */
  static boolean refusal(Throwable thrown) {
    Throwable t = thrown;
    for (int depth = 0; t != null && depth < 20; depth++) {
      if (REFUSAL.equals(t.getClass().getName())) {
        return true;
      }
      t = t.getCause() == t ? null : t.getCause();
    }
    return false;
  }

  /**
   * The line of an entry with an exception: its message and the root cause's.
   *
   * @return {@code message: RootCause: its message}
   */
  static String oneLine(String message, Throwable thrown) {
    Throwable root = thrown;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String cause =
        root.getMessage() == null
            ? root.getClass().getSimpleName()
            : root.getClass().getSimpleName() + ": " + root.getMessage();
    return flat(message + ": " + cause);
  }

  /** A multi-line message on one line: each entry one line, as the format promises. */
  private static String flat(String text) {
    return text.strip().replaceAll("\\s*\\R\\s*", " ");
  }

  /** One logger: the OSGi levels onto the launcher's (System.Logger, JUL). */
  private static final class Bridged implements FormatterLogger {
    private final String name;
    private final boolean printf;
    private final System.Logger.Level threshold;
    private final boolean traces;
    private final Refusals refusals;
    private final Bundle bundle;
    private final System.Logger target;

    Bridged(
        String name,
        boolean printf,
        System.Logger.Level threshold,
        boolean traces,
        Refusals refusals,
        Bundle bundle) {
      this.name = name;
      this.printf = printf;
      this.threshold = threshold;
      this.traces = traces;
      this.refusals = refusals;
      this.bundle = bundle;
      this.target = System.getLogger(name);
    }

    @Override
    public String getName() {
      return name;
    }

    private boolean enabled(System.Logger.Level level) {
      return level.getSeverity() >= threshold.getSeverity() && target.isLoggable(level);
    }

    private void log(System.Logger.Level level, String format, Object... arguments) {
      if (!enabled(level)) {
        return;
      }
      // the Log Service's rule: a Throwable or ServiceReference last is no argument of the format
      List<Object> args = new ArrayList<>(Arrays.asList(arguments));
      Throwable thrown = null;
      while (!args.isEmpty()
          && (args.get(args.size() - 1) instanceof Throwable
              || args.get(args.size() - 1) instanceof ServiceReference)) {
        Object last = args.remove(args.size() - 1);
        if (last instanceof Throwable t && thrown == null) {
          thrown = t;
        }
      }
      if (thrown != null && refusal(thrown)) {
        // asked at each entry: the launcher says the features' refusals during the start only
        if (!traces && refusals.saidLater(bundle)) {
          return;
        }
        String message = format(format, args.toArray());
        Optional<String> line = refusals.line(bundle, thrown);
        // asked after the line: a plugin's jar and .cfg deleted together can be on their way out
        // while the line is looked for, which then finds no configuration to name
        if (refusals.withdrawn(bundle, message)) {
          // a plugin removed with its configuration: expected, not an error
          target.log(
              System.Logger.Level.DEBUG,
              oneLine(message + " (its configuration was removed meanwhile)", thrown));
          return;
        }
        if (line.isPresent()) {
          write(level, flat(line.get()), thrown);
          return;
        }
      }
      String message = format(format, args.toArray());
      if (thrown == null) {
        target.log(level, flat(message));
      } else {
        write(level, oneLine(message, thrown), thrown);
      }
    }

    /** The line, with the exception's stack trace when debugging. */
    private void write(System.Logger.Level level, String line, Throwable thrown) {
      if (traces) {
        target.log(level, line, thrown);
      } else {
        target.log(level, line);
      }
    }

    private String format(String format, Object[] args) {
      if (format == null || args.length == 0) {
        return String.valueOf(format);
      }
      if (printf) {
        try {
          return String.format(format, args);
        } catch (IllegalFormatException e) {
          return format + " " + Arrays.toString(args);
        }
      }
      StringBuilder text = new StringBuilder();
      int from = 0;
      int next = 0;
      for (int at = format.indexOf("{}"); at >= 0; at = format.indexOf("{}", from)) {
        if (next == args.length) {
          break;
        }
        text.append(format, from, at).append(args[next++]);
        from = at + 2;
      }
      return text.append(format.substring(from)).toString();
    }

    private <E extends Exception> void consume(System.Logger.Level level, LoggerConsumer<E> c)
        throws E {
      if (enabled(level)) {
        c.accept(this);
      }
    }

    @Override
    public boolean isTraceEnabled() {
      return enabled(System.Logger.Level.TRACE);
    }

    @Override
    public void trace(String message) {
      log(System.Logger.Level.TRACE, message);
    }

    @Override
    public void trace(String format, Object arg) {
      log(System.Logger.Level.TRACE, format, arg);
    }

    @Override
    public void trace(String format, Object arg1, Object arg2) {
      log(System.Logger.Level.TRACE, format, arg1, arg2);
    }

    @Override
    public void trace(String format, Object... arguments) {
      log(System.Logger.Level.TRACE, format, arguments);
    }

    @Override
    public <E extends Exception> void trace(LoggerConsumer<E> consumer) throws E {
      consume(System.Logger.Level.TRACE, consumer);
    }

    @Override
    public boolean isDebugEnabled() {
      return enabled(System.Logger.Level.DEBUG);
    }

    @Override
    public void debug(String message) {
      log(System.Logger.Level.DEBUG, message);
    }

    @Override
    public void debug(String format, Object arg) {
      log(System.Logger.Level.DEBUG, format, arg);
    }

    @Override
    public void debug(String format, Object arg1, Object arg2) {
      log(System.Logger.Level.DEBUG, format, arg1, arg2);
    }

    @Override
    public void debug(String format, Object... arguments) {
      log(System.Logger.Level.DEBUG, format, arguments);
    }

    @Override
    public <E extends Exception> void debug(LoggerConsumer<E> consumer) throws E {
      consume(System.Logger.Level.DEBUG, consumer);
    }

    @Override
    public boolean isInfoEnabled() {
      return enabled(System.Logger.Level.INFO);
    }

    @Override
    public void info(String message) {
      log(System.Logger.Level.INFO, message);
    }

    @Override
    public void info(String format, Object arg) {
      log(System.Logger.Level.INFO, format, arg);
    }

    @Override
    public void info(String format, Object arg1, Object arg2) {
      log(System.Logger.Level.INFO, format, arg1, arg2);
    }

    @Override
    public void info(String format, Object... arguments) {
      log(System.Logger.Level.INFO, format, arguments);
    }

    @Override
    public <E extends Exception> void info(LoggerConsumer<E> consumer) throws E {
      consume(System.Logger.Level.INFO, consumer);
    }

    @Override
    public boolean isWarnEnabled() {
      return enabled(System.Logger.Level.WARNING);
    }

    @Override
    public void warn(String message) {
      log(System.Logger.Level.WARNING, message);
    }

    @Override
    public void warn(String format, Object arg) {
      log(System.Logger.Level.WARNING, format, arg);
    }

    @Override
    public void warn(String format, Object arg1, Object arg2) {
      log(System.Logger.Level.WARNING, format, arg1, arg2);
    }

    @Override
    public void warn(String format, Object... arguments) {
      log(System.Logger.Level.WARNING, format, arguments);
    }

    @Override
    public <E extends Exception> void warn(LoggerConsumer<E> consumer) throws E {
      consume(System.Logger.Level.WARNING, consumer);
    }

    @Override
    public boolean isErrorEnabled() {
      return enabled(System.Logger.Level.ERROR);
    }

    @Override
    public void error(String message) {
      log(System.Logger.Level.ERROR, message);
    }

    @Override
    public void error(String format, Object arg) {
      log(System.Logger.Level.ERROR, format, arg);
    }

    @Override
    public void error(String format, Object arg1, Object arg2) {
      log(System.Logger.Level.ERROR, format, arg1, arg2);
    }

    @Override
    public void error(String format, Object... arguments) {
      log(System.Logger.Level.ERROR, format, arguments);
    }

    @Override
    public <E extends Exception> void error(LoggerConsumer<E> consumer) throws E {
      consume(System.Logger.Level.ERROR, consumer);
    }

    @Override
    public void audit(String message) {
      log(System.Logger.Level.INFO, message);
    }

    @Override
    public void audit(String format, Object arg) {
      log(System.Logger.Level.INFO, format, arg);
    }

    @Override
    public void audit(String format, Object arg1, Object arg2) {
      log(System.Logger.Level.INFO, format, arg1, arg2);
    }

    @Override
    public void audit(String format, Object... arguments) {
      log(System.Logger.Level.INFO, format, arguments);
    }
  }
}
