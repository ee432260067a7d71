package cores.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.accounts.PasswordResets;
import cores.api.accounts.User;
import cores.api.auth.Identity;
import cores.api.notify.NotificationEvent;
import cores.api.notify.NotificationType;
import cores.api.web.ProblemException;
import cores.testing.TestDatabase;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PasswordResetServiceTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T08:00:00Z"));
  private final RecordingOutbox outbox = new RecordingOutbox();
  private AccountsDatabase db;
  private TestDatabase.Tx tx;
  private AccountsService accounts;
  private PasswordResetService resets;
  private final List<Runnable> queued = new ArrayList<>();
  private SessionService sessions;
  private LocalAuthenticationProvider local;

  @BeforeAll
  void setUp() throws Exception {
    db = new AccountsDatabase();
    tx = db.transactions();
    accounts = new AccountsService(tx, TestAccess.fastHasher(), clock, new PasswordRules());
    resets =
        new PasswordResetService(
            tx,
            outbox,
            new PasswordRules(),
            TestAccess.fastHasher(),
            clock,
            new SecureRandom(),
            Duration.ofMinutes(60),
            2,
            queued::add);
    sessions =
        new SessionService(
            tx,
            tx.signals(),
            new Settings(Duration.ofDays(1), 5, Duration.ofMinutes(15)),
            clock,
            new SecureRandom());
    local = TestAccess.local(tx);
  }

  @BeforeEach
  void clear() {
    outbox.events.clear();
    outbox.failing = false;
    outbox.mailing = true;
    queued.clear();
  }

  @AfterAll
  void tearDown() throws Exception {
    tx.close();
    db.close();
  }

  @Test
  void aRequestMailsALinkWhoseKeyIsStoredOnlyAsAHash() throws Exception {
    User ann = user("ann", "Ann@Example.org");
    request(" ann@EXAMPLE.org ");
    NotificationEvent mail = onlyMail();
    assertEquals(NotificationType.PASSWORD_RESET, mail.type());
    assertEquals(ann.id(), mail.userId());
    String key = mail.data().get(NotificationEvent.TOKEN);
    assertEquals("ann", mail.data().get(NotificationEvent.USERNAME));
    assertEquals("1 hour", mail.data().get(NotificationEvent.VALID_FOR));
    assertTrue(Keys.urlSafeShape(key), key);
    assertEquals(
        1,
        db.number(
            "SELECT count(*) FROM auth_password_reset WHERE key_hash = '" + Keys.hash(key) + "'"));
    assertEquals(
        0,
        db.number(
            "SELECT count(*) FROM auth_password_reset WHERE key_hash = '"
                + key
                + "' OR key_hash LIKE '%"
                + key.substring(0, 10)
                + "%'"));
    assertEquals(ann.id(), resets.check(key).orElseThrow().id());
  }

  @Test
  void unknownAddressesGetNothingAndNoError() {
    request("nobody@example.org");
    assertEquals(List.of(), outbox.events);
  }

  @Test
  void withoutAMailChannelNoLinkIsMadeAndTheAskerIsToldWhy() {
    user("carl", "carl@example.org");
    outbox.mailing = false;
    assertFalse(resets.mailed());
    ProblemException e =
        assertThrows(ProblemException.class, () -> resets.request("carl@example.org"));
    assertEquals(503, e.status());
    assertEquals(PasswordResets.NOT_MAILED, e.getMessage());
    assertEquals(List.of(), queued, "no work queued: no key, no pending mail");
    assertEquals(List.of(), outbox.events);
  }

  @Test
  void whatIsNoAddressIsAFieldError() {
    for (String wrong : new String[] {"not an address", "", null}) {
      ProblemException e = assertThrows(ProblemException.class, () -> resets.request(wrong));
      assertEquals(List.of("email"), List.copyOf(e.errors().keySet()), wrong);
    }
    assertEquals(List.of(), outbox.events);
  }

  @Test
  void onlyActiveUsersWithALocalPasswordGetALink() {
    accounts.provision(
        new Identity("ldap", "dir", null, null, "dir@example.org", null, null, null));
    request("dir@example.org");
    User off = user("off", "off@example.org");
    tx.required(
        em ->
            em.createNativeQuery("UPDATE auth_user SET is_active = false WHERE id = ?1")
                .setParameter(1, off.id())
                .executeUpdate());
    request("off@example.org");
    assertEquals(List.of(), outbox.events);
  }

  @Test
  void theKeyWorksOnceSetsThePasswordAndEndsTheSessions() throws Exception {
    User bob = user("bob", "bob@example.org");
    String session = sessions.open(bob.id());
    request("bob@example.org");
    String key = onlyMail().data().get(NotificationEvent.TOKEN);

    ProblemException tooShort =
        assertThrows(ProblemException.class, () -> resets.reset(key, "short".toCharArray()));
    assertEquals(
        Map.of(
            "new_password",
            List.of("This password is too short. It must contain at least 8 characters.")),
        tooShort.errors());
    assertTrue(resets.check(key).isPresent(), "a refused password does not use up the key");

    assertEquals(bob.id(), resets.reset(key, "brand-new-pw".toCharArray()).id());
    assertTrue(local.authenticate("bob", "brand-new-pw".toCharArray()).isPresent());
    assertTrue(sessions.resolve(session).isEmpty());
    assertTrue(resets.check(key).isEmpty());
    assertEquals(
        404,
        assertThrows(ProblemException.class, () -> resets.reset(key, "again-new-pw".toCharArray()))
            .status());
    assertTrue(local.authenticate("bob", "brand-new-pw".toCharArray()).isPresent());
  }

  @Test
  void aKeyExpires() {
    user("cid", "cid@example.org");
    request("cid@example.org");
    String key = onlyMail().data().get(NotificationEvent.TOKEN);
    clock.advance(Duration.ofMinutes(61));
    assertTrue(resets.check(key).isEmpty());
    assertEquals(
        404,
        assertThrows(ProblemException.class, () -> resets.reset(key, "too-late-pw".toCharArray()))
            .status());
  }

  @Test
  void aNewPasswordUsesUpEveryOtherPendingKey() {
    user("dan", "dan@example.org");
    request("dan@example.org");
    request("dan@example.org");
    String first = outbox.events.get(0).data().get(NotificationEvent.TOKEN);
    String second = outbox.events.get(1).data().get(NotificationEvent.TOKEN);
    resets.reset(second, "dans-new-pw".toCharArray());
    assertTrue(resets.check(first).isEmpty());
  }

  @Test
  void eachUserGetsAtMostSoManyMailsAnHour() {
    user("eve", "eve@example.org");
    for (int i = 0; i < 4; i++) {
      request("eve@example.org");
    }
    assertEquals(2, outbox.events.size());
    clock.advance(PasswordResetService.LIMIT_WINDOW.plusSeconds(1));
    request("eve@example.org");
    assertEquals(3, outbox.events.size());
  }

  @Test
  void aKeyExistsOnlyWhenItsMailIsQueued() throws Exception {
    User fay = user("fay", "fay@example.org");
    outbox.failing = true;
    request("fay@example.org");
    assertEquals(
        0, db.number("SELECT count(*) FROM auth_password_reset WHERE user_id = " + fay.id()));
  }

  /** A request as the page makes it, and its work done. */
  private void request(String email) {
    resets.request(email);
    List.copyOf(queued).forEach(Runnable::run);
    queued.clear();
  }

  @Test
  void theAnswerDoesNotWaitForTheWorkAnAccountTakesSoItsTimeTellsNothing() throws Exception {
    User gus = user("gus", "gus@example.org");
    resets.request("gus@example.org");
    resets.request("nobody-here@example.org");
    assertEquals(2, queued.size(), "both answered alike: their work queued");
    assertEquals(
        0, db.number("SELECT count(*) FROM auth_password_reset WHERE user_id = " + gus.id()));
    assertTrue(outbox.events.isEmpty());
    List.copyOf(queued).forEach(Runnable::run);
    queued.clear();
    assertEquals(
        1, db.number("SELECT count(*) FROM auth_password_reset WHERE user_id = " + gus.id()));
  }

  @Test
  void malformedKeysAreNotLookedUp() {
    assertTrue(resets.check(null).isEmpty());
    assertTrue(resets.check("' OR 1=1 --").isEmpty());
    assertTrue(resets.check("a".repeat(43)).isEmpty());
  }

  @Test
  void theMailSaysHowLongTheLinkWorks() {
    assertEquals("1 hour", PasswordResetService.describe(Duration.ofMinutes(60)));
    assertEquals("2 hours", PasswordResetService.describe(Duration.ofMinutes(120)));
    assertEquals("90 minutes", PasswordResetService.describe(Duration.ofMinutes(90)));
  }

  private User user(String name, String email) {
    return accounts.createSuperuser(name, email, (name + "-password").toCharArray());
  }

  private NotificationEvent onlyMail() {
    assertEquals(1, outbox.events.size(), outbox.events.toString());
    return outbox.events.get(0);
  }
}
