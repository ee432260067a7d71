package cores.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cores.api.accounts.User;
import cores.api.auth.LoginFailedException.Reason;
import cores.testing.postgres.Await;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A script sending HTTP Basic credentials logs in on every request: a known user's login writes
 * only what changes, so that it costs reads and leaves what other requests keep in place.
 */
class QuietLoginsTest extends LoginFixture {
  private AuthenticatorService authenticator;

  @BeforeAll
  void addLocalLogins() {
    authenticator = authenticator(tx);
    add(authenticator, TestAccess.local(tx), 1);
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
    assertReason(Reason.INVALID_CREDENTIALS, authenticator, "forgiven", "wrong", here);
    assertEquals(1, failures("forgiven"));
    authenticator.login("forgiven", "secret-pw".toCharArray(), here);
    assertEquals(0, failures("forgiven"));
  }

  private User login(String username) throws Exception {
    return authenticator.login(username, "secret-pw".toCharArray(), null);
  }
}
