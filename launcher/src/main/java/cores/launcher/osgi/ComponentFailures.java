package cores.launcher.osgi;

import cores.envconfig.Refusal;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * The components that failed to activate, as SCR's runtime service reports them. Like {@link
 * ConfigurationAdminBridge}, it reaches the service through the classes of the bundle that
 * registered it, with reflection; DTOs are plain public fields.
 */
final class ComponentFailures {

  static final String SERVICE = "org.osgi.service.component.runtime.ServiceComponentRuntime";
  private static final String DESCRIPTION =
      "org.osgi.service.component.runtime.dto.ComponentDescriptionDTO";

  /** {@code ComponentConfigurationDTO.FAILED_ACTIVATION} (Declarative Services 1.4). */
  private static final int FAILED_ACTIVATION = 16;

  /**
   * One component configuration that failed.
   *
   * @param pids the configuration PIDs the component reads
   * @param failure SCR's account of it: the exception, as a stack trace
   */
  record Failure(String component, String bundle, List<String> pids, String failure) {

    /** The property a {@code ConfigurationException} named and its reason, if that was it. */
    Optional<Refusal> refusal() {
      return Refusal.in(failure);
    }

    /**
     * The exception and its message: the first cause when there is one (SCR reports a constructor's
     * exception inside an {@code InvocationTargetException}).
     */
    String summary() {
      String[] lines = failure.strip().split("\\R");
      for (String line : lines) {
        if (line.startsWith("Caused by: ")) {
          return line.substring("Caused by: ".length());
        }
      }
      return lines[0].isEmpty() ? "no reason given" : lines[0];
    }
  }

  /**
   * One component of a bundle, failed or not: its name and the configuration PIDs it reads.
   *
   * @param policy its configuration policy: {@code optional}, {@code require} or {@code ignore}
   */
  record Described(String component, String bundle, List<String> pids, String policy) {}

  private ComponentFailures() {}

  /**
   * @return the components of these bundles; empty when SCR does not run
   */
  static List<Described> described(BundleContext context, Collection<Bundle> bundles)
      throws ReflectiveOperationException {
    List<Described> described = new ArrayList<>();
    visit(context, bundles, (description, configurations) -> described.add(describe(description)));
    return described;
  }

  /**
   * @return the failures of the components of these bundles; empty when SCR does not run
   */
  static List<Failure> of(BundleContext context, Collection<Bundle> bundles)
      throws ReflectiveOperationException {
    List<Failure> failures = new ArrayList<>();
    visit(
        context,
        bundles,
        (description, configurations) -> {
          Described component = describe(description);
          for (Object configuration : configurations) {
            if ((int) field(configuration, "state") == FAILED_ACTIVATION) {
              Object failure = field(configuration, "failure");
              failures.add(
                  new Failure(
                      component.component(),
                      component.bundle(),
                      component.pids(),
                      failure == null ? "" : failure.toString()));
            }
          }
        });
    return failures;
  }

  /** What is done with a component's description DTO and its configuration DTOs. */
  @FunctionalInterface
  private interface Visitor {
    void visit(Object description, Collection<?> configurations)
        throws ReflectiveOperationException;
  }

  /** Each component of these bundles, as SCR's runtime service describes it; none without SCR. */
  private static void visit(BundleContext context, Collection<Bundle> bundles, Visitor visitor)
      throws ReflectiveOperationException {
    ServiceReference<?> ref = context.getServiceReference(SERVICE);
    if (ref == null || bundles.isEmpty()) {
      return;
    }
    Object runtime = context.getService(ref);
    try {
      Bundle scr = ref.getBundle();
      Class<?> type = scr.loadClass(SERVICE);
      Method descriptions = type.getMethod("getComponentDescriptionDTOs", Bundle[].class);
      Method configurations =
          type.getMethod("getComponentConfigurationDTOs", scr.loadClass(DESCRIPTION));
      Object[] asked = {bundles.toArray(new Bundle[0])};
      for (Object description : (Collection<?>) descriptions.invoke(runtime, asked)) {
        visitor.visit(description, (Collection<?>) configurations.invoke(runtime, description));
      }
    } finally {
      context.ungetService(ref);
    }
  }

  private static Described describe(Object description) throws ReflectiveOperationException {
    return new Described(
        (String) field(description, "name"),
        (String) field(field(description, "bundle"), "symbolicName"),
        List.of((String[]) field(description, "configurationPid")),
        (String) field(description, "configurationPolicy"));
  }

  private static Object field(Object dto, String name) throws ReflectiveOperationException {
    return dto.getClass().getField(name).get(dto);
  }
}
