package cores.accounts.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import cores.accounts.AccountsDatabase;
import cores.accounts.AccountsService;
import cores.accounts.Keys;
import cores.accounts.SessionService;
import cores.accounts.TestAccess;
import cores.accounts.TokenService;
import cores.api.accounts.User;
import cores.api.auth.Identity;
import cores.testing.TestDatabase;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Who may give which rights to whom (issue 14, major 2 and 3): {@code auth.change_user} alone is no
 * way to every permission, the last active superuser stays, impersonation mints no credentials, and
 * a new password or a deactivation ends what the user held. Each test uses users of its own; the
 * database has exactly one superuser, {@code root}, unless a test makes another.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorityTest {
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();
  private AccountsDatabase db;
  private TestDatabase.Tx tx;
  private AccountsService accounts;
  private TokenService tokens;
  private SessionService sessions;
  private TestServer server;

  @BeforeAll
  void setUp() throws Exception {
    db = new AccountsDatabase();
    tx = db.transactions();
    accounts = TestAccess.accounts(tx);
    tokens = TestAccess.tokens(tx);
    sessions = TestAccess.sessions(tx);
    server =
        new TestServer(
            accounts,
            TestResources.users(tx),
            TestResources.groups(tx),
            new TokensResource(tx, tokens));
    accounts.createSuperuser("root", "root@example.com", "root-password".toCharArray());
  }

  @AfterAll
  void tearDown() throws Exception {
    server.close();
    tx.close();
    db.close();
  }

  @Test
  void changeUserAloneGrantsNoPermissionTheActorLacks() throws Exception {
    User manager = user("grant-manager", "auth.view_user", "auth.change_user", "auth.add_user");
    long self = manager.id();
    assertEquals(
        403,
        send("PATCH", "auth/users/" + self, "grant-manager", perms("live.change_scanconflict"))
            .status);
    assertEquals(
        403, send("PATCH", "auth/users/" + self, "grant-manager", "{\"is_staff\":true}").status);
    assertEquals(
        403,
        send("PATCH", "auth/users/" + self, "grant-manager", "{\"is_superuser\":true}").status);
    assertEquals(
        403,
        send(
                "POST",
                "auth/users",
                "grant-manager",
                "{\"username\":\"grant-new\",\"user_permissions\":[\"booking.add_reservation\"]}")
            .status);
    // through a group: its permissions are its members'
    long admins =
        send(
                "POST",
                "auth/groups",
                "root",
                "{\"name\":\"grant-admins\",\"permissions\":" + "[\"auth.delete_user\"]}")
            .body
            .get("id")
            .asLong();
    Answer joined =
        send("PATCH", "auth/users/" + self, "grant-manager", "{\"groups\":[" + admins + "]}");
    assertEquals(403, joined.status);
    assertTrue(joined.body.get("detail").asText().contains("auth.delete_user"));
    assertFalse(
        accounts
            .findByUsername("grant-manager")
            .orElseThrow()
            .permissions()
            .contains("auth.delete_user"),
        "nothing written");
    // what the manager holds they may give
    assertEquals(
        201,
        send(
                "POST",
                "auth/users",
                "grant-manager",
                "{\"username\":\"grant-given\",\"user_permissions\":[\"auth.view_user\"]}")
            .status);
    assertEquals(
        200,
        send(
                "PATCH",
                "auth/users/" + self,
                "root",
                perms(
                    "auth.view_user",
                    "auth.change_user",
                    "auth.add_user",
                    "live.change_scanconflict"))
            .status);
  }

  @Test
  void aGroupGainsOnlyPermissionsTheActorHolds() throws Exception {
    user("group-manager", "auth.add_group", "auth.change_group", "auth.view_group");
    assertEquals(
        403,
        send(
                "POST",
                "auth/groups",
                "group-manager",
                "{\"name\":\"g1\",\"permissions\":" + "[\"auth.change_user\"]}")
            .status);
    long mine =
        send(
                "POST",
                "auth/groups",
                "group-manager",
                "{\"name\":\"g2\",\"permissions\":" + "[\"auth.view_group\"]}")
            .body
            .get("id")
            .asLong();
    assertEquals(
        403,
        send(
                "PATCH",
                "auth/groups/" + mine,
                "group-manager",
                "{\"permissions\":" + "[\"auth.view_group\",\"auth.delete_user\"]}")
            .status);
    // a group the root gave more may still be renamed or lose permissions
    long rich =
        send(
                "POST",
                "auth/groups",
                "root",
                "{\"name\":\"g3\",\"permissions\":" + "[\"auth.delete_user\",\"auth.view_group\"]}")
            .body
            .get("id")
            .asLong();
    assertEquals(
        200,
        send(
                "PATCH",
                "auth/groups/" + rich,
                "group-manager",
                "{\"permissions\":" + "[\"auth.view_group\"]}")
            .status);
  }

  @Test
  void nobodyChangesAUserWithRightsTheyDoNotHold() throws Exception {
    user("rights-manager", "auth.change_user", "auth.delete_user");
    long staff = user("rights-staff").id();
    db.execute("UPDATE auth_user SET is_staff = true WHERE id = " + staff);
    long rich = user("rights-rich", "live.change_scanconflict").id();
    long plain = user("rights-plain").id();
    for (long target : List.of(staff, rich)) {
      assertEquals(
          403,
          send(
                  "POST",
                  "auth/users/" + target + "/password",
                  "rights-manager",
                  "{\"password\":\"taken-over-now\"}")
              .status);
      assertEquals(
          403,
          send(
                  "PATCH",
                  "auth/users/" + target,
                  "rights-manager",
                  "{\"email\":\"attacker@example.org\"}")
              .status);
      assertEquals(403, send("DELETE", "auth/users/" + target, "rights-manager", null).status);
    }
    assertEquals(
        204,
        send(
                "POST",
                "auth/users/" + plain + "/password",
                "rights-manager",
                "{\"password\":\"a-good-new-one\"}")
            .status);
    assertEquals(
        204,
        send(
                "POST",
                "auth/users/" + rich + "/password",
                "root",
                "{\"password\":\"a-good-new-one\"}")
            .status);
  }

  @Test
  void theLastActiveSuperuserCannotBeDeactivatedDemotedOrDeleted() throws Exception {
    long root = accounts.findByUsername("root").orElseThrow().id();
    Answer refused = send("PATCH", "auth/users/" + root, "root", "{\"is_active\":false}");
    assertEquals(409, refused.status);
    assertTrue(refused.body.get("detail").asText().contains("last active superuser"));
    assertEquals(
        409, send("PATCH", "auth/users/" + root, "root", "{\"is_superuser\":false}").status);
    assertEquals(409, send("DELETE", "auth/users/" + root, "root", null).status);
    assertTrue(accounts.findByUsername("root").orElseThrow().superuser());
    // with a second one, either may go
    long second =
        send("POST", "auth/users", "root", "{\"username\":\"second-root\",\"is_superuser\":true}")
            .body
            .get("id")
            .asLong();
    assertEquals(
        200, send("PATCH", "auth/users/" + second, "root", "{\"is_active\":false}").status);
    assertEquals(409, send("PATCH", "auth/users/" + root, "root", "{\"is_active\":false}").status);
    assertEquals(204, send("DELETE", "auth/users/" + second, "root", null).status);
  }

  @Test
  void whileImpersonatingNoTokensPasswordsOrRights() throws Exception {
    user("imp-staff", "auth.change_user", "auth.view_user", "auth.add_group");
    User victim = user("imp-victim", "auth.change_user", "auth.add_group");
    long other = user("imp-other").id();
    Answer token = send("POST", "auth/tokens", "imp-victim", "imp-staff", "{\"label\":\"kept\"}");
    assertEquals(403, token.status);
    assertTrue(token.body.get("detail").asText().contains("while impersonating"));
    assertTrue(tokens.list(victim.id()).isEmpty());
    assertEquals(
        403,
        send(
                "POST",
                "auth/users/" + other + "/password",
                "imp-victim",
                "imp-staff",
                "{\"password\":\"taken-over-now\"}")
            .status);
    assertEquals(
        403,
        send("PATCH", "auth/users/" + other, "imp-victim", "imp-staff", "{\"first_name\":\"X\"}")
            .status);
    assertEquals(
        403, send("POST", "auth/groups", "imp-victim", "imp-staff", "{\"name\":\"imp-g\"}").status);
    // as themselves they may
    assertEquals(201, send("POST", "auth/tokens", "imp-victim", "{\"label\":\"own\"}").status);
  }

  @Test
  void aNewPasswordEndsTheUsersSessionsAndTokens() throws Exception {
    User user = user("creds-user");
    String session = sessions.open(user.id());
    String token = tokens.issue(user.id(), "script");
    assertTrue(sessions.resolve(session).isPresent());
    assertEquals(
        204,
        send(
                "POST",
                "auth/users/" + user.id() + "/password",
                "root",
                "{\"password\":\"a-good-new-one\"}")
            .status);
    assertTrue(sessions.resolve(session).isEmpty(), "session ended");
    assertTrue(tokens.authenticate(token).isEmpty(), "token revoked");
  }

  @Test
  void reactivatingAUserRevivesNoOldSession() throws Exception {
    User user = user("creds-leaver");
    String session = sessions.open(user.id());
    String token = tokens.issue(user.id(), "script");
    assertEquals(
        200, send("PATCH", "auth/users/" + user.id(), "root", "{\"is_active\":false}").status);
    assertEquals(
        200, send("PATCH", "auth/users/" + user.id(), "root", "{\"is_active\":true}").status);
    assertTrue(sessions.resolve(session).isEmpty());
    assertTrue(tokens.authenticate(token).isEmpty());
  }

  @Test
  void reactivatingAUserRevivesNoOldResetLink() throws Exception {
    User user = user("creds-returner");
    String key = "a-reset-key-mailed-before-the-deactivation";
    try (Connection c = db.connect();
        PreparedStatement link =
            c.prepareStatement(
                "INSERT INTO auth_password_reset (user_id, key_hash, expires)"
                    + " VALUES (?, ?, now() + interval '1 hour')")) {
      link.setLong(1, user.id());
      link.setString(2, Keys.hash(key));
      link.executeUpdate();
    }
    assertEquals(
        200, send("PATCH", "auth/users/" + user.id(), "root", "{\"is_active\":false}").status);
    assertEquals(
        200, send("PATCH", "auth/users/" + user.id(), "root", "{\"is_active\":true}").status);
    try (Connection c = db.connect();
        PreparedStatement pending =
            c.prepareStatement(
                "SELECT count(*) FROM auth_password_reset WHERE user_id = ? AND used_at IS NULL")) {
      pending.setLong(1, user.id());
      try (ResultSet r = pending.executeQuery()) {
        assertTrue(r.next());
        assertEquals(0, r.getLong(1), "the link from before the deactivation is used up");
      }
    }
  }

  private User user(String username, String... permissions) throws SQLException {
    User user = accounts.provision(Identity.of("test", username));
    try (Connection c = db.connect();
        PreparedStatement grant =
            c.prepareStatement(
                "INSERT INTO auth_user_permissions (user_id, permission) VALUES (?, ?)")) {
      for (String permission : permissions) {
        grant.setLong(1, user.id());
        grant.setString(2, permission);
        grant.executeUpdate();
      }
    }
    return accounts.findByUsername(username).orElseThrow();
  }

  private static String perms(String... permissions) {
    return "{\"user_permissions\":[\"" + String.join("\",\"", permissions) + "\"]}";
  }

  private record Answer(int status, JsonNode body) {}

  private Answer send(String method, String path, String user, String body) throws Exception {
    return send(method, path, user, null, body);
  }

  private Answer send(String method, String path, String user, String impersonator, String body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(server.base.resolve(path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .header("Accept", "application/json, application/problem+json")
            .header(TestServer.USER_HEADER, user);
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (impersonator != null) {
      request.header(TestServer.IMPERSONATOR_HEADER, impersonator);
    }
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(
        response.statusCode(),
        response.body().isEmpty() ? json.nullNode() : json.readTree(response.body()));
  }
}
