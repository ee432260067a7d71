package cores.plugins.testbundle;

/** The implementation of a test plugin's component that needs a service (its reference). */
public final class WaitingComponent {

  public WaitingComponent() {
    // SCR creates it once the service it references is there
  }
}
