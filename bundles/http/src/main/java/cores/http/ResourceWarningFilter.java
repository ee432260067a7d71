package cores.http;

import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drops Jersey's warning that a resource registered as an instance "does not implement any provider
 * interfaces" (Jersey issue 3700): the whiteboard registers every resource that way, and the
 * warning would repeat for each on every reload. Other warnings of that logger pass.
 */
final class ResourceWarningFilter implements Filter {
  private static final String LOGGER = "org.glassfish.jersey.internal.inject.Providers";
  private static final Pattern WARNING =
      Pattern.compile(
          "A provider (\\S+) registered in SERVER runtime does not implement any provider"
              + " interfaces.*",
          Pattern.DOTALL);

  private final Supplier<Set<String>> resourceClassNames;
  // held so that the JUL logger, which LogManager keeps weakly, keeps its filter
  private final Logger logger = Logger.getLogger(LOGGER);
  private Filter previous;

  ResourceWarningFilter(Supplier<Set<String>> resourceClassNames) {
    this.resourceClassNames = resourceClassNames;
  }

  synchronized void install() {
    previous = logger.getFilter();
    logger.setFilter(this);
  }

  synchronized void uninstall() {
    if (logger.getFilter() == this) {
      logger.setFilter(previous);
    }
  }

  @Override
  public boolean isLoggable(LogRecord record) {
    String message = record.getMessage();
    if (message != null) {
      Matcher matcher = WARNING.matcher(message);
      if (matcher.matches() && resourceClassNames.get().contains(matcher.group(1))) {
        return false;
      }
    }
    Filter next;
    synchronized (this) {
      next = previous;
    }
    return next == null || next.isLoggable(record);
  }
}
