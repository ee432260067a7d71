package cores.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.accounts.User;
import cores.api.auth.Identity;
import cores.api.auth.LoginFailedException.Reason;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Logins with the local provider's passwords: hashes checked and old ones upgraded, a remembered
 * Basic password that ends with a change elsewhere or a deactivation, and no shortcut that tells
 * unknown or malformed usernames apart.
 */
class LocalLoginTest extends LoginFixture {
  @Test
  void localProviderChecksHashesAndUpgradesOldOnes() throws Exception {
    PasswordHasher strong = new PasswordHasher(new SecureRandom());
    LocalAuthenticationProvider local = new LocalAuthenticationProvider(tx, strong);
    AuthenticatorService authenticator = authenticator(tx);
    add(authenticator, local, 1000);
    add(authenticator, FakeProvider.refusing("ldap"), 100);
    assertEquals(List.of("local", "ldap"), authenticator.providers());

    User admin = accounts.createSuperuser("Root", "root@example.com", "old-password".toCharArray());
    assertEquals(admin.id(), authenticator.login("root", "old-password".toCharArray()).id());
    assertEquals(Optional.empty(), local.authenticate("root", "wrong-password".toCharArray()));
    assertEquals(Optional.empty(), local.authenticate("nobody", "old-password".toCharArray()));
    assertEquals(Optional.empty(), local.authenticate("root", new char[0]));

    String stored = password(admin.id());
    assertTrue(stored.startsWith("pbkdf2_sha256$600000$"), "rehashed on login: " + stored);
    assertEquals(
        Identity.of("local", "Root"),
        local.authenticate("ROOT", "old-password".toCharArray()).get());

    // external users have no usable local password
    accounts.provision(Identity.of("ldap", "external"));
    assertEquals(
        Optional.empty(), local.authenticate("external", password("external").toCharArray()));
  }

  @Test
  void aRememberedBasicPasswordEndsWhenThePasswordIsChangedElsewhereOrTheUserDeactivated()
      throws Exception {
    PasswordHasher strong = new PasswordHasher(new SecureRandom());
    AuthenticatorService authenticator = authenticator(tx);
    add(authenticator, new LocalAuthenticationProvider(tx, strong), 1000);
    User user =
        accounts.createSuperuser("script", "script@example.com", "old-password".toCharArray());
    assertEquals(user.id(), authenticator.login("script", "old-password".toCharArray()).id());
    assertEquals(user.id(), authenticator.login("script", "old-password".toCharArray()).id());

    // another instance sets a new password: the one remembered here counts no more
    db.execute(
        "UPDATE auth_user SET password = '"
            + strong.hash("new-password".toCharArray())
            + "' WHERE id = "
            + user.id());
    assertReason(Reason.INVALID_CREDENTIALS, authenticator, "script", "old-password");
    assertEquals(user.id(), authenticator.login("script", "new-password".toCharArray()).id());

    db.execute("UPDATE auth_user SET is_active = false WHERE id = " + user.id());
    assertReason(Reason.INACTIVE, authenticator, "script", "new-password");
  }

  @Test
  void aNulInTheUsernameIsAWrongLoginNotAnOutage() throws Exception {
    AuthenticatorService authenticator = authenticator(tx);
    add(
        authenticator,
        new LocalAuthenticationProvider(tx, new PasswordHasher(new SecureRandom())),
        1000);
    assertReason(Reason.INVALID_CREDENTIALS, authenticator, "ro\u0000ot", "any-password");
    assertReason(Reason.INVALID_CREDENTIALS, authenticator, "\u0000", "any-password");
  }

  @Test
  void unknownUsersCostAboutAsMuchAsWrongPasswords() throws Exception {
    PasswordHasher strong = new PasswordHasher(new SecureRandom());
    LocalAuthenticationProvider local = new LocalAuthenticationProvider(tx, strong);
    User user = accounts.provision(Identity.of("ldap", "timed"));
    db.execute(
        "UPDATE auth_user SET password = '"
            + strong.hash("the-password".toCharArray())
            + "' WHERE id = "
            + user.id());
    long known = Long.MAX_VALUE;
    long unknown = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      long start = System.nanoTime();
      local.authenticate("timed", "wrong-password".toCharArray());
      known = Math.min(known, System.nanoTime() - start);
      start = System.nanoTime();
      local.authenticate("no-such-user", "wrong-password".toCharArray());
      unknown = Math.min(unknown, System.nanoTime() - start);
    }
    // a fast path for unknown users would be two orders of magnitude quicker than a PBKDF2 check
    assertTrue(unknown > known / 3, "known " + known + " ns, unknown " + unknown + " ns");
  }
}
