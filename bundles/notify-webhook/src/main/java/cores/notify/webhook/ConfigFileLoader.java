package cores.notify.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Properties;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a plugin gets its configuration: a {@code <pid>.cfg} file (Java properties) next to the
 * plugin's jar in the plugins folder, read when the plugin starts and handed to Config Admin under
 * that PID. The channel itself is an ordinary Config Admin consumer, so any other way of setting
 * the PID works too. The plugins folder is the one the platform watches (PID {@code cores.plugins},
 * property {@code directory}). Restart the plugin (or touch its jar) to apply a changed file.
 */
@Component
public final class ConfigFileLoader {
  private static final Logger LOG = LoggerFactory.getLogger(ConfigFileLoader.class);
  static final String FILE = WebhookConfig.PID + ".cfg";

  @Activate
  public ConfigFileLoader(@Reference ConfigurationAdmin configAdmin)
      throws IOException, InvalidSyntaxException {
    Path folder = pluginsFolder(configAdmin);
    if (folder == null) {
      LOG.warn("No plugins folder configured (cores.plugins): {} not read", FILE);
      return;
    }
    Path file = folder.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      LOG.warn("Webhook channel not configured: no {}", file);
      return;
    }
    Properties properties = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      properties.load(in);
    }
    Dictionary<String, Object> values = new Hashtable<>();
    properties.stringPropertyNames().forEach(k -> values.put(k, properties.getProperty(k).strip()));
    // "?": not bound to this bundle's location, so an update of the plugin keeps it usable
    Configuration configuration = configAdmin.getConfiguration(WebhookConfig.PID, "?");
    configuration.updateIfDifferent(values);
    LOG.info("Webhook channel configured from {}", file);
  }

  private static Path pluginsFolder(ConfigurationAdmin configAdmin)
      throws IOException, InvalidSyntaxException {
    Configuration[] found = configAdmin.listConfigurations("(service.pid=cores.plugins)");
    if (found == null || found.length == 0 || found[0].getProperties() == null) {
      return null;
    }
    Object directory = found[0].getProperties().get("directory");
    return directory == null ? null : Path.of(directory.toString());
  }
}
