package cores.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The schemas of {@code /api/docs} hold for the real answers of the booted distribution, checked by
 * a JSON Schema 2020-12 validator (networknt, OpenAPI 3.1 dialect, formats asserted): the inventory
 * is created from the examples the description publishes (so they are valid input), each answer is
 * validated against its operation's schema, and then every GET operation of the description is
 * called and its answer validated.
 */
class ApiSchemasIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DOC = "https://cores.invalid/api/docs";

  private static ApiClient api;
  private static String admin;
  private static JsonNode doc;
  private static Checker checker;

  @BeforeAll
  static void start() throws Exception {
    // boot waits until the launcher reports started and /api/health answers 200
    api = ApiClient.boot("api-schemas", builder -> builder);
    admin = api.user("schemas-admin", true);
    HttpResponse<String> docs = api.send("GET", "/api/docs?format=json", null, null);
    assertEquals(200, docs.statusCode(), docs.body());
    doc = JSON.readTree(docs.body());
    assertEquals("3.1.0", doc.path("openapi").asText());
    checker = new Checker(doc);
  }

  @AfterAll
  static void stop() throws Exception {
    if (api != null) {
      api.close();
    }
  }

  /**
   * Validates JSON against the schemas of operations: the description, with the schemas to check
   * gathered under one numbered key, is loaded once, so that their references to {@code
   * #/components/schemas} resolve in it.
   */
  private static final class Checker {
    private final Map<String, Integer> numbers = new HashMap<>();
    private final SchemaRegistry registry;

    Checker(JsonNode doc) throws Exception {
      ObjectNode copy = doc.deepCopy();
      ObjectNode checked = copy.putObject("x-checked");
      Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields();
      while (paths.hasNext()) {
        Map.Entry<String, JsonNode> path = paths.next();
        Iterator<Map.Entry<String, JsonNode>> operations = path.getValue().fields();
        while (operations.hasNext()) {
          Map.Entry<String, JsonNode> operation = operations.next();
          JsonNode schema =
              operation
                  .getValue()
                  .path("responses")
                  .path("default")
                  .path("content")
                  .path("application/json")
                  .path("schema");
          if (!schema.isMissingNode()) {
            int number = numbers.size();
            numbers.put(operation.getKey() + " " + path.getKey(), number);
            checked.set(String.valueOf(number), schema);
          }
        }
      }
      doc.path("components")
          .path("schemas")
          .fieldNames()
          .forEachRemaining(
              name -> {
                int number = numbers.size();
                numbers.put("schema " + name, number);
                checked.set(String.valueOf(number), JSON.createObjectNode().put("$ref", ref(name)));
              });
      String text = JSON.writeValueAsString(copy);
      registry =
          SchemaRegistry.withDefaultDialect(
              Dialects.getOpenApi31(), builder -> builder.schemas(Map.of(DOC, text)));
    }

    private static String ref(String name) {
      return "#/components/schemas/" + name;
    }

    /** The validation errors of the JSON against the answer of {@code method path}. */
    List<String> answer(String method, String path, String json) {
      return check(method.toLowerCase() + " " + path, json);
    }

    /** The validation errors of the JSON against a published schema. */
    List<String> schema(String name, String json) {
      return check("schema " + name, json);
    }

    private List<String> check(String key, String json) {
      Integer number = numbers.get(key);
      assertTrue(number != null, "described: " + key);
      Schema schema = registry.getSchema(SchemaLocation.of(DOC + "#/x-checked/" + number));
      List<Error> errors =
          schema.validate(
              json,
              InputFormat.JSON,
              context -> context.executionConfig(config -> config.formatAssertionsEnabled(true)));
      return errors.stream().map(Error::toString).toList();
    }
  }

  private static String example(String schema) throws Exception {
    JsonNode example = doc.path("components").path("schemas").path(schema).path("examples").path(0);
    assertTrue(example.isObject(), schema + " has an example");
    return JSON.writeValueAsString(example);
  }

  /** Sends, asserts the status and that the answer validates against the operation's schema. */
  private static HttpResponse<String> valid(
      String method, String path, String described, int status, String body) throws Exception {
    HttpResponse<String> response = api.send(method, path, admin, body);
    assertEquals(status, response.statusCode(), method + " " + path + ": " + response.body());
    List<String> errors = checker.answer(method, described, response.body());
    assertTrue(errors.isEmpty(), method + " " + path + ": " + errors + "\n" + response.body());
    return response;
  }

  @Test
  void theExamplesAreValidInputAndEveryAnswerValidatesAgainstItsPublishedSchema() throws Exception {
    Map<String, Long> ids = new HashMap<>();
    for (String[] step : PublishedExamples.CREATION_ORDER) {
      String body = example(step[1]);
      assertTrue(checker.schema(step[1], body).isEmpty(), step[1] + " holds its own example");
      ids.put(step[0], ApiClient.id(valid("POST", step[0], step[0], 201, body)));
    }
    ids.put("/api/inventory/hostbyid", ids.get("/api/inventory/host"));
    ids.put("/api/inventory/nicbyid", ids.get("/api/inventory/nic"));
    long bookable = ids.get("/api/booking/bookable");
    Instant start = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS);
    String slot =
        "{\"bookable\":%d,\"start\":\"%s\",\"end\":\"%s\"}"
            .formatted(bookable, start, start.plus(Duration.ofHours(2)));
    assertEquals(List.of(), checker.schema("booking_input", slot));
    long booking =
        ApiClient.id(valid("POST", "/api/booking/booking", "/api/booking/booking", 201, slot));
    ids.put("/api/booking/booking", booking);
    String later =
        "{\"bookable\":%d,\"start\":\"%s\",\"end\":\"%s\"}"
            .formatted(bookable, start.plus(Duration.ofDays(3)), start.plus(Duration.ofDays(4)));
    assertEquals(List.of(), checker.schema("reservation_input", later));
    assertEquals(List.of(), checker.schema("booking_change", "{\"comment\":\"checked\"}"));
    ids.put(
        "/api/booking/reservation",
        ApiClient.id(
            valid("POST", "/api/booking/reservation", "/api/booking/reservation", 201, later)));
    valid(
        "PATCH",
        "/api/booking/booking/" + booking,
        "/api/booking/booking/{id}",
        200,
        "{\"comment\":\"checked\"}");

    valid(
        "PUT",
        "/api/inventory/host/" + ids.get("/api/inventory/host"),
        "/api/inventory/host/{id}",
        200,
        example("host_input"));
    valid(
        "PATCH",
        "/api/booking/bookable/" + bookable,
        "/api/booking/bookable/{id}",
        200,
        "{\"status\":\"active\"}");

    liveViewsAndReports(ids);
    String[] credentials =
        new String(
                java.util.Base64.getDecoder().decode(admin.substring("Basic ".length())),
                java.nio.charset.StandardCharsets.UTF_8)
            .split(":", 2);
    String login =
        JSON.writeValueAsString(Map.of("username", credentials[0], "password", credentials[1]));
    assertEquals(List.of(), checker.schema("login_input", login));
    HttpResponse<String> opened = valid("POST", "/api/auth/login", "/api/auth/login", 200, login);
    accounts(opened);
    jobsImportsAndOutbox();

    List<String> problems = new ArrayList<>();
    int checked = 0;
    Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields();
    while (paths.hasNext()) {
      Map.Entry<String, JsonNode> entry = paths.next();
      String described = entry.getKey();
      if (!entry.getValue().has("get")) {
        continue;
      }
      String path = described;
      if (path.endsWith("/{id}")) {
        Long id = ids.get(path.substring(0, path.length() - "/{id}".length()));
        if (id == null) {
          continue;
        }
        path = path.substring(0, path.length() - "{id}".length()) + id;
      }
      if (path.contains("{")) {
        continue;
      }
      HttpResponse<String> response = api.send("GET", path, admin, null);
      String type = response.headers().firstValue("Content-Type").orElse("");
      if (response.statusCode() != 200) {
        problems.add("GET " + path + " answered " + response.statusCode() + ": " + response.body());
      } else if (type.startsWith("application/json")) {
        List<String> errors = checker.answer("GET", described, response.body());
        if (!errors.isEmpty()) {
          problems.add("GET " + path + ": " + errors + "\n  " + response.body());
        }
        checked++;
      }
    }
    assertTrue(problems.isEmpty(), String.join("\n", problems));
    assertTrue(checked > 40, "answers checked: " + checked);
  }

  /**
   * The accounts' writes: a token and a user (their bodies valid under the published schemas), and
   * impersonation in the session the login opened (its cookies and CSRF token).
   */
  private static void accounts(HttpResponse<String> opened) throws Exception {
    String label = "{\"label\":\"schemas\"}";
    assertEquals(List.of(), checker.schema("token_input", label));
    valid("POST", "/api/auth/tokens", "/api/auth/tokens", 201, label);
    String user = "{\"username\":\"schemas.other\",\"email\":\"\",\"groups\":[]}";
    assertEquals(List.of(), checker.schema("user_input", user));
    long other = ApiClient.id(valid("POST", "/api/auth/users", "/api/auth/users", 201, user));
    String change = "{\"first_name\":\"Other\",\"user_permissions\":[\"booking.view_booking\"]}";
    assertEquals(List.of(), checker.schema("user_patch", change));
    valid("PATCH", "/api/auth/users/" + other, "/api/auth/users/{id}", 200, change);

    String session = null;
    for (String cookie : opened.headers().allValues("Set-Cookie")) {
      if (cookie.startsWith("cores_session=")) {
        session = cookie.substring(0, cookie.indexOf(';'));
      }
    }
    assertTrue(session != null, opened.headers().map().toString());
    String csrf = JSON.readTree(opened.body()).path("csrfToken").asText();
    String start = "{\"user_id\":" + other + "}";
    assertEquals(List.of(), checker.schema("impersonate_input", start));
    for (String[] call : List.of(new String[] {"POST", start}, new String[] {"DELETE", null})) {
      java.net.http.HttpRequest.Builder request =
          java.net.http.HttpRequest.newBuilder(api.cores().uri("/api/auth/impersonate"))
              .timeout(Duration.ofSeconds(60))
              .method(
                  call[0],
                  call[1] == null
                      ? java.net.http.HttpRequest.BodyPublishers.noBody()
                      : java.net.http.HttpRequest.BodyPublishers.ofString(call[1]))
              .header("Cookie", session)
              .header("X-CSRFToken", csrf);
      if (call[1] != null) {
        request.header("Content-Type", "application/json");
      }
      HttpResponse<String> answer = api.cores().send(request.build());
      assertEquals(200, answer.statusCode(), call[0] + ": " + answer.body());
      List<String> errors = checker.answer(call[0], "/api/auth/impersonate", answer.body());
      assertTrue(errors.isEmpty(), call[0] + ": " + errors + "\n" + answer.body());
    }
  }

  /** The jobs run now, the import scripts' get-or-create (found and created), the outbox retry. */
  private static void jobsImportsAndOutbox() throws Exception {
    valid("POST", "/api/cron/maintenance", "/api/cron/maintenance", 200, null);
    valid("POST", "/api/cron/morningjobs", "/api/cron/morningjobs", 200, null);
    for (String name : List.of("Server", "Workstation")) {
      String body = "{\"name\":\"" + name + "\"}";
      assertEquals(List.of(), checker.schema("hosttype_input", body));
      valid("POST", "/api/import/gethosttype", "/api/import/gethosttype", 200, body);
    }
    valid(
        "POST",
        "/api/import/gethosthardware",
        "/api/import/gethosthardware",
        200,
        "{\"name\":\"PowerEdge R650\",\"host_type\":1}");
    valid("POST", "/api/notifications/outbox/retry", "/api/notifications/outbox/retry", 200, null);
  }

  /**
   * Gives the live views and the reports rows to answer, validating the answers of the writes: a
   * scan (a known NIC at another IP, an unknown MAC, a virtual machine, an unusable entry), an
   * uploaded scan file, an ignored MAC, an offline warning, a booking in the past (usage) and a
   * reservation open for 200 days on a second host (long reservations); the GETs that follow
   * validate the lists, the details and the reports, which are asserted not to be empty.
   */
  private static void liveViewsAndReports(Map<String, Long> ids) throws Exception {
    String scan =
        "{\"agentident\":\"schemas-agent\",\"timestamp\":\"%s\",\"results\":["
            + "{\"mac\":\"52:54:00:12:34:56\",\"ip\":\"192.0.2.11\"},"
            + "{\"mac\":\"00:1b:21:30:00:01\",\"ip\":\"192.0.2.20\"},"
            + "{\"mac\":\"02:30:00:00:01:01\",\"ip\":\"192.0.2.21\"},"
            + "{\"mac\":\"00:30:00\",\"ip\":\"192.0.2.5\"}]}";
    Instant scanned = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    HttpResponse<String> ingested =
        valid(
            "POST",
            "/api/live/ingest",
            "/api/live/ingest",
            200,
            scan.formatted(scanned.minus(Duration.ofMinutes(5))));
    JsonNode answer = JSON.readTree(ingested.body());
    assertEquals(4, answer.path("result").size(), ingested.body());
    assertTrue(answer.path("result").get(3).has("error"), ingested.body());
    ids.put("/api/live/sessions", answer.path("session").asLong());
    long upload =
        ApiClient.id(
            valid(
                "POST",
                "/api/live/sessions",
                "/api/live/sessions",
                201,
                scan.formatted(scanned).replace("schemas-agent", "schemas-upload")));
    assertTrue(upload > ids.get("/api/live/sessions"));

    JsonNode conflicts =
        JSON.readTree(api.send("GET", "/api/live/conflicts?kind=nic", admin, null).body());
    long nicConflict = conflicts.path("results").path(0).path("id").asLong();
    assertTrue(nicConflict > 0, conflicts.toString());
    valid(
        "POST",
        "/api/live/conflicts/" + nicConflict + "/ignore",
        "/api/live/conflicts/{id}/ignore",
        200,
        null);
    conflicts =
        JSON.readTree(api.send("GET", "/api/live/conflicts?kind=unknown", admin, null).body());
    ids.put("/api/live/conflicts", conflicts.path("results").path(0).path("id").asLong());
    valid(
        "POST",
        "/api/live/ignoredmacs",
        "/api/live/ignoredmacs",
        201,
        "{\"mac\":\"00-30-00-00-00-99\",\"reason\":\"the printer\"}");

    long host =
        ApiClient.id(
            valid(
                "POST",
                "/api/inventory/host",
                "/api/inventory/host",
                201,
                "{\"hostname\":\"long-held\",\"hardware\":1}"));
    long bookable =
        ApiClient.id(
            valid(
                "POST",
                "/api/booking/bookable",
                "/api/booking/bookable",
                201,
                "{\"host\":%d}".formatted(host)));
    Instant now = Instant.now();
    try (Connection c = api.db().connect();
        PreparedStatement warning =
            c.prepareStatement(
                "INSERT INTO live_offlinehostwarning (host_id, lastseen, created)"
                    + " VALUES (?, NULL, now())");
        PreparedStatement booking =
            c.prepareStatement(
                "INSERT INTO booking_booking (bookable_id, owner_id, start_time, end_time)"
                    + " SELECT ?, id, ?, ? FROM auth_user WHERE username = 'schemas-admin'");
        PreparedStatement reservation =
            c.prepareStatement(
                "INSERT INTO booking_reservation (bookable_id, owner_id, start_time)"
                    + " SELECT ?, id, ? FROM auth_user WHERE username = 'schemas-admin'")) {
      warning.setLong(1, host);
      assertEquals(1, warning.executeUpdate());
      // the usage report counts the first bookable's past booking; the second one is reserved
      booking.setLong(1, ids.get("/api/booking/bookable"));
      booking.setObject(2, OffsetDateTime.ofInstant(now.minus(Duration.ofDays(3)), ZoneOffset.UTC));
      booking.setObject(3, OffsetDateTime.ofInstant(now.minus(Duration.ofDays(2)), ZoneOffset.UTC));
      assertEquals(1, booking.executeUpdate());
      reservation.setLong(1, bookable);
      reservation.setObject(
          2, OffsetDateTime.ofInstant(now.minus(Duration.ofDays(200)), ZoneOffset.UTC));
      assertEquals(1, reservation.executeUpdate());
    }
    JsonNode warnings =
        JSON.readTree(api.send("GET", "/api/live/offlinewarnings", admin, null).body());
    valid(
        "POST",
        "/api/live/offlinewarnings/"
            + warnings.path("results").path(0).path("id").asLong()
            + "/resolve",
        "/api/live/offlinewarnings/{id}/resolve",
        200,
        null);

    // the validation below must see rows, not empty tables
    Map<String, String> filled =
        Map.of(
            "/api/reports/usage", "results users hardware labs",
            "/api/reports/longreservations", "results",
            "/api/reports/assets", "results cards",
            "/api/live/virtualhosts", "results",
            "/api/live/sessions", "results",
            "/api/live/conflicts", "results",
            "/api/live/offlinewarnings", "results",
            "/api/live/ignoredmacs", "");
    for (Map.Entry<String, String> view : filled.entrySet()) {
      JsonNode body = JSON.readTree(api.send("GET", view.getKey(), admin, null).body());
      if (view.getValue().isEmpty()) {
        assertTrue(body.size() > 0, view.getKey() + ": " + body);
      }
      for (String table : view.getValue().split(" ")) {
        if (!table.isEmpty()) {
          assertTrue(body.path(table).size() > 0, view.getKey() + " " + table + ": " + body);
        }
      }
    }
    JsonNode dashboard = JSON.readTree(api.send("GET", "/api/live/dashboard", admin, null).body());
    assertTrue(dashboard.path("last_scan").isObject(), dashboard.toString());
  }

  /**
   * A name or an address stored before today's checks (a tab in a name, an address that is none:
   * the original's data, a directory's) is sent back as it was read: the published schema, which a
   * client may validate what it sends against, takes it, and so does the server; a new one is still
   * refused, by the server, at its field.
   */
  @Test
  void whatAClientReadItMaySendBackValidated() throws Exception {
    String user = "{\"username\":\"schemas.legacy\",\"email\":\"\",\"groups\":[]}";
    long id = ApiClient.id(valid("POST", "/api/auth/users", "/api/auth/users", 201, user));
    api.db()
        .execute(
            "UPDATE auth_user SET first_name = ?, email = ? WHERE id = ?", "Ann\te", "ann@", id);
    JsonNode read = JSON.readTree(api.send("GET", "/api/auth/users/" + id, admin, null).body());
    ObjectNode back = JSON.createObjectNode();
    back.set("first_name", read.path("first_name"));
    back.set("email", read.path("email"));
    assertEquals("Ann\te", back.path("first_name").asText());
    assertEquals(List.of(), checker.schema("user_patch", back.toString()));
    valid("PATCH", "/api/auth/users/" + id, "/api/auth/users/{id}", 200, back.toString());
    HttpResponse<String> renamed =
        api.send("PATCH", "/api/auth/users/" + id, admin, "{\"first_name\":\"Ann\\te!\"}");
    assertEquals(400, renamed.statusCode(), renamed.body());

    String customer = "{\"name\":\"Legacy Ltd\"}";
    long partner = ApiClient.id(api.created("/api/loans/customer/", admin, customer));
    api.db()
        .execute("UPDATE loans_customer SET contact_email = 'ops at legacy' WHERE id = ?", partner);
    String sent = "{\"contact_email\":\"ops at legacy\"}";
    assertEquals(List.of(), checker.schema("customer_patch", sent));
    HttpResponse<String> kept =
        api.send("PATCH", "/api/loans/customer/" + partner + "/", admin, sent);
    assertEquals(200, kept.statusCode(), kept.body());
    HttpResponse<String> changed =
        api.send(
            "PATCH", "/api/loans/customer/" + partner + "/", admin, "{\"contact_email\":\"ops@\"}");
    assertEquals(400, changed.statusCode(), changed.body());
  }

  @Test
  void theSchemasRefuseWhatTheChecksRefuse() throws Exception {
    String host =
        "{\"id\":1,\"hostname\":\"n\",\"serial_no\":\"\",\"asset_no\":\"\",\"diskvendor\":null,"
            + "\"hardware\":1,\"rack\":null,\"hypervisor\":false,\"vm_host\":null,\"details\":\"\","
            + "\"owner\":null,\"group\":null,\"status\":\"%s\",\"ip\":%s,\"lastseen\":%s,"
            + "\"bookable\":null}";
    assertEquals(List.of(), checker.schema("host", host.formatted("active", "null", "null")));
    assertEquals(
        List.of(),
        checker.schema(
            "host", host.formatted("on_loan", "\"2001:db8::1\"", "\"2026-01-31T12:00:00Z\"")));
    assertFalse(checker.schema("host", host.formatted("broken", "null", "null")).isEmpty());
    assertFalse(checker.schema("host", host.formatted("new", "\"10.0.0.300\"", "null")).isEmpty());
    assertFalse(checker.schema("host", host.formatted("new", "null", "\"yesterday\"")).isEmpty());
    assertFalse(
        checker
            .schema(
                "host",
                host.formatted("active", "null", "null").replace("\"details\"", "\"other\""))
            .isEmpty());
    assertFalse(checker.schema("host_input", "{\"hostname\":\"n\"}").isEmpty(), "hardware");
    assertFalse(
        checker.schema("nic_input", "{\"mac\":\"52:54:00:12:34\"}").isEmpty(), "a short MAC");
    assertEquals(List.of(), checker.schema("nic_patch", "{\"mac\":\"5254.0012.3456\"}"));
    assertFalse(
        checker.schema("bookable_patch", "{\"status\":\"booked\"}").isEmpty(), "bookable status");
    assertFalse(
        checker.schema("lab_input", "{\"name\":\"l\",\"network\":\"lab one\"}").isEmpty(), "cidr");

    // the answers once published as "an object": closed, typed, every key present
    String facts =
        "{\"last_scan\":%s,\"conflicts\":{\"unknown\":1,\"nic\":0,\"location\":0,\"total\":1},"
            + "\"offline_warnings\":0,\"attention\":1,\"nics\":%s}";
    String last =
        "{\"id\":3,\"timestamp\":\"2026-01-31T12:00:00Z\",\"agent_identifier\":\"a\","
            + "\"processed\":true}";
    assertEquals(List.of(), checker.schema("live_dashboard", facts.formatted("null", "2")));
    assertEquals(List.of(), checker.schema("live_dashboard", facts.formatted(last, "2")));
    assertFalse(checker.schema("live_dashboard", facts.formatted("null", "\"2\"")).isEmpty());
    assertFalse(checker.schema("live_dashboard", facts.formatted("{}", "2")).isEmpty());
    assertFalse(
        checker
            .schema("live_dashboard", facts.formatted("null", "2").replace("\"nics\"", "\"nic\""))
            .isEmpty());
    String reservations =
        "{\"days\":180,\"at\":\"2026-01-31T12:00:00Z\",\"count\":1,\"results\":[{"
            + "\"reservation\":1,\"bookable\":1,\"host\":1,\"hostname\":\"n\",\"owner\":1,"
            + "\"username\":null,\"hardware\":\"[Server] R650\",\"location\":\"MAIN/Lab 1\","
            + "\"start\":\"2025-01-31T12:00:00Z\",\"end\":%s,\"days_open\":365,\"others\":0}]}";
    assertEquals(
        List.of(), checker.schema("report_longreservations", reservations.formatted("null")));
    assertFalse(
        checker.schema("report_longreservations", reservations.formatted("\"never\"")).isEmpty());
    assertFalse(
        checker
            .schema(
                "report_longreservations",
                reservations.formatted("null").replace("\"others\"", "\"other\""))
            .isEmpty());
    assertFalse(
        checker
            .schema("booking_input", "{\"bookable\":1,\"start\":\"2026-01-31T09:00\"}")
            .isEmpty(),
        "a booking needs its end");
    assertFalse(
        checker.schema("booking_input", "{\"bookable\":1,\"end\":\"2026-01-31\"}").isEmpty(),
        "a date alone");
    assertFalse(
        checker
            .schema(
                "booking_input", "{\"bookable\":1,\"end\":\"2026-01-31T09:00\",\"import_id\":0}")
            .isEmpty(),
        "an import id is 1 or more");
    assertEquals(
        List.of(),
        checker.schema("reservation_input", "{\"bookable\":1,\"start\":\"2026-01-31 09:00\"}"));
    assertFalse(checker.schema("token_input", "{\"label\":\" \"}").isEmpty(), "a blank label");
    assertFalse(checker.schema("user_input", "{\"username\":\"a b\"}").isEmpty(), "a space");
    assertFalse(checker.schema("user_input", "{\"email\":\"x@y\"}").isEmpty(), "no username");
    assertFalse(
        checker.schema("user_patch", "{\"user_permissions\":[\"everything\"]}").isEmpty(),
        "a permission is app.action_model");
    String line = "{\"nic\":\"00:30:00\",\"%s\":\"bad MAC\"}";
    String ingest =
        "{\"success\":true,\"result\":[%s],\"session\":1,\"agentident\":\"a\","
            + "\"timestamp\":\"2026-01-31T12:00:00Z\",\"results\":[{\"entry\":0,\"mac\":null,"
            + "\"nic\":null,\"ip\":\"192.0.2.5\",\"status\":\"bad MAC\"}]}";
    assertEquals(
        List.of(), checker.schema("live_ingest", ingest.formatted(line.formatted("error"))));
    assertFalse(
        checker.schema("live_ingest", ingest.formatted(line.formatted("failure"))).isEmpty(),
        "an original agent reads success or error");
  }
}
