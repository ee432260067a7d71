package cores.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cores.api.accounts.User;
import cores.testing.TestDatabase;
import cores.testing.postgres.Await;
import java.net.InetAddress;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A script sending HTTP Basic credentials logs in on every request: a known user's login writes
 * only what changes, so that it costs reads and leaves what other requests keep in place.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QuietLoginsTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T08:00:00Z"));
  private AccountsDatabase db;
  private TestDatabase.Tx tx;
  private AccountsService accounts;
  private AuthenticatorService authenticator;

  @BeforeAll
  void setUp() throws Exception {
    db = new AccountsDatabase();
    tx = db.transactions();
    accounts = new AccountsService(tx, TestAccess.fastHasher(), clock);
    authenticator =
        new AuthenticatorService(
            tx, accounts, new Settings(Duration.ofMinutes(30), 2, Duration.ofSeconds(4)), clock);
    authenticator.addProvider(TestAccess.local(tx), Map.of("service.id", 1L));
  }

  @AfterAll
  void tearDown() throws Exception {
    tx.close();
    db.close();
  }

  @Test
  void lastLoginIsWrittenAtMostOnceAMinute() throws Exception {
    User user = accounts.createSuperuser("minutely", "m@example.org", "secret-pw".toCharArray());
    Instant first = clock.instant();
    assertEquals(first, login("minutely").lastLogin());
    clock.advance(Duration.ofSeconds(30));
    assertEquals(first, login("minutely").lastLogin());
    assertEquals(first, accounts.find(user.id()).orElseThrow().lastLogin());
    clock.advance(Duration.ofSeconds(31));
    assertEquals(clock.instant(), login("minutely").lastLogin());
    assertEquals(clock.instant(), accounts.find(user.id()).orElseThrow().lastLogin());
  }

  @Test
  void aKnownUsersLoginWithNothingToForgiveCommitsNoWrite() throws Exception {
    accounts.createSuperuser("quiet", "q@example.org", "secret-pw".toCharArray());
    login("quiet");
    Await.until(() -> tx.signals().generation(KeptKeys.CHANNEL) >= 0);
    Delivered.settle(db, tx.signals());
    long before = tx.signals().generation(KeptKeys.CHANNEL);
    for (int i = 0; i < 3; i++) {
      login("quiet");
    }
    assertEquals(before, tx.signals().generation(KeptKeys.CHANNEL), "a read-write commit");
  }

  @Test
  void theOwnersLoginStillForgivesTheFailuresOfItsAddress() throws Exception {
    accounts.createSuperuser("forgiven", "f@example.org", "secret-pw".toCharArray());
    login("forgiven");
    InetAddress here = InetAddress.getByName("192.0.2.7");
    try {
      authenticator.login("forgiven", "wrong".toCharArray(), here);
    } catch (cores.api.auth.LoginFailedException expected) {
      // counted
    }
    assertEquals(1, failures("forgiven"));
    authenticator.login("forgiven", "secret-pw".toCharArray(), here);
    assertEquals(0, failures("forgiven"));
  }

  private User login(String username) throws Exception {
    return authenticator.login(username, "secret-pw".toCharArray(), null);
  }

  private long failures(String username) throws SQLException {
    return db.number("SELECT count(*) FROM auth_login_failure WHERE username = '" + username + "'");
  }
}
