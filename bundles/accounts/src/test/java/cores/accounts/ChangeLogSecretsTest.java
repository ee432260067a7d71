package cores.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cores.api.accounts.User;
import cores.testing.TestDatabase;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The accounts' tables in the change log (004-change-log.sql): users and tokens are recorded, but
 * never a password hash or a token's key hash, only that it was set.
 */
class ChangeLogSecretsTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private AccountsDatabase db;
  private TestDatabase.Tx tx;

  @BeforeEach
  void setUp() throws Exception {
    db = new AccountsDatabase();
    tx = db.transactions();
  }

  @AfterEach
  void tearDown() throws Exception {
    tx.close();
    db.close();
  }

  private String text(String sql, Object... values) throws SQLException {
    try (Connection c = db.connect();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        s.setObject(i + 1, values[i]);
      }
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? r.getString(1) : null;
      }
    }
  }

  @Test
  void aNewUserAndTheirTokenAreRecordedWithoutTheirSecrets() throws SQLException {
    AccountsService accounts =
        new AccountsService(
            tx, new PasswordHasher(new SecureRandom(), 1000), clock, new PasswordRules());
    User user = accounts.createSuperuser("root", "root@example.org", "s3cret-pw".toCharArray());
    String key =
        new TokenService(tx, tx.signals(), clock, new SecureRandom()).issue(user.id(), "script");
    String hash = text("SELECT password FROM auth_user WHERE id = ?", user.id());

    assertEquals(
        "(changed)|root",
        text(
            "SELECT (after ->> 'password') || '|' || (after ->> 'username') FROM cores_change"
                + " WHERE model = 'user' AND object_id = ? AND action = 'create'",
            user.id()));
    assertEquals(
        "(changed)|script",
        text(
            "SELECT (after ->> 'key_hash') || '|' || (after ->> 'label') FROM cores_change"
                + " WHERE model = 'token' AND action = 'create'"));
    assertEquals(
        "0",
        text(
            "SELECT count(*) FROM cores_change WHERE concat(before::text, after::text) LIKE ?"
                + " OR concat(before::text, after::text) LIKE ?",
            "%" + hash + "%",
            "%" + Keys.hash(key) + "%"));
  }
}
