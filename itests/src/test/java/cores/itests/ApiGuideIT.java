package cores.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/docs/api.md holds true against the booted distribution: its worked example runs with bash
 * (curl, jq) and each step succeeds, and its tables list exactly the fields of the models that
 * {@code /api/docs} publishes.
 */
class ApiGuideIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern WORKED_EXAMPLE =
      Pattern.compile("```sh\n(# worked example\n.*?)```", Pattern.DOTALL);
  private static final Pattern MODEL_SECTION =
      Pattern.compile(
          "^### (\\w+)\n\n\\| field \\| type \\| notes \\|\n\\|---\\|---\\|---\\|\n((?:\\|.*\n)+)",
          Pattern.MULTILINE);
  private static final Pattern FIELD_ROW = Pattern.compile("^\\| `(\\w+)` \\|", Pattern.MULTILINE);

  private static ApiClient api;
  private static String admin;
  private static String page;

  @BeforeAll
  static void start() throws Exception {
    page =
        Files.readString(
            NativeStack.repository().resolve("docs/docs/api.md"), StandardCharsets.UTF_8);
    // boot waits until the launcher reports started and /api/health answers 200
    api = ApiClient.boot("api-guide", builder -> builder);
    admin = api.user("guide-admin", true);
  }

  @AfterAll
  static void stop() throws Exception {
    if (api != null) {
      api.close();
    }
  }

  @Test
  void theWorkedExampleRunsStepByStepToABooking() throws Exception {
    Matcher block = WORKED_EXAMPLE.matcher(page);
    assertTrue(block.find(), "api.md has a sh block starting with '# worked example'");
    String[] credentials =
        new String(
                Base64.getDecoder().decode(admin.substring("Basic ".length())),
                StandardCharsets.UTF_8)
            .split(":", 2);
    Path script = Files.createTempFile("worked-example", ".sh");
    Path output = Files.createTempFile("worked-example", ".out");
    try {
      Files.writeString(script, block.group(1), StandardCharsets.UTF_8);
      ProcessBuilder bash =
          new ProcessBuilder("bash", script.toString())
              .redirectErrorStream(true)
              .redirectOutput(output.toFile());
      bash.environment()
          .putAll(
              Map.of(
                  "CORES", api.cores().uri("").toString().replaceAll("/$", ""),
                  "CORES_USER", credentials[0],
                  "CORES_PASSWORD", credentials[1]));
      Process process = bash.start();
      assertTrue(process.waitFor(180, TimeUnit.SECONDS), "the example ends");
      String printed = Files.readString(output, StandardCharsets.UTF_8);
      assertEquals(0, process.exitValue(), printed);
      // what the page says the search shows
      assertTrue(printed.contains("\"hostname\": \"node01\""), printed);
      assertTrue(printed.contains("\"ip\": \"192.0.2.10\""), printed);
      assertTrue(printed.contains("\"hardware\": \"[Server] PowerEdge R650\""), printed);
      assertTrue(printed.contains("\"rack\": \"1 in MAIN/Lab 1\""), printed);
    } finally {
      Files.deleteIfExists(script);
      Files.deleteIfExists(output);
    }
    JsonNode bookables = get("/api/booking/bookable/?active=1");
    assertEquals(1, bookables.path("count").asInt(), bookables.toString());
    assertEquals("node01", bookables.path("results").path(0).path("hostname").asText());
    JsonNode bookings = get("/api/booking/booking/");
    assertEquals(1, bookings.path("count").asInt(), bookings.toString());
    assertEquals(
        bookables.path("results").path(0).path("id").asLong(),
        bookings.path("results").path(0).path("bookable").asLong(),
        bookings.toString());
  }

  @Test
  void theFieldTablesListTheFieldsOfThePublishedModels() throws Exception {
    JsonNode schemas = get("/api/docs?format=json").path("components").path("schemas");
    Map<String, Set<String>> documented = new TreeMap<>();
    Matcher section = MODEL_SECTION.matcher(page);
    while (section.find()) {
      Set<String> fields = new TreeSet<>();
      Matcher row = FIELD_ROW.matcher(section.group(2));
      while (row.find()) {
        fields.add(row.group(1));
      }
      documented.put(section.group(1), fields);
    }
    Map<String, Set<String>> published = new TreeMap<>();
    schemas
        .fieldNames()
        .forEachRemaining(
            name -> {
              // the models of the descriptors publish a row, an input and a patch
              if (schemas.has(name + "_input") && schemas.has(name + "_patch")) {
                Set<String> fields = new TreeSet<>();
                schemas.path(name).path("properties").fieldNames().forEachRemaining(fields::add);
                fields.remove("id");
                published.put(name, fields);
              }
            });
    assertTrue(published.size() >= 14, published.keySet().toString());
    assertEquals(published, documented);
  }

  private static JsonNode get(String path) throws Exception {
    HttpResponse<String> response = api.send("GET", path, admin, null);
    assertEquals(200, response.statusCode(), path + ": " + response.body());
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new AssertionError(path + ": " + response.body(), e);
    }
  }
}
