package cores.plugins.testbundle;

/** The implementation of a test plugin's component whose constructor always fails. */
public final class FailingComponent {

  public static final String MESSAGE = "this component refuses to activate";

  public FailingComponent() {
    throw new IllegalStateException(MESSAGE);
  }
}
