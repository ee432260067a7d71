package cores.launcher;

import cores.launcher.env.Variable;
import cores.launcher.osgi.Platform;
import java.io.BufferedReader;
import java.io.Console;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code cores createsuperuser}: collects username, email and password before the framework starts
 * (so bad input fails fast), then calls the command service the accounts bundle registers ({@code
 * java.util.function.Function} with {@code cores.command=createsuperuser}): in the server running
 * on the same CORES_DATA when there is one ({@link CommandChannel}), else in a platform of its own.
 */
final class CreateSuperuser {

  static final String NAME = "createsuperuser";
  static final String PASSWORD_VARIABLE = Variable.SUPERUSER_PASSWORD;
  private static final String FILTER =
      "(&(objectClass=java.util.function.Function)(cores.command=" + NAME + "))";
  private static final Duration SERVICE_TIMEOUT = Duration.ofSeconds(60);

  /** Longer than any password a person types; bounds what a server reads from a command. */
  private static final int MAX_PASSWORD = 4096;

  private final String username;
  private final String email;
  private final char[] password;

  private CreateSuperuser(String username, String email, char[] password) {
    this.username = username;
    this.email = email;
    this.password = password;
  }

  /**
   * Username and email from the options (or prompted on a terminal); the password from
   * CORES_SUPERUSER_PASSWORD, else prompted twice on a terminal, else the first line of stdin.
   */
  static CreateSuperuser prepare(
      Map<String, String> options, Map<String, String> env, InputStream stdin, Console console)
      throws LaunchException {
    String username = option(options, "username", console);
    String email = option(options, "email", console);
    char[] password;
    String fromEnv = env.get(PASSWORD_VARIABLE);
    if (fromEnv != null && !fromEnv.isEmpty()) {
      password = fromEnv.toCharArray();
    } else if (console != null) {
      password = prompt(console);
    } else {
      password = firstLine(stdin);
    }
    if (password.length == 0) {
      throw bad("no password: set " + PASSWORD_VARIABLE + " or give it on stdin");
    }
    return new CreateSuperuser(username, email, password);
  }

  private static String option(Map<String, String> options, String name, Console console)
      throws LaunchException {
    String value = options.get(name);
    if ((value == null || value.isBlank()) && console != null) {
      value = console.readLine("%s: ", name);
    }
    if (value == null || value.isBlank()) {
      throw bad(NAME + ": --" + name + " is required\n" + Invocation.USAGE);
    }
    return value.strip();
  }

  private static char[] prompt(Console console) throws LaunchException {
    char[] first = console.readPassword("password: ");
    char[] second = console.readPassword("password (again): ");
    if (first == null || second == null || !Arrays.equals(first, second)) {
      throw bad(NAME + ": the passwords do not match");
    }
    Arrays.fill(second, '\0');
    return first;
  }

  private static char[] firstLine(InputStream stdin) throws LaunchException {
    try {
      BufferedReader reader =
          new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
      String line = reader.readLine();
      return line == null ? new char[0] : line.toCharArray();
    } catch (IOException e) {
      throw bad(NAME + ": cannot read the password from stdin (" + e.getMessage() + ")");
    }
  }

  /** The input, for a server that runs the command ({@link CommandChannel}); the password last. */
  void writeTo(DataOutputStream out) throws IOException {
    out.writeUTF(NAME);
    out.writeUTF(username);
    out.writeUTF(email);
    out.writeInt(password.length);
    for (char c : password) {
      out.writeChar(c);
    }
    Arrays.fill(password, '\0');
  }

  /** What {@link #writeTo} wrote. */
  static CreateSuperuser readFrom(DataInputStream in) throws IOException, LaunchException {
    String name = in.readUTF();
    if (!NAME.equals(name)) {
      throw bad("unknown command \"" + name + "\"");
    }
    String username = in.readUTF();
    String email = in.readUTF();
    int length = in.readInt();
    if (length <= 0 || length > MAX_PASSWORD) {
      throw bad(NAME + ": no password, or one longer than " + MAX_PASSWORD + " characters");
    }
    char[] password = new char[length];
    for (int i = 0; i < length; i++) {
      password[i] = in.readChar();
    }
    return new CreateSuperuser(username, email, password);
  }

  /** Runs the command in the started platform and returns the line to print. */
  @SuppressWarnings("unchecked")
  String run(Platform platform) throws LaunchException {
    Optional<Object> service = platform.awaitService(FILTER, SERVICE_TIMEOUT);
    if (service.isEmpty()) {
      throw new LaunchException(
          LaunchException.COMMAND_FAILED,
          NAME + ": the command is not available (is the accounts bundle active?)");
    }
    Map<String, Object> input = new HashMap<>();
    input.put("username", username);
    input.put("email", email);
    input.put("password", password);
    try {
      return ((Function<Map<String, Object>, String>) service.get()).apply(input);
    } catch (IllegalArgumentException e) {
      throw new LaunchException(LaunchException.COMMAND_FAILED, e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new LaunchException(LaunchException.COMMAND_FAILED, NAME + " failed: " + e, e);
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  private static LaunchException bad(String message) {
    return new LaunchException(LaunchException.BAD_CONFIGURATION, message);
  }
}
