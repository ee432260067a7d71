package cores.launcher.env;

import cores.launcher.LaunchException;

/** A bad or missing environment value; the message starts with the variable's name. */
public final class EnvironmentException extends LaunchException {
  private static final long serialVersionUID = 1L;

  private final transient Variable variable;

  public EnvironmentException(Variable variable, String problem) {
    super(BAD_CONFIGURATION, variable.name() + ": " + problem);
    this.variable = variable;
  }

  public Variable variable() {
    return variable;
  }
}
