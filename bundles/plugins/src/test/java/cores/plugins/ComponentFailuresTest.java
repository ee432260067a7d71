package cores.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cores.api.config.RefusalLines;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.service.cm.ConfigurationException;
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

  /**
   * A setting the component refused is said by the variable it was read from, as the log says it,
   * when the plugin configuration's service knows it; by the property otherwise.
   */
  @Test
  void aRefusedSettingIsNamedByItsVariable() {
    ComponentDescriptionDTO description = new ComponentDescriptionDTO();
    description.name = "cores.auth.htpasswd.HtpasswdProvider";
    description.references = new ReferenceDTO[0];
    ComponentConfigurationDTO failed = new ComponentConfigurationDTO();
    failed.state = ComponentConfigurationDTO.FAILED_ACTIVATION;
    failed.failure =
        "java.lang.reflect.InvocationTargetException\n\tat x.y(Z.java:1)\nCaused by:"
            + " org.osgi.service.cm.ConfigurationException: file : required\n\tat a.b(C.java:2)";
    RefusalLines lines =
        (bundle, refusal) ->
            refusal instanceof ConfigurationException c && "file".equals(c.getProperty())
                ? Optional.of(
                    "HTPASSWD_FILE: "
                        + c.getReason()
                        + " when HTPASSWD_AUTH is True (plugin"
                        + " cores.auth.htpasswd refused its configuration; the rest keeps running)")
                : Optional.empty();

    assertEquals(
        List.of(
            "its component cores.auth.htpasswd.HtpasswdProvider did not activate: HTPASSWD_FILE:"
                + " required when HTPASSWD_AUTH is True (plugin cores.auth.htpasswd refused its"
                + " configuration; the rest keeps running); it is tried again when its"
                + " configuration changes or the jar is replaced"),
        ComponentFailures.of(runtime(description, failed), (Bundle) null, List.of(lines)));
    assertEquals(
        List.of(
            "its component cores.auth.htpasswd.HtpasswdProvider did not activate:"
                + " ConfigurationException: file : required (the log has the exception); it is"
                + " tried again when its configuration changes or the jar is replaced"),
        ComponentFailures.of(
            runtime(description, failed), (Bundle) null, List.of((b, r) -> Optional.empty())));
  }
}
