package cores.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API's baseline fails the build on an incompatible change: a copy of this module with broken
 * versioning is built with the same Maven, and its {@code mvn verify} must fail for each wrong
 * package and accept the rightly versioned one. The copy brings its poms and the baseline
 * repository, so it is the build a fresh clone runs.
 */
class ApiBaselineTest {
  private static final Pattern VERSION =
      Pattern.compile("@Version\\(\"(\\d+)\\.(\\d+)\\.\\d+\"\\)");

  private final Path module = Path.of(System.getProperty("cores.api.dir", "")).toAbsolutePath();

  @Test
  void anIncompatibleChangeFailsTheBuild(@TempDir Path copy) throws Exception {
    Path api = copyModule(copy);
    Path sources = api.resolve("src/main/java/cores/api");
    // a method removed from a consumer type, package version unchanged: needs 2.0.0
    replace(sources.resolve("health/HealthIndicator.java"), "  String name();\n", "");
    // a method added to a consumer type with only a minor bump: implementers break, needs 2.0.0
    addMethod(sources.resolve("system/ProblemReport.java"));
    bumpMinor(sources.resolve("system/package-info.java"));
    // a method added to a provider type without a bump: needs 1.1.0
    addMethod(sources.resolve("notices/NoticeBoard.java"));
    // the same with the minor bump it needs: accepted
    addMethod(sources.resolve("reports/ReportDesk.java"));
    bumpMinor(sources.resolve("reports/package-info.java"));

    Build build = verify(copy, api);

    assertNotEquals(0, build.exitCode(), build.output());
    assertTrue(build.output().contains("Baseline problems detected"), build.output());
    Map<String, List<String>> report = report(api);
    assertMismatch(report, "health", "MAJOR", major(version("health")));
    assertMismatch(report, "system", "MAJOR", major(version("system")));
    assertMismatch(report, "notices", "MINOR", minor(version("notices")));
    assertAccepted(report, "reports", "MINOR");
    assertAccepted(report, "cli", "UNCHANGED");
  }

  private static void assertMismatch(
      Map<String, List<String>> report, String pkg, String delta, String suggested) {
    List<String> line = report.get("cores.api." + pkg);
    assertEquals("*", line.get(0), pkg + ": " + line);
    assertEquals(delta, line.get(3), pkg + ": " + line);
    assertEquals(suggested, line.get(6), pkg + ": " + line);
  }

  private static void assertAccepted(Map<String, List<String>> report, String pkg, String delta) {
    List<String> line = report.get("cores.api." + pkg);
    assertEquals("cores.api." + pkg, line.get(0), pkg + ": " + line);
    assertEquals(delta, line.get(2), pkg + ": " + line);
    assertEquals("ok", line.get(5), pkg + ": " + line);
  }

  /** A package's version in this module: its major and minor. */
  private int[] version(String pkg) throws IOException {
    Path packageInfo = module.resolve("src/main/java/cores/api/" + pkg + "/package-info.java");
    Matcher version = VERSION.matcher(Files.readString(packageInfo));
    assertTrue(version.find(), packageInfo + " has no @Version");
    return new int[] {Integer.parseInt(version.group(1)), Integer.parseInt(version.group(2))};
  }

  private static String major(int[] version) {
    return (version[0] + 1) + ".0.0";
  }

  private static String minor(int[] version) {
    return version[0] + "." + (version[1] + 1) + ".0";
  }

  /**
   * The baseline report's lines of packages by name: each line's words, a {@code *} first where the
   * version does not fit the change (name, type, delta, new, old, suggested, if providers).
   */
  private static Map<String, List<String>> report(Path api) throws IOException {
    Map<String, List<String>> packages = new HashMap<>();
    try (Stream<Path> files = Files.list(api.resolve("target/baseline"))) {
      for (Path file : files.toList()) {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          List<String> words = List.of(line.strip().split("\\s+"));
          int name = words.get(0).equals("*") ? 1 : 0;
          if (words.size() > name + 1 && words.get(name + 1).equals("PACKAGE")) {
            packages.put(words.get(name), words);
          }
        }
      }
    }
    return packages;
  }

  private record Build(int exitCode, String output) {}

  /** The module's {@code mvn verify} in the copy, by the Maven running this build. */
  private static Build verify(Path root, Path api) throws IOException, InterruptedException {
    String home = System.getProperty("cores.maven.home", "");
    List<String> command = new ArrayList<>();
    command.add(home.isEmpty() ? "mvn" : Path.of(home, "bin", "mvn").toString());
    command.addAll(
        List.of(
            "-B",
            "-f",
            api.resolve("pom.xml").toString(),
            "verify",
            "-DskipTests",
            "-Dspotbugs.skip",
            "-Dspotless.check.skip"));
    String repository = System.getProperty("cores.maven.repository", "");
    if (!repository.isEmpty()) {
      command.add("-Dmaven.repo.local=" + repository);
    }
    Path log = root.resolve("build.log");
    Process process =
        new ProcessBuilder(command)
            .directory(root.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    // a guard against a hung build, not a measure of it
    if (!process.waitFor(10, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("the copy's build did not end: " + Files.readString(log));
    }
    return new Build(process.exitValue(), Files.readString(log));
  }

  /**
   * The root and bundles poms, Maven's project settings and this module's poms, sources and
   * baseline repository, laid out as in the source tree; returns the copy of the module.
   */
  private Path copyModule(Path copy) throws IOException {
    Path root = module.getParent().getParent();
    Files.copy(root.resolve("pom.xml"), copy.resolve("pom.xml"));
    copyTree(root.resolve(".mvn"), copy.resolve(".mvn"));
    Files.createDirectories(copy.resolve("bundles"));
    Files.copy(root.resolve("bundles/pom.xml"), copy.resolve("bundles/pom.xml"));
    Path api = copy.resolve("bundles/api");
    Files.createDirectories(api);
    for (String file : List.of("pom.xml", "bnd.bnd")) {
      Files.copy(module.resolve(file), api.resolve(file));
    }
    copyTree(module.resolve("baseline"), api.resolve("baseline"));
    copyTree(module.resolve("src/main"), api.resolve("src/main"));
    return api;
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      paths.forEach(
          path -> {
            try {
              Path target = to.resolve(from.relativize(path).toString());
              if (Files.isDirectory(path)) {
                Files.createDirectories(target);
              } else {
                Files.copy(path, target);
              }
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    }
  }

  private static void replace(Path file, String text, String by) throws IOException {
    String source = Files.readString(file);
    assertTrue(source.contains(text), file + " no longer has: " + text);
    Files.writeString(file, source.replace(text, by));
  }

  /** Adds an abstract method to the interface of the file, before its closing brace. */
  private static void addMethod(Path file) throws IOException {
    String source = Files.readString(file);
    int end = source.lastIndexOf('}');
    Files.writeString(
        file,
        source.substring(0, end) + "  String addedByTheBaselineTest();\n" + source.substring(end));
  }

  private static void bumpMinor(Path packageInfo) throws IOException {
    String source = Files.readString(packageInfo);
    Matcher version = VERSION.matcher(source);
    assertTrue(version.find(), packageInfo + " has no @Version");
    String bumped =
        "@Version(\"" + version.group(1) + "." + (Integer.parseInt(version.group(2)) + 1) + ".0\")";
    Files.writeString(packageInfo, version.replaceFirst(Matcher.quoteReplacement(bumped)));
  }
}
