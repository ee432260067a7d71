package cores.http;

import cores.api.accounts.Sessions;
import cores.api.accounts.Tokens;
import cores.api.accounts.User;
import cores.api.auth.Authenticator;
import cores.api.auth.LoginFailedException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Small in-memory implementations of the account service interfaces, so that the server's
 * authentication runs against our own API contracts without the accounts bundle.
 */
final class TestAccounts implements Tokens, Sessions, Authenticator {
  static final User ALICE =
      new User(
          1,
          "alice",
          "Alice",
          "A",
          "alice@example.org",
          true,
          true,
          false,
          Set.of(),
          Set.of("inventory.change_host"),
          null);
  static final User ROOT =
      new User(2, "root", null, null, null, true, true, true, Set.of(), Set.of(), null);
  static final String ALICE_TOKEN = "alice-token-0123456789";
  static final String THROTTLED_USER = "hammered";
  static final String LDAP_DOWN_USER = "ldapuser";

  /** How long the throttled user is told to wait. */
  static final Duration THROTTLED_WAIT = Duration.ofMillis(7200);

  private final Map<String, User> sessions = new ConcurrentHashMap<>();

  /** The client address of the latest login, as the server passed it ("unknown" if none). */
  volatile String lastClient = "";

  @Override
  public User login(String username, char[] password, InetAddress clientAddress)
      throws LoginFailedException {
    lastClient = clientAddress == null ? "unknown" : clientAddress.getHostAddress();
    return login(username, password);
  }

  @Override
  public User login(String username, char[] password) throws LoginFailedException {
    String given = new String(password);
    if (username.equals(THROTTLED_USER)) {
      throw new LoginFailedException(
          LoginFailedException.Reason.THROTTLED, "Too many attempts.", THROTTLED_WAIT);
    }
    if (username.equals(LDAP_DOWN_USER)) {
      throw new LoginFailedException(
          LoginFailedException.Reason.UNAVAILABLE, "authentication service unavailable");
    }
    if (username.equals("alice") && given.equals("wonder land")) {
      return ALICE;
    }
    if (username.equals("root") && given.equals("r00t:pw")) {
      return ROOT;
    }
    throw new LoginFailedException(
        LoginFailedException.Reason.INVALID_CREDENTIALS, "Invalid username or password.");
  }

  @Override
  public List<String> providers() {
    return List.of("local");
  }

  @Override
  public String issue(long userId, String label) {
    throw new UnsupportedOperationException("not used by the HTTP bundle");
  }

  @Override
  public Optional<User> authenticate(String key) {
    return key.equals(ALICE_TOKEN) ? Optional.of(ALICE) : Optional.empty();
  }

  @Override
  public void revoke(long userId, String label) {
    throw new UnsupportedOperationException("not used by the HTTP bundle");
  }

  @Override
  public List<Token> list(long userId) {
    throw new UnsupportedOperationException("not used by the HTTP bundle");
  }

  @Override
  public boolean revokeById(long userId, long tokenId) {
    throw new UnsupportedOperationException("not used by the HTTP bundle");
  }

  @Override
  public String open(long userId) {
    User user = userId == ALICE.id() ? ALICE : ROOT;
    String key = UUID.randomUUID().toString().replace("-", "");
    sessions.put(key, user);
    return key;
  }

  @Override
  public Optional<User> resolve(String key) {
    return Optional.ofNullable(sessions.get(key));
  }

  @Override
  public void close(String key) {
    sessions.remove(key);
  }

  int openSessions() {
    return sessions.size();
  }
}
