package cores.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.ReferenceDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;

/**
 * The runtime's answers as the plugins' problems read them. A real runtime ({@link
 * PluginObserverTest}) shows a failing and a waiting component; the moment while it enables a
 * component, when it reports an unsatisfied reference before looking at any, cannot be caught there
 * reliably, so the runtime's DTOs are made here.
 */
class ComponentFailuresTest {

  private static ServiceComponentRuntime runtime(
      ComponentDescriptionDTO description, ComponentConfigurationDTO configuration) {
    return (ServiceComponentRuntime)
        Proxy.newProxyInstance(
            ServiceComponentRuntime.class.getClassLoader(),
            new Class<?>[] {ServiceComponentRuntime.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "getComponentDescriptionDTOs" -> List.of(description);
                  case "getComponentConfigurationDTOs" -> List.of(configuration);
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }

  private static ComponentConfigurationDTO waiting(UnsatisfiedReferenceDTO... unsatisfied) {
    ComponentConfigurationDTO configuration = new ComponentConfigurationDTO();
    configuration.state = ComponentConfigurationDTO.UNSATISFIED_REFERENCE;
    configuration.unsatisfiedReferences = unsatisfied;
    return configuration;
  }

  @Test
  void aComponentReportedWaitingForNoReferenceIsBeingEnabledNotStuck() {
    ComponentDescriptionDTO description = new ComponentDescriptionDTO();
    description.name = "test.enabling";
    description.references = new ReferenceDTO[0];
    assertEquals(List.of(), ComponentFailures.of(runtime(description, waiting()), (Bundle) null));

    ReferenceDTO reference = new ReferenceDTO();
    reference.name = "mail";
    reference.interfaceName = "cores.api.notify.Mailer";
    description.references = new ReferenceDTO[] {reference};
    UnsatisfiedReferenceDTO unsatisfied = new UnsatisfiedReferenceDTO();
    unsatisfied.name = "mail";
    assertEquals(
        List.of(
            "its component test.enabling waits for cores.api.notify.Mailer: it does nothing until"
                + " a bundle offers that service"),
        ComponentFailures.of(runtime(description, waiting(unsatisfied)), (Bundle) null));
  }
}
