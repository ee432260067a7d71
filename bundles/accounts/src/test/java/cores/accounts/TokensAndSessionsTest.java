package cores.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.accounts.Tokens;
import cores.api.accounts.User;
import cores.api.auth.Identity;
import cores.testing.TestDatabase;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokensAndSessionsTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private AccountsDatabase db;
  private TestDatabase.Tx tx;
  private AccountsService accounts;
  private TokenService tokens;
  private SessionService sessions;

  @BeforeAll
  void setUp() throws Exception {
    db = new AccountsDatabase();
    tx = db.transactions();
    accounts =
        new AccountsService(
            tx, new PasswordHasher(new SecureRandom(), 1000), clock, new PasswordRules());
    tokens = new TokenService(tx, tx.signals(), clock, new SecureRandom());
    sessions =
        new SessionService(
            tx,
            tx.signals(),
            new Settings(Duration.ofMinutes(30), 5, Duration.ofSeconds(900)),
            clock,
            new SecureRandom());
  }

  @AfterAll
  void tearDown() throws Exception {
    tx.close();
    db.close();
  }

  @Test
  void tokensAreStoredOnlyAsHashes() throws SQLException {
    User user = accounts.provision(Identity.of("ldap", "tokenuser"));
    String key = tokens.issue(user.id(), "import script");
    assertTrue(key.matches("[0-9a-f]{40}"), key);
    assertNotEquals(key, tokens.issue(user.id(), "import script"));
    List<String> rows =
        column(
            "SELECT concat_ws('|', label, key_hash, created) FROM cores_token WHERE user_id = "
                + user.id());
    assertEquals(2, rows.size());
    rows.forEach(row -> assertFalse(row.contains(key), row));
    assertEquals(
        List.of(Keys.hash(key)),
        column("SELECT key_hash FROM cores_token WHERE key_hash = '" + Keys.hash(key) + "'"));

    assertEquals(user.id(), tokens.authenticate(key).orElseThrow().id());
    assertTrue(tokens.authenticate(key.toUpperCase(java.util.Locale.ROOT)).isEmpty());
    assertTrue(tokens.authenticate("0".repeat(40)).isEmpty());
    assertTrue(tokens.authenticate("' OR 1=1 --").isEmpty());
    assertTrue(tokens.authenticate(null).isEmpty());

    tokens.revoke(user.id(), "import script");
    assertTrue(tokens.authenticate(key).isEmpty());
    assertEquals(List.of(), column("SELECT id FROM cores_token WHERE user_id = " + user.id()));
  }

  @Test
  void lastUsedIsWrittenAtMostOnceAMinute() throws SQLException {
    User user = accounts.provision(Identity.of("ldap", "lastused"));
    String key = tokens.issue(user.id(), "t");
    String sql = "SELECT last_used FROM cores_token WHERE key_hash = '" + Keys.hash(key) + "'";
    tokens.authenticate(key);
    String first = column(sql).get(0);
    clock.advance(Duration.ofSeconds(30));
    tokens.authenticate(key);
    assertEquals(first, column(sql).get(0));
    clock.advance(Duration.ofSeconds(31));
    tokens.authenticate(key);
    assertNotEquals(first, column(sql).get(0));
  }

  @Test
  void tokensOfInactiveUsersDoNotAuthenticate() throws SQLException {
    User user = accounts.provision(Identity.of("ldap", "inactivetoken"));
    String key = tokens.issue(user.id(), "t");
    execute("UPDATE auth_user SET is_active = false WHERE id = " + user.id());
    assertTrue(tokens.authenticate(key).isEmpty());
  }

  @Test
  void ownersListTheirTokensAndRevokeOneOfThemOnly() {
    User owner = accounts.provision(Identity.of("ldap", "lister"));
    User other = accounts.provision(Identity.of("ldap", "otherlister"));
    String first = tokens.issue(owner.id(), "laptop");
    String second = tokens.issue(owner.id(), "ci");
    String others = tokens.issue(other.id(), "theirs");
    List<Tokens.Token> listed = tokens.list(owner.id());
    assertEquals(List.of("laptop", "ci"), listed.stream().map(Tokens.Token::label).toList());
    assertEquals(clock.instant(), listed.get(0).created());
    long othersId = tokens.list(other.id()).get(0).id();

    assertFalse(tokens.revokeById(owner.id(), othersId), "not theirs");
    assertTrue(tokens.authenticate(others).isPresent());
    assertTrue(tokens.revokeById(owner.id(), listed.get(0).id()));
    assertFalse(tokens.revokeById(owner.id(), listed.get(0).id()));
    assertTrue(tokens.authenticate(first).isEmpty());
    assertTrue(tokens.authenticate(second).isPresent());
  }

  @Test
  void issuingChecksLabelAndUser() {
    User user = accounts.provision(Identity.of("ldap", "labels"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> tokens.issue(user.id(), " "));
    assertEquals("label: required", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> tokens.issue(-5, "x"));
  }

  @Test
  void sessionsSlideAndExpire() throws SQLException {
    User user = accounts.provision(Identity.of("ldap", "sessionuser"));
    String key = sessions.open(user.id());
    assertTrue(key.matches("[A-Za-z0-9_-]{43}"), key);
    assertEquals(
        List.of(),
        column("SELECT key_hash FROM cores_session WHERE key_hash LIKE '%" + key + "%'"));
    assertEquals(
        List.of(Keys.hash(key)),
        column("SELECT key_hash FROM cores_session WHERE user_id = " + user.id()));

    // used every 20 minutes, a 30-minute session lives on
    for (int i = 0; i < 4; i++) {
      clock.advance(Duration.ofMinutes(20));
      assertEquals(user.id(), sessions.resolve(key).orElseThrow().id());
    }
    clock.advance(Duration.ofMinutes(31));
    assertTrue(sessions.resolve(key).isEmpty());
    assertEquals(
        List.of(), column("SELECT key_hash FROM cores_session WHERE user_id = " + user.id()));
  }

  @Test
  void expiredSessionsAreDeletedWhenOthersOpen() throws SQLException {
    User user = accounts.provision(Identity.of("ldap", "sweeper"));
    sessions.open(user.id());
    clock.advance(Duration.ofMinutes(45));
    String fresh = sessions.open(user.id());
    assertEquals(
        List.of(Keys.hash(fresh)),
        column("SELECT key_hash FROM cores_session WHERE user_id = " + user.id()));
  }

  @Test
  void closedSessionsAndInactiveUsersDoNotResolve() throws SQLException {
    User user = accounts.provision(Identity.of("ldap", "closer"));
    String key = sessions.open(user.id());
    sessions.close(key);
    assertTrue(sessions.resolve(key).isEmpty());
    String other = sessions.open(user.id());
    execute("UPDATE auth_user SET is_active = false WHERE id = " + user.id());
    assertTrue(sessions.resolve(other).isEmpty());
    assertTrue(sessions.resolve("short").isEmpty());
    assertTrue(sessions.resolve(null).isEmpty());
    sessions.close("never issued");
  }

  @Test
  void deletingAUserDeletesItsTokensAndSessions() throws SQLException {
    User user = accounts.provision(Identity.of("ldap", "leaver"));
    tokens.issue(user.id(), "t");
    sessions.open(user.id());
    execute("DELETE FROM auth_user WHERE id = " + user.id());
    assertEquals(List.of(), column("SELECT id FROM cores_token WHERE user_id = " + user.id()));
    assertEquals(
        List.of(), column("SELECT key_hash FROM cores_session WHERE user_id = " + user.id()));
  }

  @Test
  void aTokenAndASessionAreEachResolvedWithOneStatementWithGroupsAndPermissions() throws Exception {
    User user = accounts.provision(Identity.of("ldap", "onestatement"));
    execute(
        "INSERT INTO auth_group (name) VALUES ('lab, \"ops\" ü') ON CONFLICT DO NOTHING",
        "INSERT INTO auth_group_permissions (group_id, permission) SELECT id, 'inventory.view_host'"
            + " FROM auth_group WHERE name = 'lab, \"ops\" ü'",
        "INSERT INTO auth_user_groups (user_id, group_id) SELECT "
            + user.id()
            + ", id FROM auth_group WHERE name = 'lab, \"ops\" ü'",
        "INSERT INTO auth_user_permissions (user_id, permission) VALUES ("
            + user.id()
            + ", 'booking.add_booking')");
    String key = tokens.issue(user.id(), "t");
    String session = sessions.open(user.id());
    tokens.authenticate(key); // writes last_used, once a minute
    // by JDBC, counted on the connections: one statement each, in autocommit (no BEGIN, COMMIT)
    int statements = db.statements.get();
    int transactions = db.transactions.get();
    User byToken = tokens.authenticate(key).orElseThrow();
    assertEquals(1, db.statements.get() - statements);
    User bySession = sessions.resolve(session).orElseThrow();
    assertEquals(2, db.statements.get() - statements);
    assertEquals(0, db.transactions.get() - transactions);

    for (User found : List.of(byToken, bySession)) {
      assertEquals(user.id(), found.id());
      assertEquals("onestatement", found.username());
      assertTrue(found.active());
      assertEquals(Set.of("lab, \"ops\" ü"), found.groups());
      assertEquals(Set.of("booking.add_booking", "inventory.view_host"), found.permissions());
    }
  }

  private void execute(String... sql) throws SQLException {
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      for (String statement : sql) {
        s.execute(statement);
      }
    }
  }

  private List<String> column(String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        values.add(r.getString(1));
      }
    }
    return values;
  }
}
