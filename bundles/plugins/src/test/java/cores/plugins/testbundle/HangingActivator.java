package cores.plugins.testbundle;

import java.nio.file.Files;
import java.nio.file.Path;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * The activator of a test bundle whose start hangs: it returns only once the file named in its
 * bundle's {@value #RELEASE_HEADER} header exists (or its thread is interrupted). Its class file is
 * copied into the bundle the test builds.
 */
public final class HangingActivator implements BundleActivator {
  public static final String RELEASE_HEADER = "Test-Release-File";

  @Override
  public void start(BundleContext context) throws InterruptedException {
    Path release = Path.of(context.getBundle().getHeaders().get(RELEASE_HEADER));
    while (!Files.exists(release)) {
      Thread.sleep(20);
    }
  }

  @Override
  public void stop(BundleContext context) {
    // nothing was started
  }
}
