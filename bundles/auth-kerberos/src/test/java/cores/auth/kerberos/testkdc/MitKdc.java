package cores.auth.kerberos.testkdc;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * MIT Kerberos' own KDC ({@code krb5kdc} from Debian's {@code krb5-kdc}), with a realm of its own
 * in a folder: the database made with {@code kdb5_util}, principals added with {@code
 * kadmin.local}, the KDC run in the foreground on a free port of 127.0.0.1 (TCP and UDP) and
 * stopped on {@link #close()}. Nothing outside the folder is read or written: the tools get their
 * configuration from {@code KRB5_CONFIG} and {@code KRB5_KDC_PROFILE}.
 *
 * <p>As with MIT's {@code addprinc}, principals need no pre-authentication unless asked: the KDC
 * then answers anyone with a reply encrypted in the user's key, and a wrong password shows only
 * when the client fails to decrypt it.
 */
public final class MitKdc implements AutoCloseable {

  /** The programs, from {@code krb5-kdc} and {@code krb5-admin-server}. */
  private static final List<String> PROGRAMS = List.of("krb5kdc", "kdb5_util", "kadmin.local");

  private static final List<Path> BIN = List.of(Path.of("/usr/sbin"), Path.of("/usr/bin"));
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final Path directory;
  private final String realm;
  private final int port;
  private final Map<String, String> environment;
  private Process kdc;

  private MitKdc(Path directory, String realm, int port) {
    this.directory = directory;
    this.realm = realm;
    this.port = port;
    this.environment =
        Map.of(
            "KRB5_CONFIG",
            directory.resolve("krb5.conf").toString(),
            "KRB5_KDC_PROFILE",
            directory.resolve("kdc.conf").toString());
  }

  /**
   * The programs that are not installed, for a clear reason to skip; empty when all are there.
   * (Debian: {@code apt-get install krb5-kdc krb5-admin-server krb5-user}; {@code .ci/run} does.)
   */
  private static List<String> missingPrograms() {
    List<String> missing = new ArrayList<>();
    for (String program : PROGRAMS) {
      if (BIN.stream().noneMatch(dir -> Files.isExecutable(dir.resolve(program)))) {
        missing.add(program);
      }
    }
    return missing;
  }

  /**
   * Returns when MIT Kerberos is installed. Otherwise the test is skipped, saying what to install,
   * or fails where {@code CORES_TESTS_REQUIRE_TOOLS=true} ({@code .ci/run}: nothing skips in CI).
   */
  public static void requireInstalled() {
    List<String> missing = missingPrograms();
    if (missing.isEmpty()) {
      return;
    }
    String message =
        "MIT Kerberos is not installed (missing "
            + missing
            + "; apt-get install krb5-kdc krb5-admin-server krb5-user)";
    if ("true".equalsIgnoreCase(System.getenv("CORES_TESTS_REQUIRE_TOOLS"))) {
      throw new AssertionError(message);
    }
    Assumptions.abort(message);
  }

  /** Creates the realm's database in {@code directory} and starts the KDC. */
  public static MitKdc start(Path directory, String realm)
      throws IOException, InterruptedException {
    Files.createDirectories(directory);
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    MitKdc mit = new MitKdc(directory, realm, port);
    mit.configure();
    byte[] master = new byte[16];
    new SecureRandom().nextBytes(master);
    mit.run("kdb5_util", "-r", realm, "create", "-s", "-P", HexFormat.of().formatHex(master));
    mit.startKdc();
    return mit;
  }

  private void configure() throws IOException {
    Files.writeString(
        directory.resolve("kdc.conf"),
        String.join(
            "\n",
            "[kdcdefaults]",
            "  kdc_listen = 127.0.0.1:" + port,
            "  kdc_tcp_listen = 127.0.0.1:" + port,
            "[realms]",
            "  " + realm + " = {",
            "    database_name = " + directory.resolve("principal"),
            "    key_stash_file = " + directory.resolve("stash"),
            "    acl_file = " + directory.resolve("kadm5.acl"),
            "  }",
            "[logging]",
            "  kdc = FILE:" + directory.resolve("kdc.log"),
            ""),
        StandardCharsets.UTF_8);
    Files.writeString(directory.resolve("krb5.conf"), krb5Conf(), StandardCharsets.UTF_8);
  }

  /** A krb5.conf for clients of this realm (TCP, as the JDK prefers with this limit). */
  public String krb5Conf() {
    return String.join(
        "\n",
        "[libdefaults]",
        "  default_realm = " + realm,
        "  dns_lookup_kdc = false",
        "  dns_lookup_realm = false",
        "  udp_preference_limit = 1",
        "[realms]",
        "  " + realm + " = {",
        "    kdc = 127.0.0.1:" + port,
        "  }",
        "");
  }

  private void startKdc() throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(program("krb5kdc"), "-n", "-r", realm)
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(directory.resolve("krb5kdc.out").toFile());
    builder.environment().putAll(environment);
    kdc = builder.start();
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (true) {
      try (Socket probe = new Socket()) {
        probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        if (!kdc.isAlive() || System.nanoTime() > deadline) {
          close();
          throw new IOException(
              "krb5kdc did not listen on 127.0.0.1:"
                  + port
                  + ": "
                  + Files.readString(directory.resolve("krb5kdc.out")),
              notYet);
        }
        Thread.sleep(50);
      }
    }
  }

  /**
   * Adds {@code name@REALM} with a password (no blanks: kadmin's query is split on them).
   *
   * @param requiresPreauth the {@code +requires_preauth} flag: the KDC then checks the password
   *     itself (a wrong one is its error 24) instead of answering anyone
   */
  public void addPrincipal(String name, String password, boolean requiresPreauth)
      throws IOException, InterruptedException {
    if (password.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("kadmin.local splits its query on blanks");
    }
    run(
        "kadmin.local",
        "-r",
        realm,
        "-q",
        "addprinc -pw " + password + (requiresPreauth ? " +requires_preauth " : " ") + name);
  }

  /** {@code host:port}, as KERBEROS_KDC takes it. */
  public String kdc() {
    return "127.0.0.1:" + port;
  }

  public String realm() {
    return realm;
  }

  private void run(String program, String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(program(program));
    command.addAll(List.of(arguments));
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
    builder.environment().putAll(environment);
    Process process = builder.start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IOException(program + " failed: " + output);
    }
  }

  private static String program(String name) {
    for (Path dir : BIN) {
      if (Files.isExecutable(dir.resolve(name))) {
        return dir.resolve(name).toString();
      }
    }
    throw new IllegalStateException(name + " is not installed: " + missingPrograms());
  }

  /** Stops the KDC (its clients then find it unreachable). */
  @Override
  public void close() throws InterruptedException {
    if (kdc != null && kdc.isAlive()) {
      kdc.destroy();
      if (!kdc.waitFor(10, TimeUnit.SECONDS)) {
        kdc.destroyForcibly();
      }
    }
  }
}
