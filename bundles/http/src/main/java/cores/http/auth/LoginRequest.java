package cores.http.auth;

/** The body of {@code POST /api/auth/login}. */
public record LoginRequest(String username, String password) {
  /** Keeps the password out of logs. */
  @Override
  public String toString() {
    return "LoginRequest[username=" + username + ", password=****]";
  }
}
