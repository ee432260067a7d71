package cores.api.config;

import java.util.Optional;
import org.osgi.annotation.versioning.ConsumerType;
import org.osgi.framework.Bundle;

/**
 * Says a component's refusal of a setting in the operator's terms: the environment variable, or the
 * file and key, the refused property was read from. When a component of a bundle refuses a setting
 * after the start (its {@code ConfigurationException}, thrown or a cause of what was thrown), the
 * platform's log asks the services of this type and logs the first line one gives instead of the
 * component runtime's entry (which names the property, with a stack trace). The plugin
 * configuration bundle registers one for plugins (their variables and {@code .cfg} files); a bundle
 * that configures others may register its own. Since 1.2.0.
 */
@ConsumerType
@FunctionalInterface
public interface RefusalLines {

  /**
   * The one line for this refusal, without the stack trace, e.g. {@code HTPASSWD_FILE: no such file
   * (plugin ... refused its configuration; the rest keeps running)}; empty when the refused setting
   * is not one this service gave.
   *
   * @param bundle the bundle whose component refused
   * @param refusal what the component threw: the {@code ConfigurationException} or an exception
   *     caused by one
   */
  Optional<String> line(Bundle bundle, Throwable refusal);
}
