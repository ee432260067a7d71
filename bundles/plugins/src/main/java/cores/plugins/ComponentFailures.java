package cores.plugins;

import cores.api.config.RefusalLines;
import cores.envconfig.Refusal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.osgi.framework.Bundle;
import org.osgi.service.cm.ConfigurationException;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.ReferenceDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;

/**
 * The Declarative Services components of a started plugin that do not run: the bundle is ACTIVE, so
 * nothing in its state says that what it was installed for does not run (a component whose
 * constructor threw, that refused its configuration, or that waits for a service nothing offers). A
 * component without the configuration it requires is not one of them: that is how a plugin's switch
 * keeps it off.
 */
final class ComponentFailures {

  private static final String CAUSED_BY = "Caused by: ";

  private ComponentFailures() {}

  /** One reason per component configuration that does not run, in the runtime's order. */
  static List<String> of(ServiceComponentRuntime components, Bundle bundle) {
    return of(components, bundle, List.of());
  }

  /**
   * As {@link #of(ServiceComponentRuntime, Bundle)}, a refused setting said as the log says it: by
   * the environment variable (or the {@code .cfg} file and key) it was read from, which these
   * services know, rather than by the component's property.
   */
  static List<String> of(
      ServiceComponentRuntime components, Bundle bundle, Collection<RefusalLines> refusals) {
    List<String> reasons = new ArrayList<>();
    for (ComponentDescriptionDTO description : components.getComponentDescriptionDTOs(bundle)) {
      for (ComponentConfigurationDTO configuration :
          components.getComponentConfigurationDTOs(description)) {
        // the runtime says "unsatisfied reference" for a moment while it enables a component,
        // before any of its references is looked at: waiting for nothing is not stuck
        if (configuration.state == ComponentConfigurationDTO.UNSATISFIED_REFERENCE
            && configuration.unsatisfiedReferences.length > 0) {
          reasons.add(
              "its component "
                  + description.name
                  + " waits for "
                  + String.join(", ", missing(description, configuration))
                  + ": it does nothing until a bundle offers that service");
        } else if (configuration.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
          reasons.add(
              "its component "
                  + description.name
                  + " did not activate: "
                  + refused(bundle, configuration.failure, refusals)
                      .orElseGet(
                          () -> summary(configuration.failure) + " (the log has the exception)")
                  + "; it is tried again when its configuration changes or the jar is replaced");
        }
      }
    }
    return reasons;
  }

  /**
   * The line a service gives for the setting the failure refused; empty when it was no refusal or
   * none knows where the setting came from. The runtime keeps the failure as text only: the refusal
   * is made again from what its exception printed.
   */
  private static Optional<String> refused(
      Bundle bundle, String failure, Collection<RefusalLines> refusals) {
    Optional<Refusal> refusal = failure == null ? Optional.empty() : Refusal.in(failure);
    if (refusal.isEmpty()) {
      return Optional.empty();
    }
    ConfigurationException thrown =
        new ConfigurationException(refusal.get().property(), refusal.get().reason());
    for (RefusalLines lines : refusals) {
      Optional<String> line = lines.line(bundle, thrown);
      if (line.isPresent()) {
        return line;
      }
    }
    return Optional.empty();
  }

  /** Each reference no service satisfies, by its name and the interface it wants. */
  private static List<String> missing(
      ComponentDescriptionDTO description, ComponentConfigurationDTO configuration) {
    List<String> missing = new ArrayList<>();
    for (UnsatisfiedReferenceDTO unsatisfied : configuration.unsatisfiedReferences) {
      String wanted = unsatisfied.name;
      for (ReferenceDTO reference : description.references) {
        if (reference.name.equals(unsatisfied.name)) {
          wanted =
              reference.interfaceName + (reference.target == null ? "" : " " + reference.target);
        }
      }
      missing.add(wanted);
    }
    return missing;
  }

  /**
   * The exception that stopped the component, as "SimpleName: message": the first cause when there
   * is one, since the runtime wraps a constructor's exception in an InvocationTargetException.
   */
  static String summary(String failure) {
    if (failure == null || failure.isBlank()) {
      return "no reason given";
    }
    String[] lines = failure.strip().split("\\R");
    String line = lines[0];
    for (String candidate : lines) {
      if (candidate.startsWith(CAUSED_BY)) {
        line = candidate.substring(CAUSED_BY.length());
        break;
      }
    }
    int colon = line.indexOf(':');
    String type = colon < 0 ? line : line.substring(0, colon);
    // a class name has no spaces: a message without an exception type is kept as it is
    if (type.contains(" ")) {
      return line;
    }
    return type.substring(type.lastIndexOf('.') + 1) + (colon < 0 ? "" : line.substring(colon));
  }
}
