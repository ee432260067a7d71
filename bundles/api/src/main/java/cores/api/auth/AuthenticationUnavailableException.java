package cores.api.auth;

/** An authentication provider could not reach or use its identity source. */
public class AuthenticationUnavailableException extends Exception {
  private static final long serialVersionUID = 1L;

  public AuthenticationUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  public AuthenticationUnavailableException(String message) {
    super(message);
  }
}
