package cores.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every write operation of {@code /api/docs} (POST, PUT, PATCH with a body) gets the same hostile
 * values, generated from its published request schema: each property in turn is replaced, in an
 * otherwise valid body (the schema's example, or none), by values that have broken servers of this
 * kind — numbers of a thousand digits, nesting a thousand deep, NUL, a lone surrogate, years
 * PostgreSQL cannot store or that do not exist, values of the wrong JSON type, a key sent twice —
 * and the whole body is replaced by such values too. Each must be answered 4xx with problem
 * details, and afterwards no table holds anything it did not hold before. A NUL in any documented
 * query parameter of a GET is a 400 problem naming the parameter.
 */
class HostileValuesIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Tables that requests change by design without writing anything of the caller's. */
  private static final Set<String> BOOKKEEPING =
      Set.of(
          "auth_login_failure", // the login throttle counts failed logins
          "cores_token", // last_used
          "cores_session",
          "jobs_run", // scheduled jobs
          "databasechangelog",
          "databasechangeloglock");

  private static final String DEEP = "[".repeat(1001) + "]".repeat(1001);
  private static final String HUGE = "9".repeat(1001);

  private static ApiClient api;
  private static String admin;
  private static JsonNode doc;

  @BeforeAll
  static void start() throws Exception {
    api = ApiClient.boot("hostile-values", builder -> builder);
    admin = api.token(api.user("hostile-admin", true));
    HttpResponse<String> docs = api.send("GET", "/api/docs?format=json", null, null);
    assertEquals(200, docs.statusCode(), docs.body());
    doc = JSON.readTree(docs.body());
  }

  @AfterAll
  static void stop() throws Exception {
    if (api != null) {
      api.close();
    }
  }

  @Test
  void everyQueryParameterHoldingANulIsAProblemNamingIt() throws Exception {
    List<String> wrong = new ArrayList<>();
    int sent = 0;
    Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields();
    while (paths.hasNext()) {
      Map.Entry<String, JsonNode> path = paths.next();
      if (path.getKey().contains("{")) {
        continue;
      }
      for (JsonNode parameter : path.getValue().path("get").path("parameters")) {
        if (!"query".equals(parameter.path("in").asText())) {
          continue;
        }
        // a line may document several ("from, to: ...")
        for (String name : parameter.path("name").asText().split(",\\s*")) {
          HttpResponse<String> answer =
              api.send("GET", path.getKey() + "?" + name + "=a%00b", admin, null);
          sent++;
          String type = answer.headers().firstValue("Content-Type").orElse("");
          if (answer.statusCode() != 400
              || !type.startsWith("application/problem+json")
              || !answer.body().contains("\"" + name + "\":[\"Text must not contain NUL")) {
            wrong.add(
                "GET "
                    + path.getKey()
                    + " "
                    + name
                    + ": "
                    + answer.statusCode()
                    + " "
                    + answer.body().substring(0, Math.min(200, answer.body().length())));
          }
        }
      }
    }
    assertTrue(sent > 10, "only " + sent + " query parameters documented");
    assertTrue(wrong.isEmpty(), String.join("\n", wrong));
  }

  /** One hostile request: what it replaced and the body sent. */
  private record Attempt(String what, String body) {}

  @Test
  void everyWriteRefusesHostileValuesWithProblemDetailsAndWritesNothing() throws Exception {
    Map<String, Long> ids = world();
    Map<String, String> before = snapshot();
    List<String> wrong = new ArrayList<>();
    int sent = 0;
    Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields();
    while (paths.hasNext()) {
      Map.Entry<String, JsonNode> path = paths.next();
      for (String method : List.of("post", "put", "patch")) {
        JsonNode operation = path.getValue().path(method);
        JsonNode body = operation.path("requestBody").path("content").path("application/json");
        if (body.isMissingNode()) {
          continue;
        }
        String concrete = concrete(path.getKey(), ids);
        for (Attempt attempt : attempts(resolve(body.path("schema")))) {
          HttpResponse<String> answer =
              api.send(method.toUpperCase(), concrete, admin, attempt.body());
          sent++;
          int status = answer.statusCode();
          String type = answer.headers().firstValue("Content-Type").orElse("");
          if (status < 400 || status >= 500 || !type.startsWith("application/problem+json")) {
            wrong.add(
                String.format(
                    "%s %s %s: %d %s %s",
                    method.toUpperCase(),
                    concrete,
                    attempt.what(),
                    status,
                    type,
                    answer.body().length() > 200
                        ? answer.body().substring(0, 200) + "…"
                        : answer.body()));
          }
        }
      }
    }
    assertTrue(sent > 1000, "hostile requests sent: " + sent);
    assertTrue(
        wrong.isEmpty(),
        wrong.size()
            + " of "
            + sent
            + " hostile requests were not refused:\n"
            + String.join("\n", wrong));
    Map<String, String> after = snapshot();
    List<String> changed =
        before.keySet().stream().filter(t -> !before.get(t).equals(after.get(t))).toList();
    assertEquals(List.of(), changed, "tables written by refused requests");
  }

  /**
   * One object of each kind to aim the PUTs and PATCHes at, created from the examples the
   * description publishes; the answer maps each collection path to its object's id.
   */
  private static Map<String, Long> world() throws Exception {
    Map<String, Long> ids = new HashMap<>();
    for (String[] step : PublishedExamples.CREATION_ORDER) {
      ids.put(step[0], ApiClient.id(api.created(step[0], admin, example(step[1]))));
    }
    ids.put("/api/inventory/hostbyid", ids.get("/api/inventory/host"));
    ids.put("/api/inventory/nicbyid", ids.get("/api/inventory/nic"));
    long bookable = ids.get("/api/booking/bookable");
    Instant start = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS);
    String slot = "{\"bookable\":%d,\"start\":\"%s\",\"end\":\"%s\"}";
    ids.put(
        "/api/booking/booking",
        ApiClient.id(
            api.created(
                "/api/booking/booking",
                admin,
                slot.formatted(bookable, start, start.plus(Duration.ofHours(2))))));
    ids.put(
        "/api/booking/reservation",
        ApiClient.id(
            api.created(
                "/api/booking/reservation",
                admin,
                slot.formatted(
                    bookable, start.plus(Duration.ofDays(3)), start.plus(Duration.ofDays(4))))));
    ids.put(
        "/api/loans/loan",
        ApiClient.id(api.created("/api/loans/loan", admin, example("loan_input"))));
    ids.put(
        "/api/auth/groups",
        ApiClient.id(api.created("/api/auth/groups", admin, "{\"name\":\"hostile-group\"}")));
    // a user of their own, so that a wrongly accepted change cannot lock the test out
    ids.put(
        "/api/auth/users",
        ApiClient.id(
            api.created(
                "/api/auth/users",
                admin,
                "{\"username\":\"hostile-target\",\"email\":\"target@example.org\"}")));
    return ids;
  }

  private static String example(String schema) throws Exception {
    JsonNode example = doc.path("components").path("schemas").path(schema).path("examples").path(0);
    assertTrue(example.isObject(), schema + " has an example");
    return JSON.writeValueAsString(example);
  }

  /** The path with its {@code {id}} replaced by the id of the object made for its collection. */
  private static String concrete(String path, Map<String, Long> ids) {
    int brace = path.indexOf("/{id}");
    if (brace < 0) {
      return path;
    }
    Long id = ids.get(path.substring(0, brace));
    // the live conflicts have no object here: the refusal must come before the lookup anyway
    return path.substring(0, brace) + "/" + (id == null ? 1 : id) + path.substring(brace + 5);
  }

  private static JsonNode resolve(JsonNode schema) {
    String ref = schema.path("$ref").asText("");
    return ref.isEmpty()
        ? schema
        : doc.path("components")
            .path("schemas")
            .path(ref.substring("#/components/schemas/".length()));
  }

  /** The hostile bodies for a request schema. */
  private static List<Attempt> attempts(JsonNode schema) throws Exception {
    List<Attempt> attempts = new ArrayList<>();
    for (String whole : List.of(DEEP, HUGE, "[]", "\"text\"", "true", "{\"a\":" + DEEP + "}")) {
      attempts.add(new Attempt("body " + abbreviate(whole), whole));
    }
    JsonNode example = schema.path("examples").path(0);
    ObjectNode base = example.isObject() ? (ObjectNode) example : JSON.createObjectNode();
    Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields();
    while (properties.hasNext()) {
      Map.Entry<String, JsonNode> property = properties.next();
      if ("ignored".equals(property.getValue().path("description").asText())) {
        continue;
      }
      for (Map.Entry<String, String> value : hostile(property.getValue()).entrySet()) {
        ObjectNode body = base.deepCopy();
        body.remove(property.getKey());
        String json = JSON.writeValueAsString(body);
        String member = JSON.writeValueAsString(property.getKey()) + ":" + value.getValue();
        json = json.equals("{}") ? "{" + member + "}" : "{" + member + "," + json.substring(1);
        attempts.add(new Attempt(property.getKey() + " = " + value.getKey(), json));
      }
      if (base.has(property.getKey())) {
        // a valid value twice: a server that keeps one of them guesses what the client meant
        String member =
            JSON.writeValueAsString(property.getKey())
                + ":"
                + JSON.writeValueAsString(base.get(property.getKey()));
        attempts.add(
            new Attempt(
                property.getKey() + " sent twice",
                "{" + member + "," + JSON.writeValueAsString(base).substring(1)));
      }
    }
    return attempts;
  }

  /** Hostile JSON values for a property, by name, chosen by what its schema says it takes. */
  private static Map<String, String> hostile(JsonNode property) {
    List<String> types = new ArrayList<>();
    JsonNode type = property.path("type");
    if (type.isArray()) {
      type.forEach(t -> types.add(t.asText()));
    } else if (type.isTextual()) {
      types.add(type.asText());
    }
    Map<String, String> values = new LinkedHashMap<>();
    values.put("1001 nested arrays", DEEP);
    values.put("a number of 1001 digits", HUGE);
    values.put("NUL in a string", "\"a\\u0000b\"");
    values.put("a lone surrogate", "\"a\\ud800b\"");
    if (!types.isEmpty() && !types.contains("null")) {
      values.put("null where the schema has no null", "null");
    }
    if (!types.contains("object")) {
      values.put("an object", "{\"x\":1}");
    }
    if (!types.contains("array")) {
      values.put("an array", "[1]");
    } else {
      values.put("an array holding NUL", "[\"a\\u0000b\"]");
      values.put("an array holding objects", "[{\"x\":1}]");
    }
    if (types.contains("integer")) {
      values.put("a fraction", "1.5");
      values.put("2^63", "9223372036854775808");
      values.put("a word", "\"many\"");
    }
    if (types.contains("boolean")) {
      values.put("a word", "\"perhaps\"");
    }
    if (property.path("pattern").asText("").startsWith("^\\s*[0-9]{4}-")
        || "date-time".equals(property.path("format").asText())) {
      values.put("year 10000", "\"10000-01-01T00:00:00Z\"");
      values.put("year 0", "\"0000-01-01T00:00:00Z\"");
      values.put("February 30", "\"2027-02-30T10:00:00Z\"");
      values.put("hour 25", "\"2027-01-01T25:00:00Z\"");
    }
    return values;
  }

  private static String abbreviate(String json) {
    return json.length() > 20 ? json.substring(0, 12) + "…(" + json.length() + " chars)" : json;
  }

  /**
   * A digest of each table's rows (all but {@link #BOOKKEEPING}), by table name: one fixed
   * statement that has PostgreSQL build the per-table query with the name quoted ({@code %I}).
   */
  private static Map<String, String> snapshot() throws Exception {
    Map<String, String> digests = new TreeMap<>();
    try (Connection c = api.db().connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT tablename, (xpath('/row/d/text()', query_to_xml(format("
                    + "'SELECT count(*) || '':'' || coalesce(md5(string_agg(t::text, ''|''"
                    + " ORDER BY t::text)), '''') AS d FROM %I t', tablename),"
                    + " false, true, '')))[1]::text"
                    + " FROM pg_tables WHERE schemaname = current_schema()")) {
      while (rs.next()) {
        if (!BOOKKEEPING.contains(rs.getString(1))) {
          digests.put(rs.getString(1), rs.getString(2));
        }
      }
    }
    return digests;
  }
}
