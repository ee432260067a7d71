package cores.api.cli;

/**
 * How a bundle offers a command to {@code bin/cores <name>}. The launcher lives outside the OSGi
 * framework and shares only {@code java.*} with it, so a command is a service registered under
 * {@code java.util.function.Function<Map<String, Object>, String>} with the service property
 * {@value #NAME}. The launcher passes the parsed options (secrets as {@code char[]}) and prints the
 * returned line; an {@link IllegalArgumentException} is shown as the error, exit code 1.
 */
public final class Command {
  /** Service property: the command's name on the command line. */
  public static final String NAME = "cores.command";

  private Command() {}
}
