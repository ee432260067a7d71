package cores.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.template.yml, validated with docker-compose (no engine runs here): it names every
 * setting the launcher reads, the docker-compose page shows its cores service's environment as it
 * is, and {@code docker-compose config} takes it as it is and filled in, with only nginx publishing
 * a port. The stack it describes runs natively in {@link StackIT}.
 *
 * <p>docker-compose is needed (.ci/run installs it): without it the test is skipped, or fails where
 * {@link Tools} requires every program.
 */
class ComposeTemplateIT {
  private final Path repository = NativeStack.repository();
  private final Path distribution = CoresProcess.distribution();

  @Test
  void composeTemplateIsValidAsItIsAndFilledIn() throws Exception {
    Path compose = NativeStack.tool("docker-compose");
    Path template = repository.resolve("docker-compose.template.yml");
    String text = Files.readString(template, StandardCharsets.UTF_8);

    // every variable the launcher reads (its own list, shipped in the distribution), except the
    // two that bin/cores and its createsuperuser command read: the image sets CORES_JAVA_OPTS,
    // which an empty entry here would override
    Set<String> settings = launcherVariables();
    settings.removeAll(Set.of("CORES_JAVA_OPTS", "CORES_SUPERUSER_PASSWORD"));
    for (String variable : settings) {
      assertTrue(
          Pattern.compile("(?m)^\\s+- " + variable + "=").matcher(text).find(),
          variable + " is missing from the template");
    }
    // the docker-compose page shows the cores service's environment as the template has it
    String page =
        Files.readString(repository.resolve("docs/docs/docker-compose.md"), StandardCharsets.UTF_8);
    String coresService = text.substring(text.indexOf("\n  cores:"), text.indexOf("\n  postgres:"));
    Matcher line = Pattern.compile("(?m)^      - [A-Z][A-Z0-9_]*=.*$").matcher(coresService);
    int lines = 0;
    while (line.find()) {
      assertTrue(
          page.contains(line.group() + "\n"), "docs/docs/docker-compose.md lacks: " + line.group());
      lines++;
    }
    assertTrue(lines > 30, "environment lines in the template: " + lines);

    NativeStack.Result asIs =
        NativeStack.run(
            repository, Map.of(), compose.toString(), "-f", template.toString(), "config");
    assertEquals(0, asIs.exit(), asIs.output());

    Map<String, String> filledIn =
        readEnvFile(repository.resolve("itests/src/test/resources/stack/filled.env"));
    String filled = fillIn(text, filledIn);
    Path composeFile =
        Files.createDirectories(
                Path.of(System.getProperty("cores.itests.logs", "target/it-logs"))
                    .toAbsolutePath()
                    .resolve("compose-" + System.currentTimeMillis()))
            .resolve("docker-compose.yml");
    Files.writeString(composeFile, filled, StandardCharsets.UTF_8);
    NativeStack.Result config =
        NativeStack.run(
            repository,
            Map.of(),
            compose.toString(),
            "--project-directory",
            repository.toString(),
            "-f",
            composeFile.toString(),
            "config");
    assertEquals(0, config.exit(), config.output());
    String effective = config.output();
    for (Map.Entry<String, String> e : filledIn.entrySet()) {
      assertTrue(
          effective.contains(e.getKey() + ": " + e.getValue())
              || effective.contains(e.getKey() + ": '" + e.getValue() + "'")
              || effective.contains(e.getKey() + ": \"" + e.getValue() + "\""),
          e + " not in the effective configuration:\n" + effective);
    }
    Map<String, Set<String>> keys = serviceKeys(effective);
    assertEquals(Set.of("cores", "postgres", "nginx", "docs"), keys.keySet(), effective);
    for (Map.Entry<String, Set<String>> service : keys.entrySet()) {
      assertEquals(
          service.getKey().equals("nginx"),
          service.getValue().contains("ports"),
          "only nginx publishes a port:\n" + effective);
    }
    assertTrue(effective.contains("published: 80"), effective);
    // docker-compose up --scale cores=N (admin guide): no fixed name, no port of its own
    assertFalse(keys.get("cores").contains("container_name"), effective);
    for (String volume : List.of("static_volume", "postgres_data", "mkdocs_site")) {
      assertTrue(effective.contains("\n  " + volume + ":"), volume + ":\n" + effective);
    }
    assertTrue(effective.contains("condition: service_healthy"), effective);
  }

  /** Variable names in the distribution's etc/cores.env.example (set or commented out). */
  private Set<String> launcherVariables() throws IOException {
    Set<String> names = new LinkedHashSet<>();
    Pattern line = Pattern.compile("^#? ?([A-Z][A-Z0-9_]+)=");
    for (String l :
        Files.readAllLines(distribution.resolve("etc/cores.env.example"), StandardCharsets.UTF_8)) {
      Matcher m = line.matcher(l);
      if (m.find()) {
        names.add(m.group(1));
      }
    }
    assertTrue(names.size() > 25, "cores.env.example lists the variables: " + names);
    return names;
  }

  private static Map<String, String> readEnvFile(Path file) throws IOException {
    Map<String, String> values = new LinkedHashMap<>();
    for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (!l.isBlank() && !l.startsWith("#")) {
        int eq = l.indexOf('=');
        values.put(l.substring(0, eq), l.substring(eq + 1));
      }
    }
    return values;
  }

  /** Writes each value into every {@code - NAME=...} line, keeping the line's comment. */
  private static String fillIn(String template, Map<String, String> values) {
    String result = template;
    for (Map.Entry<String, String> e : values.entrySet()) {
      Pattern p =
          Pattern.compile("(?m)^(\\s+- " + Pattern.quote(e.getKey()) + "=)[^#\\n]*?([ \\t]+#.*)?$");
      Matcher m = p.matcher(result);
      assertTrue(m.find(), e.getKey() + " has no line in the template");
      result =
          m.replaceAll(
              r -> Matcher.quoteReplacement(r.group(1) + e.getValue() + nullToEmpty(r.group(2))));
    }
    return result;
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }

  /** Top-level keys of each service in {@code docker-compose config}'s output. */
  private static Map<String, Set<String>> serviceKeys(String config) {
    Map<String, Set<String>> services = new LinkedHashMap<>();
    boolean inServices = false;
    String current = null;
    for (String l : config.split("\n")) {
      if (!l.startsWith(" ")) {
        inServices = l.equals("services:");
        current = null;
      } else if (inServices && l.matches("  [a-z0-9_-]+:")) {
        current = l.trim().replace(":", "");
        services.put(current, new TreeSet<>());
      } else if (inServices && current != null && l.matches("    [a-z_]+:.*")) {
        services.get(current).add(l.trim().replaceAll(":.*", ""));
      }
    }
    return services;
  }
}
