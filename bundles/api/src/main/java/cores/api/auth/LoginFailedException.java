package cores.api.auth;

import java.time.Duration;
import java.util.Optional;

/** A login was refused. The message is safe to show to the user. */
public class LoginFailedException extends Exception {
  private static final long serialVersionUID = 2L;

  /** Why a login failed, as far as the user may know. */
  public enum Reason {
    /** Unknown user or wrong password: the two are deliberately not told apart. */
    INVALID_CREDENTIALS,
    /** The account exists but is switched off. */
    INACTIVE,
    /** Too many recent failures for this username (from this client address). */
    THROTTLED,
    /** No provider could decide because an identity source is down. */
    UNAVAILABLE
  }

  private final Reason reason;

  /** How long until another attempt may be made, when known; null otherwise. */
  private final Duration retryAfter;

  public LoginFailedException(Reason reason, String message) {
    this(reason, message, null);
  }

  /**
   * @param retryAfter how long until the throttle lifts, or null when unknown
   * @since 1.2
   */
  public LoginFailedException(Reason reason, String message, Duration retryAfter) {
    super(message);
    this.reason = reason;
    this.retryAfter = retryAfter;
  }

  public Reason reason() {
    return reason;
  }

  /**
   * @return how long until another attempt may be made, when the refusal says
   * @since 1.2
   */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
