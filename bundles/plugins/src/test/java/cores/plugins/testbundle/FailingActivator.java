package cores.plugins.testbundle;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** The activator of a test bundle whose start always fails. */
public final class FailingActivator implements BundleActivator {

  @Override
  public void start(BundleContext context) {
    throw new IllegalStateException("this plugin refuses to start");
  }

  @Override
  public void stop(BundleContext context) {
    // never started
  }
}
