package cores.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.auth.AuthenticationProvider;
import cores.api.auth.LoginFailedException;
import cores.api.auth.LoginFailedException.Reason;
import cores.testing.TestDatabase;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * What the tests of logins share: a database with the transactions of two instances, a clock the
 * tests move, authenticators over them with providers added at a ranking, and what they check in
 * the database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LoginFixture {
  final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T08:00:00Z"));
  final Settings settings = new Settings(Duration.ofMinutes(30), 2, Duration.ofSeconds(4));
  private final AtomicLong serviceIds = new AtomicLong();
  AccountsDatabase db;
  TestDatabase.Tx tx;
  TestDatabase.Tx otherTx;
  AccountsService accounts;

  @BeforeAll
  void setUp() throws Exception {
    db = new AccountsDatabase();
    tx = db.transactions();
    otherTx = db.transactions();
    accounts = new AccountsService(tx, TestAccess.fastHasher(), clock, new PasswordRules());
  }

  @AfterAll
  void tearDown() throws Exception {
    tx.close();
    otherTx.close();
    db.close();
  }

  AuthenticatorService authenticator(TestDatabase.Tx transactions) {
    return new AuthenticatorService(
        transactions,
        new AccountsService(transactions, TestAccess.fastHasher(), clock, new PasswordRules()),
        settings,
        clock);
  }

  void add(AuthenticatorService authenticator, AuthenticationProvider provider, int ranking) {
    authenticator.addProvider(
        provider, Map.of("service.ranking", ranking, "service.id", serviceIds.incrementAndGet()));
  }

  static void assertReason(
      Reason expected, AuthenticatorService authenticator, String username, String password) {
    LoginFailedException e =
        assertThrows(
            LoginFailedException.class,
            () -> authenticator.login(username, password.toCharArray()));
    assertEquals(expected, e.reason(), e.getMessage());
  }

  static LoginFailedException assertReason(
      Reason expected,
      AuthenticatorService authenticator,
      String username,
      String password,
      InetAddress client) {
    LoginFailedException e =
        assertThrows(
            LoginFailedException.class,
            () -> authenticator.login(username, password.toCharArray(), client));
    assertEquals(expected, e.reason(), e.getMessage());
    return e;
  }

  long failures(String username) throws SQLException {
    return Long.parseLong(
        query("SELECT count(*) FROM auth_login_failure WHERE username = '" + username + "'"));
  }

  String password(long id) throws SQLException {
    return query("SELECT password FROM auth_user WHERE id = " + id);
  }

  String password(String username) throws SQLException {
    return query("SELECT password FROM auth_user WHERE username = '" + username + "'");
  }

  private String query(String sql) throws SQLException {
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      assertTrue(r.next(), sql);
      String value = r.getString(1);
      assertNotNull(value, sql);
      return value;
    }
  }
}
