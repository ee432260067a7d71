package cores.launcher.osgi;

import cores.envconfig.Resolved;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * Hands configurations to Configuration Admin. The launcher shares only {@code java.*} (and the
 * framework API) with the bundles, so it has no {@code org.osgi.service.cm} classes of its own: it
 * calls the service through the interface classes of the bundle that registered it, with
 * reflection. Only JDK types cross the boundary (String, Dictionary, boxed numbers, Boolean).
 */
final class ConfigurationAdminBridge {

  static final String SERVICE = "org.osgi.service.cm.ConfigurationAdmin";
  private static final String CONFIGURATION = "org.osgi.service.cm.Configuration";

  /** Bound to any bundle that asks for the PID (multi-location, Config Admin 1.5). */
  private static final String ANY_LOCATION = "?";

  private static final System.Logger LOG =
      System.getLogger(ConfigurationAdminBridge.class.getName());

  private ConfigurationAdminBridge() {}

  /** Whether the service is there yet. */
  static boolean available(BundleContext context) {
    return context.getServiceReference(SERVICE) != null;
  }

  /**
   * Whether Configuration Admin holds a configuration of any of these PIDs (or a factory
   * configuration of one); true when it does not run, as nothing is known then.
   */
  static boolean anyOf(BundleContext context, List<String> pids)
      throws ReflectiveOperationException {
    ServiceReference<?> ref = context.getServiceReference(SERVICE);
    if (ref == null || pids.isEmpty()) {
      return true;
    }
    Object admin = context.getService(ref);
    try {
      Method list =
          ref.getBundle().loadClass(SERVICE).getMethod("listConfigurations", String.class);
      StringBuilder filter = new StringBuilder("(|");
      for (String pid : pids) {
        String value = escape(pid);
        filter
            .append("(service.pid=")
            .append(value)
            .append(")(service.factoryPid=")
            .append(value)
            .append(')');
      }
      Object[] found = (Object[]) list.invoke(admin, filter.append(')').toString());
      return found != null && found.length > 0;
    } finally {
      context.ungetService(ref);
    }
  }

  /** LDAP filter value escaping (RFC 1960). */
  private static String escape(String value) {
    return value.replace("\\", "\\\\").replace("*", "\\*").replace("(", "\\(").replace(")", "\\)");
  }

  static void apply(BundleContext context, List<Resolved> configurations)
      throws ReflectiveOperationException {
    ServiceReference<?> ref = context.getServiceReference(SERVICE);
    if (ref == null) {
      throw new IllegalStateException("Configuration Admin is not running");
    }
    Object admin = context.getService(ref);
    try {
      Bundle provider = ref.getBundle();
      Method getConfiguration =
          provider.loadClass(SERVICE).getMethod("getConfiguration", String.class, String.class);
      Method update = provider.loadClass(CONFIGURATION).getMethod("update", Dictionary.class);
      for (Resolved c : configurations) {
        Object configuration = getConfiguration.invoke(admin, c.pid(), ANY_LOCATION);
        Dictionary<String, Object> properties = new Hashtable<>(c.properties());
        update.invoke(configuration, properties);
        // property names only: values may be secrets
        LOG.log(System.Logger.Level.INFO, "configured {0}", c);
      }
    } catch (InvocationTargetException e) {
      throw new IllegalStateException(
          "Configuration Admin refused a configuration: " + e.getCause(), e.getCause());
    } finally {
      context.ungetService(ref);
    }
  }
}
