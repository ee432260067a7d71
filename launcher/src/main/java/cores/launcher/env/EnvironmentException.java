package cores.launcher.env;

import cores.launcher.LaunchException;

/** A bad or missing environment value; the message starts with the variable's name. */
public final class EnvironmentException extends LaunchException {
  private static final long serialVersionUID = 1L;

  public EnvironmentException(Variable variable, String problem) {
    this(variable.name(), problem);
  }

  /** A variable a feature declares, which the launcher knows by name only. */
  public EnvironmentException(String variable, String problem) {
    super(BAD_CONFIGURATION, variable + ": " + problem);
  }
}
