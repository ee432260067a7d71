package cores.envconfig;

/** A switch variable with a value that is neither on nor off. */
public final class SwitchException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String variable;
  private final String problem;

  public SwitchException(String variable, String problem) {
    super(variable + ": " + problem);
    this.variable = variable;
    this.problem = problem;
  }

  public String variable() {
    return variable;
  }

  /** The message without the variable's name. */
  public String problem() {
    return problem;
  }
}
