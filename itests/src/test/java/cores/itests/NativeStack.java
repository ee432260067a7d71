package cores.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The stack's nginx in front of a running distribution, natively (no Docker engine runs here): the
 * project's nginx/ configuration with only the upstream, the port and the volumes' folders changed,
 * and the static volume filled by the cores image's entrypoint, as in the stack.
 */
final class NativeStack implements AutoCloseable {
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

  /** The output of a finished command. */
  record Result(int exit, String output) {}

  private final NginxProcess nginx;
  private final Path staticRoot;

  private NativeStack(NginxProcess nginx, Path staticRoot) {
    this.nginx = nginx;
    this.staticRoot = staticRoot;
  }

  /**
   * Fills a static volume under {@code work} and starts nginx for {@code coresPort}.
   *
   * @param docsSite the built documentation nginx serves at /docs/, or null (an empty folder)
   */
  static NativeStack start(int coresPort, Path work, Path docsSite)
      throws IOException, InterruptedException {
    Path staticRoot = Files.createDirectories(work.resolve("static-volume"));
    fillStaticVolume(work, staticRoot);
    Path site = docsSite == null ? Files.createDirectories(work.resolve("docs-site")) : docsSite;
    int port = CoresProcess.freePort();
    Path conf = configuration(work, "nginx", coresPort, port, staticRoot, site);
    return new NativeStack(NginxProcess.start(tool("nginx"), conf, port), staticRoot);
  }

  int port() {
    return nginx.port();
  }

  /** nginx's address, e.g. {@code http://127.0.0.1:1234}. */
  String url() {
    return "http://127.0.0.1:" + port();
  }

  Path staticRoot() {
    return staticRoot;
  }

  String errors() throws IOException {
    return nginx.errors();
  }

  String accessLog() throws IOException {
    return nginx.accessLog();
  }

  @Override
  public void close() throws InterruptedException {
    nginx.close();
  }

  /** What the cores image's entrypoint does at each start: copies the distribution's assets. */
  static void fillStaticVolume(Path work, Path staticRoot)
      throws IOException, InterruptedException {
    Result r =
        run(
            work,
            Map.of(
                "STATIC_SOURCE", CoresProcess.distribution().resolve("static").toString(),
                "STATIC_ROOT", staticRoot.toString()),
            "sh",
            repository().resolve("launcher/src/docker/docker-entrypoint.sh").toString(),
            "true");
    assertEquals(0, r.exit(), r.output());
  }

  /** nginx/ copied to {@code work/name}, with Debian's mime.types beside it. */
  static Path copyOfNginxFolder(Path work, String name) throws IOException {
    Path conf = Files.createDirectories(work.resolve(name));
    copyTree(repository().resolve("nginx"), conf);
    Path mimeTypes = Path.of("/etc/nginx/mime.types");
    assertTrue(Files.isRegularFile(mimeTypes), "nginx's mime.types is missing: " + mimeTypes);
    Files.copy(mimeTypes, conf.resolve("mime.types"), StandardCopyOption.REPLACE_EXISTING);
    return conf;
  }

  /** The plain-HTTP configuration with the four values a native run must change. */
  static Path configuration(
      Path work, String name, int coresPort, int nginxPort, Path staticRoot, Path site)
      throws IOException {
    Path conf = copyOfNginxFolder(work, name);
    Path server = conf.resolve("conf.d/cores.conf");
    String text = Files.readString(server, StandardCharsets.UTF_8);
    text = replaceOnce(text, "cores:8000", "127.0.0.1:" + coresPort);
    text = replaceOnce(text, "listen 80;", "listen 127.0.0.1:" + nginxPort + ";");
    text = replaceOnce(text, "/srv/static/", staticRoot + "/");
    text = replaceOnce(text, "/srv/docs/", site + "/");
    Files.writeString(server, text, StandardCharsets.UTF_8);
    return conf;
  }

  /**
   * {@link #configuration} with several Cores instances as nginx's upstream group: the project's
   * configuration names the upstream in a variable, which nginx looks up among its groups first.
   */
  static Path configuration(
      Path work, String name, List<Integer> coresPorts, int nginxPort, Path staticRoot, Path site)
      throws IOException {
    Path conf = configuration(work, name, coresPorts.get(0), nginxPort, staticRoot, site);
    Path server = conf.resolve("conf.d/cores.conf");
    String text = Files.readString(server, StandardCharsets.UTF_8);
    text =
        replaceOnce(
            text,
            "set $cores_upstream 127.0.0.1:" + coresPorts.get(0) + ";",
            "set $cores_upstream cores_instances;");
    StringBuilder group = new StringBuilder("upstream cores_instances {\n");
    for (int port : coresPorts) {
      group.append("    server 127.0.0.1:").append(port).append(";\n");
    }
    Files.writeString(server, group.append("}\n\n").append(text), StandardCharsets.UTF_8);
    return conf;
  }

  static String replaceOnce(String text, String from, String to) {
    int at = text.indexOf(from);
    assertTrue(at >= 0 && text.indexOf(from, at + 1) < 0, "exactly one " + from + " in:\n" + text);
    return text.substring(0, at) + to + text.substring(at + from.length());
  }

  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path source : paths.toList()) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  static Result run(Path dir, Map<String, String> env, String... command)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile("stack-command-", ".log");
    try {
      ProcessBuilder pb =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      pb.environment().putAll(env);
      Process p = pb.start();
      p.getOutputStream().close();
      if (!p.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError(
            String.join(" ", command) + " still running after " + COMMAND_TIMEOUT);
      }
      return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(log);
    }
  }

  /**
   * An executable on PATH (or /usr/sbin, where Debian puts nginx); missing, the test is skipped, or
   * fails where {@link Tools} requires every program.
   */
  static Path tool(String name) {
    List<String> dirs = new ArrayList<>(List.of(System.getenv("PATH").split(File.pathSeparator)));
    dirs.add("/usr/sbin");
    for (String dir : dirs) {
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    Tools.require(
        false,
        name
            + " is needed by the test and is not installed (.ci/run installs it: apt-get install"
            + " nginx mkdocs mkdocs-material docker-compose openssl chromium chromium-driver)");
    throw new IllegalStateException("unreachable");
  }

  /** The repository root: the parent of itests/, where the tests run. */
  static Path repository() {
    Path itests = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    Path root = itests.getParent();
    assertTrue(
        root != null && Files.isRegularFile(root.resolve("docker-compose.template.yml")),
        "cannot find the repository root from " + itests);
    return root;
  }
}
