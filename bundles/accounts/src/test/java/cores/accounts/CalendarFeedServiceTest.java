package cores.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.accounts.CalendarFeeds;
import cores.api.accounts.User;
import cores.testing.TestDatabase;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CalendarFeedServiceTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T08:00:00Z"));
  private AccountsDatabase db;
  private TestDatabase.Tx tx;
  private AccountsService accounts;
  private CalendarFeedService feeds;

  @BeforeAll
  void setUp() throws Exception {
    db = new AccountsDatabase();
    tx = db.transactions();
    accounts = new AccountsService(tx, TestAccess.fastHasher(), clock, new PasswordRules());
    feeds = new CalendarFeedService(tx, clock, new SecureRandom());
  }

  @AfterAll
  void tearDown() throws Exception {
    tx.close();
    db.close();
  }

  @Test
  void theKeyIsTheCredentialAndOnlyItsHashIsStored() throws Exception {
    User ann = accounts.createSuperuser("ann", "ann@example.org", "ann-password".toCharArray());
    assertTrue(feeds.feed(ann.id()).isEmpty());
    String key = feeds.issue(ann.id());
    assertTrue(Keys.urlSafeShape(key), key);
    assertEquals(
        1,
        db.number(
            "SELECT count(*) FROM cores_calendar_feed WHERE key_hash = '" + Keys.hash(key) + "'"));
    assertEquals(
        0, db.number("SELECT count(*) FROM cores_calendar_feed WHERE key_hash = '" + key + "'"));
    assertEquals(new CalendarFeeds.Feed(clock.instant(), null), feeds.feed(ann.id()).orElseThrow());

    clock.advance(Duration.ofMinutes(5));
    assertEquals(ann.id(), feeds.authenticate(key).orElseThrow().id());
    assertEquals(clock.instant(), feeds.feed(ann.id()).orElseThrow().lastUsed());
    assertTrue(feeds.authenticate("x".repeat(43)).isEmpty());
    assertTrue(feeds.authenticate("' OR 1=1 --").isEmpty());
    assertTrue(feeds.authenticate(null).isEmpty());
  }

  @Test
  void regeneratingRevokesTheOldAddress() {
    User bob = accounts.createSuperuser("bob", "bob@example.org", "bob-password".toCharArray());
    String old = feeds.issue(bob.id());
    feeds.authenticate(old);
    clock.advance(Duration.ofMinutes(1));
    String fresh = feeds.issue(bob.id());
    assertNotEquals(old, fresh);
    assertTrue(feeds.authenticate(old).isEmpty());
    assertNull(feeds.feed(bob.id()).orElseThrow().lastUsed());
    assertEquals(bob.id(), feeds.authenticate(fresh).orElseThrow().id());
    feeds.revoke(bob.id());
    assertTrue(feeds.authenticate(fresh).isEmpty());
    assertTrue(feeds.feed(bob.id()).isEmpty());
  }

  @Test
  void inactiveUsersFeedsAnswerNothing() {
    User cid = accounts.createSuperuser("cid", "cid@example.org", "cid-password".toCharArray());
    String key = feeds.issue(cid.id());
    tx.required(
        em ->
            em.createNativeQuery("UPDATE auth_user SET is_active = false WHERE id = ?1")
                .setParameter(1, cid.id())
                .executeUpdate());
    assertTrue(feeds.authenticate(key).isEmpty());
    assertThrows(IllegalArgumentException.class, () -> feeds.issue(-1));
  }
}
