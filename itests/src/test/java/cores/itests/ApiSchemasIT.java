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
import java.time.Duration;
import java.time.Instant;
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

  /** Created in this order from the published examples (their ids are 1 in a fresh database). */
  private static final List<String[]> FROM_EXAMPLES =
      List.of(
          new String[] {"/api/inventory/building", "building_input"},
          new String[] {"/api/inventory/lab", "lab_input"},
          new String[] {"/api/inventory/rack", "rack_input"},
          new String[] {"/api/inventory/hosttype", "hosttype_input"},
          new String[] {"/api/inventory/hosthardware", "hosthardware_input"},
          new String[] {"/api/inventory/hdvendor", "hdvendor_input"},
          new String[] {"/api/inventory/cardtype", "cardtype_input"},
          new String[] {"/api/inventory/host", "host_input"},
          new String[] {"/api/inventory/card", "card_input"},
          new String[] {"/api/inventory/nic", "nic_input"},
          new String[] {"/api/booking/bookable", "bookable_input"},
          new String[] {"/api/notices/notice", "notice_input"},
          new String[] {"/api/loans/customer", "customer_input"});

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
    for (String[] step : FROM_EXAMPLES) {
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
    long booking =
        ApiClient.id(valid("POST", "/api/booking/booking", "/api/booking/booking", 201, slot));
    ids.put("/api/booking/booking", booking);
    String later =
        "{\"bookable\":%d,\"start\":\"%s\",\"end\":\"%s\"}"
            .formatted(bookable, start.plus(Duration.ofDays(3)), start.plus(Duration.ofDays(4)));
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
  }
}
