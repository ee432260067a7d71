package cores.api.persistence;

import java.time.Duration;

/**
 * The database cannot be reached: down, restarting, unreachable, or no pooled connection came in
 * time. An outage, not an error in what was asked: the answer is 503 with {@code Retry-After}.
 *
 * <p>The message says it in one line, naming the database's host and port and the reason (never a
 * password). The exception carries neither a cause nor a stack trace (the persistence bundle logs
 * those at DEBUG), so whoever catches it logs its message: one line per failure.
 *
 * @since 1.3
 */
public class DatabaseUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What a client is told. */
  public static final String DETAIL = "The database is not available right now; retry shortly.";

  /** How long a client should wait: about the pool's wait for a connection, and a restart. */
  public static final Duration RETRY_AFTER = Duration.ofSeconds(5);

  /**
   * @param message e.g. {@code the database at db:5432 cannot be reached (Connection refused)}
   */
  public DatabaseUnavailableException(String message) {
    super(message, null, false, false);
  }
}
