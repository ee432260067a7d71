package cores.plugins;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import org.apache.felix.cm.PersistenceManager;
import org.apache.felix.fileinstall.ArtifactUrlTransformer;
import org.apache.felix.scr.impl.Activator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * A real Apache Felix framework with its cache in a temporary folder, running the real FileInstall,
 * Configuration Admin and Declarative Services (SCR) bundles (their jars from the test class path)
 * on a plugins folder.
 */
final class Felix implements AutoCloseable {

  private final Framework framework;

  /**
   * @param fileInstall the {@code felix.fileinstall.*} framework properties
   */
  Felix(Path storage, Map<String, String> fileInstall) throws Exception {
    FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).findFirst().orElseThrow();
    Map<String, String> properties = new HashMap<>(fileInstall);
    properties.put(Constants.FRAMEWORK_STORAGE, storage.toString());
    properties.put(
        Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
    properties.put("felix.log.level", "1");
    // the component under test is registered from the test's class path, so FileInstall and
    // Configuration Admin must see the same API classes: delegated to the class path here
    properties.put(
        Constants.FRAMEWORK_BOOTDELEGATION, "org.apache.felix.fileinstall,org.osgi.service.cm");
    properties.put(Constants.FRAMEWORK_BUNDLE_PARENT, Constants.FRAMEWORK_BUNDLE_PARENT_FRAMEWORK);
    properties.put(
        Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA,
        String.join(
            ",",
            "org.apache.felix.fileinstall;version=3.7.4",
            "org.osgi.service.cm;version=1.6.1",
            // SCR's API from the class path too: the observer under test reads its runtime
            "org.osgi.service.component;version=1.5.1",
            "org.osgi.service.component.runtime;version=1.5.1",
            "org.osgi.service.component.runtime.dto;version=1.5.1",
            "org.osgi.util.promise;version=1.3.0",
            "org.osgi.util.function;version=1.2.0"));
    framework = factory.newFramework(properties);
    framework.start();
    BundleContext context = framework.getBundleContext();
    for (Class<?> api :
        new Class<?>[] {PersistenceManager.class, ArtifactUrlTransformer.class, Activator.class}) {
      context.installBundle(jarOf(api).toUri().toString()).start();
    }
  }

  private static Path jarOf(Class<?> type) throws URISyntaxException {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
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
