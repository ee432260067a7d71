package cores.launcher;

import cores.launcher.env.RunMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The command line: nothing (run the server) or a command with {@code --name value} options.
 *
 * @param command empty for the server
 */
record Invocation(Optional<String> command, Map<String, String> options) {

  static final String USAGE =
      "usage: cores [createsuperuser --username NAME --email ADDRESS | cds | --help]"
          + " (createsuperuser's password from CORES_SUPERUSER_PASSWORD or stdin)";

  /** What {@code cores --help} prints: the commands of bin/cores, cds (run by the script) too. */
  static final String HELP =
      String.join(
          "\n",
          "usage: cores                      run the server",
          "       cores createsuperuser --username NAME --email ADDRESS",
          "                                  create an admin; the password from",
          "                                  CORES_SUPERUSER_PASSWORD, else standard input",
          "       cores cds                  write the class data archive for faster starts",
          "                                  (run with the server's environment, server stopped)",
          "       cores --help               this text",
          "Settings come from the environment: etc/cores.env.example lists each with its default,",
          "the documentation's Configuration page says what each does.");

  private static final String HELP_COMMAND = "--help";

  /** The ways of asking for help an operator tries first. */
  private static final List<String> HELP_WORDS = List.of(HELP_COMMAND, "-h", "help");

  private static final Map<String, List<String>> COMMANDS =
      Map.of("createsuperuser", List.of("username", "email"));

  Invocation {
    options = Map.copyOf(options);
  }

  RunMode mode() {
    return command.isPresent() ? RunMode.COMMAND : RunMode.SERVER;
  }

  /** Whether the command line asks for {@link #HELP}, which needs no settings. */
  boolean help() {
    return command.filter(HELP_COMMAND::equals).isPresent();
  }

  static Invocation parse(String[] args) throws LaunchException {
    if (args.length == 0) {
      return new Invocation(Optional.empty(), Map.of());
    }
    String command = args[0];
    if (HELP_WORDS.contains(command)) {
      return new Invocation(Optional.of(HELP_COMMAND), Map.of());
    }
    List<String> allowed = COMMANDS.get(command);
    if (allowed == null) {
      throw usage("unknown command \"" + command + "\"");
    }
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 1; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        throw usage(command + ": unexpected argument \"" + arg + "\"");
      }
      String name;
      String value;
      int eq = arg.indexOf('=');
      if (eq > 0) {
        name = arg.substring(2, eq);
        value = arg.substring(eq + 1);
      } else {
        name = arg.substring(2);
        if (i + 1 >= args.length) {
          throw usage(command + ": --" + name + " needs a value");
        }
        value = args[++i];
      }
      if (!allowed.contains(name)) {
        throw usage(command + ": unknown option --" + name);
      }
      options.put(name, value);
    }
    return new Invocation(Optional.of(command), options);
  }

  private static LaunchException usage(String problem) {
    return new LaunchException(LaunchException.BAD_CONFIGURATION, problem + "\n" + USAGE);
  }
}
