package cores.plugins;

import java.util.ArrayList;
import java.util.List;
import org.osgi.framework.Bundle;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * The Declarative Services components of a started plugin that failed to activate: the bundle is
 * ACTIVE, so nothing in its state says that what it was installed for does not run (a component
 * whose constructor threw, or that refused its configuration).
 */
final class ComponentFailures {

  private static final String CAUSED_BY = "Caused by: ";

  private ComponentFailures() {}

  /** One reason per failed component configuration, in the runtime's order. */
  static List<String> of(ServiceComponentRuntime components, Bundle bundle) {
    List<String> reasons = new ArrayList<>();
    for (ComponentDescriptionDTO description : components.getComponentDescriptionDTOs(bundle)) {
      for (ComponentConfigurationDTO configuration :
          components.getComponentConfigurationDTOs(description)) {
        if (configuration.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
          reasons.add(
              "its component "
                  + description.name
                  + " did not activate: "
                  + summary(configuration.failure)
                  + " (the log has the exception); it is tried again when its configuration"
                  + " changes or the jar is replaced");
        }
      }
    }
    return reasons;
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
