package cores.api.auth;

/** A login was refused. The message is safe to show to the user. */
public class LoginFailedException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why a login failed, as far as the user may know. */
  public enum Reason {
    /** Unknown user or wrong password: the two are deliberately not told apart. */
    INVALID_CREDENTIALS,
    /** The account exists but is switched off. */
    INACTIVE,
    /** Too many recent failures for this username. */
    THROTTLED,
    /** No provider could decide because an identity source is down. */
    UNAVAILABLE
  }

  private final Reason reason;

  public LoginFailedException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
