package cores.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.accounts.Profile;
import cores.api.accounts.User;
import cores.api.auth.Identity;
import cores.api.web.ProblemException;
import cores.testing.TestDatabase;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProfileServiceTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T08:00:00Z"));
  private final Settings settings = new Settings(Duration.ofMinutes(30), 3, Duration.ofMinutes(15));
  private AccountsDatabase db;
  private TestDatabase.Tx tx;
  private AccountsService accounts;
  private ProfileService profiles;
  private SessionService sessions;
  private LocalAuthenticationProvider local;

  @BeforeAll
  void setUp() throws Exception {
    db = new AccountsDatabase();
    tx = db.transactions();
    accounts = new AccountsService(tx, TestAccess.fastHasher(), clock, new PasswordRules());
    profiles =
        new ProfileService(tx, TestAccess.fastHasher(), settings, clock, new PasswordRules());
    sessions = new SessionService(tx, tx.signals(), settings, clock, new SecureRandom());
    local = TestAccess.local(tx);
  }

  @AfterAll
  void tearDown() throws Exception {
    tx.close();
    db.close();
  }

  @Test
  void usersChangeTheirNamesAddressAndReminders() {
    User ann = accounts.createSuperuser("ann", "ann@example.org", "ann-password".toCharArray());
    Profile changed = profiles.update(ann.id(), " Ann ", "Lee", " Ann.Lee@Example.org ", false);
    assertEquals(
        new Profile(ann.id(), "ann", "Ann", "Lee", "Ann.Lee@Example.org", false, true), changed);
    assertEquals(changed, profiles.profile(ann.id()).orElseThrow());
    assertTrue(profiles.profile(-1).isEmpty());
  }

  @Test
  void anAddressIsRequiredValidAndNotAnotherUsersIgnoringCase() throws Exception {
    User bob = accounts.createSuperuser("bob", "bob@example.org", "bob-password".toCharArray());
    User cid = accounts.createSuperuser("cid", "cid@example.org", "cid-password".toCharArray());
    ProblemException taken =
        assertThrows(
            ProblemException.class,
            () -> profiles.update(cid.id(), "Cid", "", "BOB@example.ORG", true));
    assertEquals(400, taken.status());
    assertEquals(
        Map.of("email", List.of("another account already uses this address")), taken.errors());
    assertEquals("cid@example.org", profiles.profile(cid.id()).orElseThrow().email());

    ProblemException blank =
        assertThrows(
            ProblemException.class,
            () -> profiles.update(cid.id(), "x".repeat(151), "", " ", true));
    assertEquals(List.of("required"), blank.errors().get("email"));
    assertEquals(List.of("at most 150 characters"), blank.errors().get("first_name"));
    assertEquals(
        List.of("not a valid email address"),
        assertThrows(
                ProblemException.class, () -> profiles.update(cid.id(), "", "", "no-at-sign", true))
            .errors()
            .get("email"));
    // their own address in another case is theirs to keep
    assertEquals(
        "BOB@example.org", profiles.update(bob.id(), "", "", "BOB@example.org", true).email());
    assertEquals(
        404,
        assertThrows(ProblemException.class, () -> profiles.update(-5, "", "", "x@y.z", true))
            .status());
  }

  /**
   * A user's own names are one line, as the admin's; a name stored before the rule, sent back as it
   * is, is kept rather than blocking the change of an address.
   */
  @Test
  void namesAreOneLineButAStoredOneSentBackIsKept() throws Exception {
    User gus = accounts.createSuperuser("gus", "gus@example.org", "gus-password".toCharArray());
    ProblemException refused =
        assertThrows(
            ProblemException.class,
            () -> profiles.update(gus.id(), "Gus\u2028Ann", "Li\u001bn", "gus@example.org", true));
    assertEquals(400, refused.status());
    assertTrue(refused.errors().get("first_name").get(0).contains("U+2028 at character 4"));
    assertTrue(refused.errors().get("last_name").get(0).contains("U+001B at character 3"));
    db.execute("UPDATE auth_user SET last_name = E'Li\\u001bn' WHERE id = " + gus.id());
    Profile changed = profiles.update(gus.id(), "Gus", "Li\u001bn", "gus@lab.example", true);
    assertEquals("Li\u001bn", changed.lastName());
    assertEquals("gus@lab.example", changed.email());
  }

  @Test
  void changingThePasswordChecksTheCurrentOneAndEndsOtherSessionsAndTokens() throws Exception {
    User dan = accounts.createSuperuser("dan", "dan@example.org", "old-password".toCharArray());
    String here = sessions.open(dan.id());
    String elsewhere = sessions.open(dan.id());
    TokenService tokens = new TokenService(tx, tx.signals(), clock, new SecureRandom());
    String token = tokens.issue(dan.id(), "script");

    ProblemException wrong =
        assertThrows(
            ProblemException.class,
            () ->
                profiles.changePassword(
                    dan.id(), "not-it".toCharArray(), "short".toCharArray(), here));
    assertEquals(
        Map.of(
            "current_password", List.of("wrong password"),
            "new_password",
                List.of("This password is too short. It must contain at least 8 characters.")),
        wrong.errors());
    assertTrue(local.authenticate("dan", "old-password".toCharArray()).isPresent());

    profiles.changePassword(
        dan.id(), "old-password".toCharArray(), "new-password".toCharArray(), here);
    assertTrue(local.authenticate("dan", "new-password".toCharArray()).isPresent());
    assertFalse(local.authenticate("dan", "old-password".toCharArray()).isPresent());
    assertTrue(sessions.resolve(here).isPresent(), "the session that changed it stays");
    assertTrue(sessions.resolve(elsewhere).isEmpty(), "other sessions end");
    assertTrue(tokens.authenticate(token).isEmpty(), "API tokens are revoked");
    assertEquals(0, db.number("SELECT count(*) FROM auth_login_failure WHERE username = 'dan'"));
  }

  @Test
  void wrongCurrentPasswordsAreThrottledLikeFailedLogins() throws Exception {
    User eve = accounts.createSuperuser("eve", "eve@example.org", "eve-password".toCharArray());
    for (int i = 0; i < settings.throttleFreeFailures(); i++) {
      assertEquals(
          400,
          assertThrows(
                  ProblemException.class,
                  () ->
                      profiles.changePassword(
                          eve.id(), "guess".toCharArray(), "whatever-new".toCharArray(), null))
              .status());
    }
    ProblemException throttled =
        assertThrows(
            ProblemException.class,
            () ->
                profiles.changePassword(
                    eve.id(), "eve-password".toCharArray(), "whatever-new".toCharArray(), null));
    assertEquals(429, throttled.status());
    assertTrue(local.authenticate("eve", "eve-password".toCharArray()).isPresent());

    clock.advance(AuthenticatorService.WINDOW.plusSeconds(1));
    profiles.changePassword(
        eve.id(), "eve-password".toCharArray(), "whatever-new".toCharArray(), null);
    assertTrue(local.authenticate("eve", "whatever-new".toCharArray()).isPresent());
  }

  @Test
  void throttlePerAddressAGuesserAtTheLoginDoesNotLockTheOwnersPasswordPage() throws Exception {
    User fay = accounts.createSuperuser("fay", "fay@example.org", "fay-password".toCharArray());
    for (int i = 0; i < 3 * settings.throttleFreeFailures(); i++) {
      db.execute(
          "INSERT INTO auth_login_failure (username, client_address, failed_at)"
              + " VALUES ('fay', '203.0.113.9', now())");
    }
    profiles.changePassword(
        fay.id(), "fay-password".toCharArray(), "fay-new-password".toCharArray(), null);
    assertTrue(local.authenticate("fay", "fay-new-password".toCharArray()).isPresent());
  }

  @Test
  void usersWithoutALocalPasswordCannotChangeOneHere() {
    User dir = accounts.provision(Identity.of("ldap", "dir"));
    assertFalse(profiles.profile(dir.id()).orElseThrow().localPassword());
    assertEquals(
        409,
        assertThrows(
                ProblemException.class,
                () ->
                    profiles.changePassword(
                        dir.id(), "x".toCharArray(), "long-enough".toCharArray(), null))
            .status());
  }
}
