package cores.launcher;

import java.util.Optional;

/**
 * A startup failure the operator can act on: {@link Main} prints {@code cores: <message>} as one
 * line on stderr, then the hint if there is one ({@code hint: <what to do>}), never a stack trace,
 * and exits with {@link #exitCode()}.
 */
public class LaunchException extends Exception {
  private static final long serialVersionUID = 1L;

  /** The command failed (e.g. createsuperuser refused the input). */
  public static final int COMMAND_FAILED = 1;

  /** The environment is invalid: a bad or missing value, a missing feature. */
  public static final int BAD_CONFIGURATION = 2;

  /** The database could not be reached in time. */
  public static final int DATABASE_UNAVAILABLE = 3;

  /** The platform itself failed to start (a bundle did not resolve or start). */
  public static final int PLATFORM_FAILED = 4;

  private final int exitCode;
  private final String hint;

  public LaunchException(int exitCode, String message) {
    this(exitCode, message, null, null);
  }

  public LaunchException(int exitCode, String message, Throwable cause) {
    this(exitCode, message, null, cause);
  }

  /**
   * @param hint what the operator can do about it, one line; null for none
   */
  public LaunchException(int exitCode, String message, String hint, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
    this.hint = hint;
  }

  public int exitCode() {
    return exitCode;
  }

  public Optional<String> hint() {
    return Optional.ofNullable(hint);
  }
}
