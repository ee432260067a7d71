package cores.plugins;

import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/** A real Apache Felix framework with its cache in a temporary folder. */
final class Felix implements AutoCloseable {

  private final Framework framework;

  Felix(Path storage) throws BundleException {
    FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).findFirst().orElseThrow();
    framework =
        factory.newFramework(
            Map.of(
                Constants.FRAMEWORK_STORAGE,
                storage.toString(),
                Constants.FRAMEWORK_STORAGE_CLEAN,
                Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT,
                "felix.log.level",
                "1"));
    framework.start();
  }

  BundleContext context() {
    return framework.getBundleContext();
  }

  @Override
  public void close() throws Exception {
    framework.stop();
    framework.waitForStop(10_000);
  }
}
