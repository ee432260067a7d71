package cores.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.accounts.User;
import cores.api.auth.Identity;
import cores.api.persistence.Signals;
import cores.testing.TestDatabase;
import cores.testing.postgres.Await;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What a token or session key resolves to is kept per instance until the accounts' tables signal a
 * change (issue 16: a token costs almost nothing): two instances of Cores on one database, each
 * with its own persistence unit and signals.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeptKeysTest {
  private AccountsDatabase db;
  private TestDatabase.Tx here;
  private TestDatabase.Tx there;
  private AccountsService accounts;
  private TokenService tokens;
  private SessionService sessions;
  private TokenService tokensThere;
  private SessionService sessionsThere;

  @BeforeAll
  void setUp() throws Exception {
    db = new AccountsDatabase();
    here = db.transactions();
    there = db.transactions();
    accounts =
        new AccountsService(here, TestAccess.fastHasher(), Clock.systemUTC(), new PasswordRules());
    tokens = TestAccess.tokens(here, here.signals());
    sessions = TestAccess.sessions(here, here.signals());
    tokensThere = TestAccess.tokens(there, there.signals());
    sessionsThere = TestAccess.sessions(there, there.signals());
    Await.until(() -> here.signals().generation(KeptKeys.CHANNEL) >= 0);
    Await.until(() -> there.signals().generation(KeptKeys.CHANNEL) >= 0);
  }

  @AfterAll
  void tearDown() throws Exception {
    here.close();
    there.close();
    db.close();
  }

  @Test
  void aKeptTokenOrSessionCostsNoStatement() {
    User user = accounts.provision(Identity.of("ldap", "kept"));
    String key = tokens.issue(user.id(), "t");
    String session = sessions.open(user.id());
    tokens.authenticate(key); // writes last_used, read again next time
    Delivered.settle(db, here.signals());
    tokens.authenticate(key);
    sessions.resolve(session);
    int statements = db.statements.get();
    for (int i = 0; i < 5; i++) {
      assertEquals(user.id(), tokens.authenticate(key).orElseThrow().id());
      assertEquals(user.id(), sessions.resolve(session).orElseThrow().id());
    }
    assertEquals(0, db.statements.get() - statements);
  }

  @Test
  void nothingIsKeptWhileTheSignalsAreNotKnownToListen() {
    Signals deaf = channel -> -1;
    TokenService unsure = TestAccess.tokens(here, deaf);
    User user = accounts.provision(Identity.of("ldap", "unsure"));
    String key = unsure.issue(user.id(), "t");
    unsure.authenticate(key);
    int statements = db.statements.get();
    unsure.authenticate(key);
    unsure.authenticate(key);
    assertEquals(2, db.statements.get() - statements);
  }

  @Test
  void aTokenRevokedOnThisInstanceIsRefusedAtOnce() {
    User user = accounts.provision(Identity.of("ldap", "revokedhere"));
    String key = kept(user, "t");
    tokens.revoke(user.id(), "t");
    assertEquals(Optional.empty(), tokens.authenticate(key));
  }

  @Test
  void aTokenRevokedOnAnotherInstanceIsRefusedOnceSignalled() {
    User user = accounts.provision(Identity.of("ldap", "revokedthere"));
    String key = kept(user, "t");
    tokensThere.revoke(user.id(), "t");
    Await.until(() -> tokens.authenticate(key).isEmpty());
  }

  @Test
  void aUserDeactivatedOrGivenAPermissionElsewhereCountsOnceSignalled() throws SQLException {
    User user = accounts.provision(Identity.of("ldap", "changedthere"));
    String key = kept(user, "t");
    String session = sessions.open(user.id());
    sessions.resolve(session);
    db.execute(
        "INSERT INTO auth_user_permissions (user_id, permission) VALUES ("
            + user.id()
            + ", 'booking.add_booking')");
    Await.until(
        () ->
            tokens.authenticate(key).orElseThrow().permissions().contains("booking.add_booking")
                && sessions
                    .resolve(session)
                    .orElseThrow()
                    .permissions()
                    .contains("booking.add_booking"));
    db.execute("UPDATE auth_user SET is_active = false WHERE id = " + user.id());
    Await.until(() -> tokens.authenticate(key).isEmpty() && sessions.resolve(session).isEmpty());
  }

  @Test
  void aLoginElsewhereKeepsWhatKeysResolveTo() throws SQLException {
    User user = accounts.provision(Identity.of("ldap", "loggedinelsewhere"));
    String key = kept(user, "t");
    db.execute("UPDATE auth_user SET last_login = now() WHERE id = " + user.id());
    Delivered.settle(db, here.signals());
    int statements = db.statements.get();
    assertTrue(tokens.authenticate(key).isPresent());
    assertEquals(0, db.statements.get() - statements);
  }

  @Test
  void aLogoutOnAnotherInstanceEndsTheSessionHereOnceSignalled() {
    User user = accounts.provision(Identity.of("ldap", "loggedout"));
    String session = sessions.open(user.id());
    assertTrue(sessions.resolve(session).isPresent());
    assertTrue(sessionsThere.resolve(session).isPresent());
    sessionsThere.close(session);
    assertTrue(sessionsThere.resolve(session).isEmpty(), "at once where it was closed");
    Await.until(() -> sessions.resolve(session).isEmpty());
  }

  /** A token of the user, resolved and kept on this instance. */
  private String kept(User user, String label) {
    String key = tokens.issue(user.id(), label);
    tokens.authenticate(key); // writes last_used, read again next time
    Delivered.settle(db, here.signals());
    tokens.authenticate(key);
    int statements = db.statements.get();
    assertTrue(tokens.authenticate(key).isPresent());
    assertEquals(0, db.statements.get() - statements, "kept");
    return key;
  }
}
