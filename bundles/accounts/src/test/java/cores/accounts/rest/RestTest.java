package cores.accounts.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import cores.accounts.AccountsDatabase;
import cores.accounts.AccountsService;
import cores.accounts.TestAccess;
import cores.accounts.TokenService;
import cores.api.accounts.User;
import cores.api.auth.Identity;
import cores.testing.TestDatabase;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestTest {
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();
  private AccountsDatabase db;
  private TestDatabase.Tx tx;
  private AccountsService accounts;
  private TokenService tokens;
  private TestServer server;

  @BeforeAll
  void setUp() throws Exception {
    db = new AccountsDatabase();
    tx = db.transactions();
    accounts = TestAccess.accounts(tx);
    tokens = TestAccess.tokens(tx);
    server =
        new TestServer(
            accounts,
            TestResources.users(tx),
            TestResources.groups(tx),
            new TokensResource(tx, tokens),
            new ProfileResource(tx, TestAccess.profiles(tx)));
    accounts.createSuperuser("root", "root@example.com", "root-password".toCharArray());
    User manager = accounts.provision(Identity.of("test", "manager"));
    User viewer = accounts.provision(Identity.of("test", "viewer"));
    accounts.provision(Identity.of("test", "nobody"));
    for (String permission : List.of("view_user", "add_user", "change_user", "delete_user")) {
      grant(manager, "auth." + permission);
    }
    // what the manager gives below, they must hold (AuthorityTest)
    grant(manager, "booking.add_reservation");
    grant(manager, "inventory.view_host");
    grant(viewer, "auth.view_user");
  }

  @AfterAll
  void tearDown() throws Exception {
    server.close();
    tx.close();
    db.close();
  }

  @Test
  void needsAuthenticationAndPermissions() throws Exception {
    assertEquals(401, send("GET", "auth/users", null, null).status);
    assertEquals(401, send("GET", "auth/tokens", null, null).status);
    Answer forbidden = send("GET", "auth/users", "nobody", null);
    assertEquals(403, forbidden.status);
    assertEquals("application/problem+json", forbidden.type);
    assertEquals(200, send("GET", "auth/users", "viewer", null).status);
    assertEquals(403, send("POST", "auth/users", "viewer", "{\"username\":\"x\"}").status);
    assertEquals(403, send("GET", "auth/groups", "viewer", null).status);
  }

  @Test
  void createsReadsUpdatesAndDeletesUsers() throws Exception {
    Answer group =
        send(
            "POST",
            "auth/groups",
            "root",
            "{\"name\":\"lab\",\"permissions\":[\"inventory.view_host\"]}");
    assertEquals(201, group.status, group.body.toString());
    long groupId = group.body.get("id").asLong();

    Answer created =
        send(
            "POST",
            "auth/users",
            "manager",
            "{\"username\":\"Alice\",\"first_name\":\"Alice\",\"email\":\"alice@example.com\","
                + "\"groups\":["
                + groupId
                + "],\"user_permissions\":[\"booking.add_reservation\"]}");
    assertEquals(201, created.status, created.body.toString());
    long id = created.body.get("id").asLong();
    assertTrue(created.location.endsWith("/api/auth/users/" + id), created.location);
    assertEquals(
        Set.of(
            "id",
            "username",
            "first_name",
            "last_name",
            "email",
            "is_active",
            "is_staff",
            "is_superuser",
            "groups",
            "user_permissions",
            "date_joined",
            "last_login"),
        fieldNames(created.body));
    assertEquals(groupId, created.body.get("groups").get(0).asLong());
    assertTrue(created.body.get("is_active").asBoolean());
    assertTrue(query("SELECT password FROM auth_user WHERE id = " + id).startsWith("!"));
    User alice = accounts.find(id).orElseThrow();
    assertEquals(Set.of("inventory.view_host", "booking.add_reservation"), alice.permissions());

    Answer read = send("GET", "auth/users/" + id + "/", "viewer", null);
    assertEquals(200, read.status);
    assertEquals("alice@example.com", read.body.get("email").asText());
    // what the POST answered is what the database kept, to the microsecond
    assertEquals(created.body.get("date_joined"), read.body.get("date_joined"));

    Answer patched = send("PATCH", "auth/users/" + id, "manager", "{\"last_name\":\"Liddell\"}");
    assertEquals(200, patched.status, patched.body.toString());
    assertEquals("Alice", patched.body.get("first_name").asText());
    assertEquals("Liddell", patched.body.get("last_name").asText());
    assertEquals(1, patched.body.get("groups").size());

    Answer replaced = send("PUT", "auth/users/" + id, "manager", "{\"username\":\"alice\"}");
    assertEquals(200, replaced.status, replaced.body.toString());
    assertEquals("alice", replaced.body.get("username").asText());
    assertEquals("", replaced.body.get("first_name").asText());
    assertEquals(0, replaced.body.get("groups").size());

    assertEquals(204, send("DELETE", "auth/users/" + id, "manager", null).status);
    assertEquals(404, send("GET", "auth/users/" + id, "manager", null).status);
    assertEquals(404, send("DELETE", "auth/users/" + id, "manager", null).status);
  }

  @Test
  void aUserOrGroupStillReferredToByAnotherBundlesTableIsNotDeletedAndTheAnswerSaysByWhat()
      throws Exception {
    // tables as another bundle declares them: foreign keys that refuse the delete
    db.execute(
        "CREATE TABLE booking_booking (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
            + " owner_id bigint NOT NULL REFERENCES auth_user (id) ON DELETE RESTRICT)",
        "CREATE TABLE inventory_host (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
            + " group_id bigint REFERENCES auth_group (id) ON DELETE RESTRICT)");
    try {
      Answer user = send("POST", "auth/users", "manager", "{\"username\":\"holder\"}");
      assertEquals(201, user.status, user.body.toString());
      long userId = user.body.get("id").asLong();
      db.execute("INSERT INTO booking_booking (owner_id) VALUES (" + userId + ")");
      Answer refused = send("DELETE", "auth/users/" + userId, "manager", null);
      assertEquals(409, refused.status, refused.body.toString());
      assertEquals("application/problem+json", refused.type);
      assertTrue(
          refused.body.get("detail").asText().contains("still referred to by bookings:"),
          refused.body.toString());
      assertEquals(200, send("GET", "auth/users/" + userId, "manager", null).status);

      Answer group = send("POST", "auth/groups", "root", "{\"name\":\"held\"}");
      assertEquals(201, group.status, group.body.toString());
      long groupId = group.body.get("id").asLong();
      db.execute("INSERT INTO inventory_host (group_id) VALUES (" + groupId + ")");
      Answer groupRefused = send("DELETE", "auth/groups/" + groupId, "root", null);
      assertEquals(409, groupRefused.status, groupRefused.body.toString());
      assertTrue(
          groupRefused.body.get("detail").asText().contains("still referred to by hosts:"),
          groupRefused.body.toString());

      db.execute("DELETE FROM booking_booking", "DELETE FROM inventory_host");
      assertEquals(204, send("DELETE", "auth/users/" + userId, "manager", null).status);
      assertEquals(204, send("DELETE", "auth/groups/" + groupId, "root", null).status);
    } finally {
      db.execute("DROP TABLE booking_booking", "DROP TABLE inventory_host");
    }
  }

  @Test
  void reportsBadFields() throws Exception {
    Answer bad =
        send(
            "POST",
            "auth/users",
            "manager",
            "{\"username\":\"has space\",\"email\":\"nope\",\"groups\":[999999],"
                + "\"user_permissions\":[\"Not A Permission\"]}");
    assertEquals(400, bad.status);
    assertEquals(
        Set.of("username", "email", "groups", "user_permissions"),
        fieldNames(bad.body.get("errors")));

    Answer missing = send("POST", "auth/users", "manager", "{}");
    assertEquals(400, missing.status);
    assertEquals("required", missing.body.get("errors").get("username").get(0).asText());

    assertEquals(201, send("POST", "auth/users", "manager", "{\"username\":\"dup\"}").status);
    Answer dup = send("POST", "auth/users", "manager", "{\"username\":\"DUP\"}");
    assertEquals(400, dup.status);
    assertEquals("already taken", dup.body.get("errors").get("username").get(0).asText());

    // passwords only through their own endpoint; unknown fields are refused, not ignored
    assertEquals(
        400,
        send("POST", "auth/users", "manager", "{\"username\":\"p\",\"password\":\"x\"}").status);
    assertEquals(400, send("GET", "auth/users?limit=-1", "manager", null).status);
    assertEquals(400, send("GET", "auth/users?offset=abc", "manager", null).status);
  }

  @Test
  void paginatesAndFilters() throws Exception {
    for (String name : List.of("page1", "page2", "page3")) {
      accounts.provision(
          new Identity("test", name, null, null, name + "@pages.example", null, null, null));
    }
    Answer first = send("GET", "auth/users?limit=2&email=PAGE2@pages.example", "viewer", null);
    assertEquals(1, first.body.get("count").asLong());
    assertEquals("page2", first.body.get("results").get(0).get("username").asText());

    Answer byName = send("GET", "auth/users?username=PAGE3", "viewer", null);
    assertEquals(1, byName.body.get("count").asLong());

    Answer all = send("GET", "auth/users?limit=2", "viewer", null);
    long count = all.body.get("count").asLong();
    assertTrue(count >= 6, all.body.toString());
    assertEquals(2, all.body.get("results").size());
    assertTrue(all.body.get("previous").isNull());
    String next = all.body.get("next").asText();
    assertTrue(next.contains("offset=2") && next.contains("limit=2"), next);
    Answer second = send("GET", next.substring(server.base.toString().length()), "viewer", null);
    assertEquals(2, second.body.get("results").size());
    assertTrue(second.body.get("previous").asText().contains("offset=0"));
    assertTrue(
        second.body.get("results").get(0).get("id").asLong()
            > all.body.get("results").get(1).get("id").asLong());
    StreamSupport.stream(all.body.get("results").spliterator(), false)
        .forEach(u -> assertFalse(u.has("password")));
    // the largest offset has no next page, and a limit beyond any int is lowered to 1000
    Answer far = send("GET", "auth/users?offset=2147483647&limit=99999999999", "viewer", null);
    assertEquals(200, far.status, far.body.toString());
    assertTrue(far.body.get("next").isNull(), far.body.toString());
    assertTrue(far.body.get("previous").asText().contains("limit=1000"), far.body.toString());
    assertEquals(400, send("GET", "auth/users?limit=0", "viewer", null).status);
    assertEquals(400, send("GET", "auth/users?offset=-1", "viewer", null).status);
  }

  @Test
  void setsPasswordsAndProtectsSuperusers() throws Exception {
    long id =
        send("POST", "auth/users", "manager", "{\"username\":\"bob\"}").body.get("id").asLong();
    assertEquals(
        400,
        send("POST", "auth/users/" + id + "/password", "manager", "{\"password\":\"short\"}")
            .status);
    Answer weak =
        send("POST", "auth/users/" + id + "/password", "manager", "{\"password\":\"123456789\"}");
    assertEquals(400, weak.status);
    assertEquals(
        "[\"This password is too common.\",\"This password is entirely numeric.\"]",
        weak.body.get("errors").get("password").toString());
    assertEquals(
        204,
        send("POST", "auth/users/" + id + "/password", "manager", "{\"password\":\"bobs-new-pw\"}")
            .status);
    assertEquals(
        Identity.of("local", "bob"),
        TestAccess.local(tx).authenticate("bob", "bobs-new-pw".toCharArray()).orElseThrow());

    long root = accounts.findByUsername("root").orElseThrow().id();
    assertEquals(
        403,
        send("POST", "auth/users/" + root + "/password", "manager", "{\"password\":\"taken-over\"}")
            .status);
    assertEquals(
        403, send("PATCH", "auth/users/" + id, "manager", "{\"is_superuser\":true}").status);
    assertEquals(403, send("DELETE", "auth/users/" + root, "manager", null).status);
    assertEquals(200, send("PATCH", "auth/users/" + id, "root", "{\"is_superuser\":true}").status);
  }

  @Test
  void groupsCrud() throws Exception {
    Answer created = send("POST", "auth/groups", "root", "{\"name\":\"Ops\",\"permissions\":[]}");
    assertEquals(201, created.status);
    long id = created.body.get("id").asLong();
    assertEquals(400, send("POST", "auth/groups", "root", "{\"name\":\"Ops\"}").status);
    assertEquals(400, send("POST", "auth/groups", "root", "{\"name\":\" \"}").status);
    Answer filtered = send("GET", "auth/groups?name=ops", "root", null);
    assertEquals(1, filtered.body.get("count").asLong());
    Answer patched =
        send(
            "PATCH",
            "auth/groups/" + id,
            "root",
            "{\"permissions\":[\"live.change_scanconflict\"]}");
    assertEquals("Ops", patched.body.get("name").asText());
    assertEquals("live.change_scanconflict", patched.body.get("permissions").get(0).asText());
    assertEquals(
        400, send("PATCH", "auth/groups/" + id, "root", "{\"permissions\":[\"nope\"]}").status);
    assertEquals(204, send("DELETE", "auth/groups/" + id, "root", null).status);
    assertEquals(404, send("GET", "auth/groups/" + id, "root", null).status);
  }

  @Test
  void aPermissionThatDoesNotExistIsRefusedAndOneAlreadyHeldIsKept() throws Exception {
    Answer group = send("POST", "auth/groups", "root", "{\"name\":\"Kept\"}");
    long id = group.body.get("id").asLong();
    Answer unknown =
        send(
            "PATCH",
            "auth/groups/" + id,
            "root",
            "{\"permissions\":[\"inventory.view_host\",\"nosuch.view_thing\"]}");
    assertEquals(400, unknown.status);
    assertEquals(
        "no such permission: nosuch.view_thing",
        unknown.body.get("errors").get("permissions").get(0).asText());
    assertEquals(
        "[]", send("GET", "auth/groups/" + id, "root", null).body.get("permissions").toString());

    Answer user = send("POST", "auth/users", "root", "{\"username\":\"ghost-perms\"}");
    Answer forUser =
        send(
            "PATCH",
            "auth/users/" + user.body.get("id").asLong(),
            "root",
            "{\"user_permissions\":[\"nosuch.view_thing\"]}");
    assertEquals(400, forUser.status);
    assertEquals(
        "no such permission: nosuch.view_thing",
        forUser.body.get("errors").get("user_permissions").get(0).asText());

    // a permission of a model whose bundle is gone stays through a save that keeps it
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      s.execute(
          "INSERT INTO auth_group_permissions (group_id, permission) VALUES ("
              + id
              + ", 'gone.view_thing')");
    }
    Answer kept =
        send(
            "PUT",
            "auth/groups/" + id,
            "root",
            "{\"name\":\"Kept\",\"permissions\":[\"gone.view_thing\",\"inventory.view_host\"]}");
    assertEquals(200, kept.status);
    assertEquals(
        "[\"gone.view_thing\",\"inventory.view_host\"]", kept.body.get("permissions").toString());
  }

  @Test
  void usersManageTheirOwnTokens() throws Exception {
    Answer issued = send("POST", "auth/tokens", "nobody", "{\"label\":\"laptop\"}");
    assertEquals(201, issued.status, issued.body.toString());
    String key = issued.body.get("key").asText();
    assertTrue(key.matches("[0-9a-f]{40}"));
    assertEquals("nobody", tokens.authenticate(key).orElseThrow().username());

    Answer listed = send("GET", "auth/tokens", "nobody", null);
    assertEquals(1, listed.body.get("count").asLong());
    JsonNode token = listed.body.get("results").get(0);
    assertEquals(Set.of("id", "label", "created", "last_used"), fieldNames(token));

    long id = token.get("id").asLong();
    assertEquals(0, send("GET", "auth/tokens", "viewer", null).body.get("count").asLong());
    assertEquals(404, send("DELETE", "auth/tokens/" + id, "viewer", null).status);
    assertEquals(400, send("POST", "auth/tokens", "nobody", "{\"label\":\"\"}").status);
    assertEquals(204, send("DELETE", "auth/tokens/" + id, "nobody", null).status);
    assertTrue(tokens.authenticate(key).isEmpty());
  }

  @Test
  void usersTurnTheirOwnRemindersOffAndOn() throws Exception {
    assertEquals(401, send("GET", "auth/profile", null, null).status);
    Answer profile = send("GET", "auth/profile", "viewer", null);
    assertEquals(200, profile.status);
    assertEquals("viewer", profile.body.get("username").asText());
    assertTrue(profile.body.get("receive_reminders").asBoolean());
    Answer off = send("PATCH", "auth/profile", "viewer", "{\"receive_reminders\":false}");
    assertEquals(200, off.status, off.body.toString());
    assertFalse(off.body.get("receive_reminders").asBoolean());
    assertEquals("f", query("SELECT receive_reminders FROM auth_user WHERE username = 'viewer'"));
    assertEquals("t", query("SELECT receive_reminders FROM auth_user WHERE username = 'manager'"));
    assertEquals(400, send("PATCH", "auth/profile", "viewer", "{\"is_superuser\":true}").status);
    assertTrue(
        send("PATCH", "auth/profile", "viewer", "{\"receive_reminders\":true}")
            .body
            .get("receive_reminders")
            .asBoolean());
  }

  /**
   * A null name empties it, as the inventory reads a null text; a null reminder choice, which has
   * no empty value, is refused at the field and nothing is changed (both were read as absent).
   */
  @Test
  void aNullNameIsEmptiedAndANullReminderChoiceIsRefused() throws Exception {
    accounts.createSuperuser("nully", "nully@example.org", "nully-password".toCharArray());
    db.execute("UPDATE auth_user SET first_name = 'Nu', last_name = 'Ly' WHERE username = 'nully'");
    Answer emptied = send("PATCH", "auth/profile", "nully", "{\"first_name\":null}");
    assertEquals(200, emptied.status, emptied.body.toString());
    assertEquals("", emptied.body.get("first_name").asText());
    assertEquals("", query("SELECT first_name FROM auth_user WHERE username = 'nully'"));
    assertEquals("Ly", query("SELECT last_name FROM auth_user WHERE username = 'nully'"));
    Answer refused =
        send(
            "PATCH",
            "auth/profile",
            "nully",
            "{\"last_name\":\"Changed\",\"receive_reminders\":null}");
    assertEquals(400, refused.status, refused.body.toString());
    assertEquals(
        "may not be null: leave it out to keep it",
        refused.body.get("errors").get("receive_reminders").get(0).asText());
    assertEquals("Ly", query("SELECT last_name FROM auth_user WHERE username = 'nully'"));
    assertEquals(
        400, send("PATCH", "auth/profile", "nully", "{\"receive_reminders\":null}").status);
    assertEquals("t", query("SELECT receive_reminders FROM auth_user WHERE username = 'nully'"));
  }

  /**
   * A user's or group's patch takes a null as sent, as the inventory does: a name, the address, the
   * groups and the permissions are emptied, a yes/no (no empty value) and the username or group
   * name (required) are refused at the field, nothing changed. They were read as absent: 200,
   * unchanged.
   */
  @Test
  void aNullInAUserOrGroupPatchIsTakenAsSentOrRefused() throws Exception {
    long id =
        send("POST", "auth/users", "root", "{\"username\":\"nil\",\"first_name\":\"N\"}")
            .body
            .get("id")
            .asLong();
    for (String flag : List.of("is_active", "is_staff", "is_superuser", "username")) {
      Answer refused = send("PATCH", "auth/users/" + id, "root", "{\"" + flag + "\":null}");
      assertEquals(400, refused.status, flag + ": " + refused.body);
      assertTrue(refused.body.get("errors").has(flag), refused.body.toString());
    }
    assertEquals("t", query("SELECT is_active FROM auth_user WHERE id = " + id));
    Answer emptied =
        send("PATCH", "auth/users/" + id, "root", "{\"first_name\":null,\"groups\":null}");
    assertEquals(200, emptied.status, emptied.body.toString());
    assertEquals("", query("SELECT first_name FROM auth_user WHERE id = " + id));
    long group =
        send("POST", "auth/groups", "root", "{\"name\":\"nils\",\"permissions\":[]}")
            .body
            .get("id")
            .asLong();
    Answer name = send("PATCH", "auth/groups/" + group, "root", "{\"name\":null}");
    assertEquals(400, name.status, name.body.toString());
    assertEquals("nils", query("SELECT name FROM auth_group WHERE id = " + group));
  }

  /**
   * An address a directory gave, or the original's data held, that the check would not take now is
   * kept by edits that send it back unchanged (a replace, the admin's form, the profile); a changed
   * one is checked.
   */
  @Test
  void anAddressStoredBeforeTheCheckDoesNotBlockEditsThatLeaveItAlone() throws Exception {
    User dora = accounts.provision(Identity.of("test", "dora"));
    db.execute("UPDATE auth_user SET email = 'Dora Desk' WHERE id = " + dora.id());
    Answer replaced =
        send(
            "PUT",
            "auth/users/" + dora.id(),
            "manager",
            "{\"username\":\"dora\",\"first_name\":\"Dora\",\"email\":\"Dora Desk\"}");
    assertEquals(200, replaced.status, replaced.body.toString());
    assertEquals("Dora Desk", replaced.body.get("email").asText());
    Answer named = send("PATCH", "auth/profile", "dora", "{\"last_name\":\"Explorer\"}");
    assertEquals(200, named.status, named.body.toString());
    assertEquals("Explorer", query("SELECT last_name FROM auth_user WHERE username = 'dora'"));
    Answer changed =
        send("PATCH", "auth/users/" + dora.id(), "manager", "{\"email\":\"Dora Desk 2\"}");
    assertEquals(400, changed.status, changed.body.toString());
    assertEquals(
        "not a valid email address", changed.body.get("errors").get("email").get(0).asText());
    assertEquals("Dora Desk", query("SELECT email FROM auth_user WHERE username = 'dora'"));
  }

  @Test
  void usersChangeTheirNamesAddressAndPasswordThroughTheApiAsOnTheirPage() throws Exception {
    accounts.createSuperuser("selfie", "selfie@example.org", "selfie-password".toCharArray());
    Answer named =
        send("PATCH", "auth/profile", "selfie", "{\"first_name\":\"Sel\",\"last_name\":\"Fie\"}");
    assertEquals(200, named.status, named.body.toString());
    assertEquals("Sel", named.body.get("first_name").asText());
    assertEquals("selfie@example.org", named.body.get("email").asText(), "absent fields stay");
    Answer taken = send("PATCH", "auth/profile", "selfie", "{\"email\":\"ROOT@example.com\"}");
    assertEquals(400, taken.status, taken.body.toString());
    assertTrue(taken.body.get("errors").has("email"), taken.body.toString());
    assertEquals("Sel", query("SELECT first_name FROM auth_user WHERE username = 'selfie'"));

    Answer wrong =
        send(
            "POST",
            "auth/profile/password",
            "selfie",
            "{\"current_password\":\"nope\",\"new_password\":\"a-new-password\"}");
    assertEquals(400, wrong.status, wrong.body.toString());
    assertTrue(wrong.body.get("errors").has("current_password"), wrong.body.toString());
    String before = query("SELECT password FROM auth_user WHERE username = 'selfie'");
    Answer changed =
        send(
            "POST",
            "auth/profile/password",
            "selfie",
            "{\"current_password\":\"selfie-password\",\"new_password\":\"a-new-password\"}");
    assertEquals(204, changed.status, changed.body.toString());
    assertFalse(before.equals(query("SELECT password FROM auth_user WHERE username = 'selfie'")));
  }

  private record Answer(int status, String type, String location, JsonNode body) {}

  private Answer send(String method, String path, String user, String body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(server.base.resolve(path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .header("Accept", "application/json, application/problem+json");
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (user != null) {
      request.header(TestServer.USER_HEADER, user);
    }
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    JsonNode parsed = response.body().isEmpty() ? json.nullNode() : parse(response.body());
    return new Answer(
        response.statusCode(),
        response.headers().firstValue("Content-Type").orElse(""),
        response.headers().firstValue("Location").orElse(""),
        parsed);
  }

  private JsonNode parse(String body) {
    try {
      return json.readTree(body);
    } catch (java.io.IOException e) {
      return json.getNodeFactory().textNode(body);
    }
  }

  private static Set<String> fieldNames(JsonNode node) {
    Set<String> names = new java.util.HashSet<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private void grant(User user, String permission) throws SQLException {
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      s.execute(
          "INSERT INTO auth_user_permissions (user_id, permission) VALUES ("
              + user.id()
              + ", '"
              + permission
              + "')");
    }
  }

  private String query(String sql) throws SQLException {
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      assertTrue(r.next());
      return r.getString(1);
    }
  }
}
