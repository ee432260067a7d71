package cores.launcher.osgi;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;

/** When a component's refusal concerns nothing that runs. */
class PlatformRefusalsTest {

  private static final String ENTRY =
      "bundle cores.auth.htpasswd:0.1.0 (75)[cores.auth.htpasswd.HtpasswdProvider(96)] : Error"
          + " during instantiation of the implementation object";

  /** A bundle in this state, answering nothing else. */
  private static Bundle in(int state) {
    return (Bundle)
        Proxy.newProxyInstance(
            Bundle.class.getClassLoader(),
            new Class<?>[] {Bundle.class},
            (proxy, method, args) -> "getState".equals(method.getName()) ? state : null);
  }

  /**
   * A plugin's jar deleted: FileInstall stops the bundle, then uninstalls it. A refusal logged
   * between the two (the bundle RESOLVED, its .cfg not yet deleted) was an ERROR; only STOPPING and
   * UNINSTALLED counted as going away.
   */
  @Test
  void aRefusalOfABundleThatIsNotRunningIsWithdrawn() {
    // no framework: the bundle's state alone must decide, before any component is looked at
    PlatformRefusals refusals = new PlatformRefusals(null, List.of());
    for (int state :
        new int[] {Bundle.INSTALLED, Bundle.RESOLVED, Bundle.STOPPING, Bundle.UNINSTALLED}) {
      assertTrue(refusals.withdrawn(in(state), ENTRY), "state " + state);
    }
  }

  @Test
  void aRefusalOfARunningBundleIsNotWithdrawnByItsStateAlone() {
    PlatformRefusals refusals = new PlatformRefusals(null, List.of());
    // its components cannot be looked at without a framework: then it is not withdrawn
    assertFalse(refusals.withdrawn(in(Bundle.ACTIVE), ENTRY));
    assertFalse(refusals.withdrawn(in(Bundle.STARTING), ENTRY));
  }
}
