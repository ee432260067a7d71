package cores.accounts.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import cores.accounts.AccountsDatabase;
import cores.accounts.TestAccess;
import cores.api.web.FieldErrors;
import cores.testing.TestDatabase;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A user or group read may be sent back as it was read, by the one read-only rule ({@link
 * FieldErrors#READ_ONLY}): its id and times with the values the row has are taken and ignored,
 * another value is a 400 at the field, an unknown name stays a 400.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SentBackTest {
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();
  private AccountsDatabase db;
  private TestDatabase.Tx tx;
  private TestServer server;

  @BeforeAll
  void setUp() throws Exception {
    db = new AccountsDatabase();
    tx = db.transactions();
    var accounts = TestAccess.accounts(tx);
    server = new TestServer(accounts, TestResources.users(tx), TestResources.groups(tx));
    accounts.createSuperuser("root", "root@example.com", "root-password".toCharArray());
  }

  @AfterAll
  void tearDown() throws Exception {
    server.close();
    tx.close();
    db.close();
  }

  /** They answered 400 "Unknown field." for the id a GET had answered. */
  @Test
  void aUserOrGroupReadIsTakenBackAsItWasReadAndAChangedReadOnlyFieldIsRefused() throws Exception {
    long group = send("POST", "auth/groups", "{\"name\":\"back\"}").get("id").asLong();
    JsonNode created =
        send("POST", "auth/users", "{\"username\":\"back\",\"groups\":[" + group + "]}");
    String user = "auth/users/" + created.get("id").asLong();
    for (String path : List.of(user, "auth/groups/" + group)) {
      JsonNode read = send("GET", path, null);
      for (String method : List.of("PUT", "PATCH")) {
        assertEquals(read, send(method, path, read.toString()), method + " " + path);
      }
      refused(path, ((ObjectNode) read.deepCopy()).put("id", read.get("id").asLong() + 1), "id");
      // the http bundle words it "Unknown field." at the field; the test server, Jackson's detail
      JsonNode unknown = send("PATCH", path, "{\"colour\":\"red\"}");
      assertEquals(400, unknown.get("status").asInt(), unknown.toString());
      assertTrue(unknown.get("detail").asText().contains("colour"), unknown.toString());
    }
    JsonNode read = send("GET", user, null);
    assertTrue(read.get("last_login").isNull(), read.toString());
    refused(
        user,
        ((ObjectNode) read.deepCopy()).put("last_login", "2020-01-01T00:00:00Z"),
        "last_login");
    refused(
        user,
        ((ObjectNode) read.deepCopy()).put("date_joined", "2020-01-01T00:00:00Z"),
        "date_joined");
    Instant joined = Instant.parse(read.get("date_joined").asText());
    String sameInstant = joined.atOffset(java.time.ZoneOffset.ofHours(2)).toString();
    JsonNode taken =
        send(
            "PATCH",
            user,
            "{\"date_joined\":\"" + sameInstant + "\",\"id\":" + read.get("id").asLong() + ".0}");
    assertEquals(read, taken);
    JsonNode posted =
        send("POST", "auth/users", "{\"username\":\"nid\",\"id\":null,\"last_login\":null}");
    assertTrue(posted.get("id").asLong() > 0, posted.toString());
  }

  @Test
  void aReadOnlyValueIsTheSameAsTheAPIWroteIt() {
    Instant joined = Instant.parse("2026-07-01T07:00:00.123456Z");
    assertTrue(SentBack.same("2026-07-01T09:00:00.123456+02:00", joined));
    assertFalse(SentBack.same("2026-07-01T07:00:00.123456", joined));
    assertFalse(SentBack.same("yesterday", joined));
    assertTrue(SentBack.same(5, 5L));
    assertTrue(SentBack.same(new BigDecimal("5.0"), 5L));
    assertFalse(SentBack.same("5", 5L));
    assertFalse(SentBack.same(Double.NaN, 5L));
    assertTrue(SentBack.same(null, null));
    assertFalse(SentBack.same(0, null));
  }

  private void refused(String path, JsonNode body, String field) throws Exception {
    JsonNode answer = send("PUT", path, body.toString());
    assertEquals(
        List.of(FieldErrors.READ_ONLY),
        List.of(answer.get("errors").get(field).get(0).asText()),
        answer.toString());
    assertEquals(1, answer.get("errors").size(), answer.toString());
  }

  private JsonNode send(String method, String path, String body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(server.base.resolve(path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", "application/json")
            .header(TestServer.USER_HEADER, "root");
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return json.readTree(response.body());
  }
}
