package cores.http;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.service.component.ComponentConstants;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;

/**
 * Ready when every bundle of the started features is active (fragments resolved), SCR has loaded
 * and enabled their components, none of these waits for a service or failed to activate, the
 * satisfied ones have registered their services, and every resource, page and extension the bundles
 * publish is served. The launcher names those bundles (their locations, whitespace-separated) in
 * the framework property {@value #FEATURE_BUNDLES}: this bundle names no provider, and a plugin
 * (installed from the plugins folder, in no feature) never holds readiness back, even when it fails
 * to start. Without the property (a framework not started by the launcher) nothing is awaited.
 *
 * <p>With it, the launcher's word is awaited too: it registers a service with {@value #STARTED}
 * {@code =true} once it has checked that every bundle started and every component activated. A
 * component can fail after the moment this check saw the rest ready (SCR activates some lazily),
 * and the launcher then stops the process: until its word, nothing is ready.
 */
final class PlatformReadiness implements Readiness {
  static final String FEATURE_BUNDLES = "cores.feature.bundles";

  /** The property of the service the launcher registers once it has confirmed the start. */
  static final String STARTED = "cores.platform.started";

  private static final String STARTED_FILTER = "(" + STARTED + "=true)";

  private static final String REGISTERED_FILTER = "(" + ComponentConstants.COMPONENT_ID + "=*)";

  /** How many awaited things the answer names; the rest are counted. */
  private static final int NAMED = 3;

  private final BundleContext context;
  private final ServiceComponentRuntime components;
  private final Set<String> expected;
  private final String whiteboardFilter;
  private final Predicate<ServiceReference<?>> published;

  /**
   * @param components SCR's runtime; null when SCR does not run (components are not looked at)
   * @param whiteboardFilter which services are resources, pages or extensions
   * @param published whether the server serves the whiteboard service
   */
  PlatformReadiness(
      BundleContext context,
      ServiceComponentRuntime components,
      String whiteboardFilter,
      Predicate<ServiceReference<?>> published) {
    this.context = context;
    this.components = components;
    this.whiteboardFilter = whiteboardFilter;
    this.published = published;
    String property = context.getProperty(FEATURE_BUNDLES);
    this.expected =
        property == null || property.isBlank()
            ? Set.of()
            : Set.copyOf(Arrays.asList(property.trim().split("\\s+")));
  }

  @Override
  public Optional<String> waitingFor() {
    Set<String> waiting = new LinkedHashSet<>();
    Set<String> seen = new HashSet<>();
    Set<Long> registered = null;
    for (Bundle bundle : context.getBundles()) {
      if (!expected.contains(bundle.getLocation())) {
        continue;
      }
      seen.add(bundle.getLocation());
      if (isFragment(bundle)) {
        if (bundle.getState() != Bundle.RESOLVED) {
          waiting.add("bundle " + name(bundle) + " (" + state(bundle) + ")");
        }
      } else if (bundle.getState() != Bundle.ACTIVE) {
        waiting.add("bundle " + name(bundle) + " (" + state(bundle) + ")");
      } else if (components != null) {
        if (registered == null) {
          registered = registeredComponents();
        }
        componentsOf(bundle, registered, waiting);
      }
    }
    for (String location : expected) {
      if (!seen.contains(location)) {
        waiting.add("bundle " + location + " (not installed)");
      }
    }
    unpublished(waiting);
    if (!expected.isEmpty() && waiting.isEmpty() && !confirmed()) {
      waiting.add("the launcher's start check");
    }
    return waiting.isEmpty() ? Optional.empty() : Optional.of(summary(waiting));
  }

  /**
   * Whether the bundle is a plugin: one of no started feature. Without the feature list (a
   * framework not started by the launcher) no bundle is.
   */
  boolean isPlugin(Bundle bundle) {
    return !expected.isEmpty() && !expected.contains(bundle.getLocation());
  }

  private void componentsOf(Bundle bundle, Set<Long> registered, Set<String> waiting) {
    Collection<ComponentDescriptionDTO> descriptions =
        components.getComponentDescriptionDTOs(bundle);
    if (descriptions.isEmpty()
        && bundle.getHeaders("").get(ComponentConstants.SERVICE_COMPONENT) != null) {
      // SCR reads a bundle's components when told it started, a moment after it is ACTIVE
      waiting.add("bundle " + name(bundle) + " (components not loaded yet)");
      return;
    }
    for (ComponentDescriptionDTO description : descriptions) {
      if (!components.isComponentEnabled(description)) {
        // SCR loads a bundle's descriptions, then enables them: one of those not enabled yet
        if (description.defaultEnabled) {
          waiting.add("component " + description.name + " (not enabled yet)");
        }
        continue;
      }
      Collection<ComponentConfigurationDTO> configurations =
          components.getComponentConfigurationDTOs(description);
      if (configurations.isEmpty() && !"require".equals(description.configurationPolicy)) {
        waiting.add("component " + description.name + " (being enabled)");
      }
      for (ComponentConfigurationDTO configuration : configurations) {
        if (configuration.state == ComponentConfigurationDTO.UNSATISFIED_REFERENCE) {
          List<String> references = new ArrayList<>();
          for (UnsatisfiedReferenceDTO reference : configuration.unsatisfiedReferences) {
            references.add(reference.name);
          }
          waiting.add("component " + description.name + " (needs " + references + ")");
        } else if (configuration.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
          // the failure itself is in the log; it may hold configuration values
          waiting.add("component " + description.name + " (failed to activate, see the log)");
        } else if ((configuration.state == ComponentConfigurationDTO.SATISFIED
                || configuration.state == ComponentConfigurationDTO.ACTIVE)
            && !registered(description, configuration, registered)) {
          waiting.add("component " + description.name + " (registering its service)");
        }
      }
    }
  }

  /**
   * Whether a satisfied component's service is registered: SCR reports the component satisfied a
   * moment before the registration, and a resource must be registered to be seen as unpublished.
   */
  private static boolean registered(
      ComponentDescriptionDTO description,
      ComponentConfigurationDTO configuration,
      Set<Long> registered) {
    return description.serviceInterfaces.length == 0
        || description.factory != null
        || registered.contains(configuration.id);
  }

  /**
   * The component ids of the registered services, from one look at the registry: a look per
   * component scanned every service each time (the id is no indexed property), while a starting
   * platform works its readiness out again at every probe. Taken before the components' states are
   * read: one registered in between is still seen as registering, and its service event makes the
   * answer stale.
   */
  private Set<Long> registeredComponents() {
    ServiceReference<?>[] references;
    try {
      references = context.getAllServiceReferences(null, REGISTERED_FILTER);
    } catch (InvalidSyntaxException e) {
      throw new IllegalStateException("the filter is constant", e);
    }
    Set<Long> ids = new HashSet<>();
    if (references != null) {
      for (ServiceReference<?> reference : references) {
        if (reference.getProperty(ComponentConstants.COMPONENT_ID) instanceof Long id) {
          ids.add(id);
        }
      }
    }
    return ids;
  }

  private boolean confirmed() {
    try {
      return context.getAllServiceReferences(null, STARTED_FILTER) != null;
    } catch (InvalidSyntaxException e) {
      throw new IllegalStateException("the filter is constant", e);
    }
  }

  /** Whiteboard services of the expected bundles that the server does not serve yet. */
  private void unpublished(Set<String> waiting) {
    ServiceReference<?>[] references;
    try {
      references = context.getAllServiceReferences(null, whiteboardFilter);
    } catch (InvalidSyntaxException e) {
      throw new IllegalStateException("the whiteboard filter is constant", e);
    }
    if (references == null) {
      return;
    }
    for (ServiceReference<?> reference : references) {
      Bundle owner = reference.getBundle();
      if (owner != null && expected.contains(owner.getLocation()) && !published.test(reference)) {
        waiting.add("resources of " + name(owner) + " (not published yet)");
      }
    }
  }

  private static String summary(Set<String> waiting) {
    List<String> all = new ArrayList<>(waiting);
    String named = String.join(", ", all.subList(0, Math.min(NAMED, all.size())));
    return all.size() > NAMED ? named + " and " + (all.size() - NAMED) + " more" : named;
  }

  private static boolean isFragment(Bundle bundle) {
    BundleRevision revision = bundle.adapt(BundleRevision.class);
    return revision != null && (revision.getTypes() & BundleRevision.TYPE_FRAGMENT) != 0;
  }

  private static String name(Bundle bundle) {
    return bundle.getSymbolicName() == null ? bundle.getLocation() : bundle.getSymbolicName();
  }

  private static String state(Bundle bundle) {
    return switch (bundle.getState()) {
      case Bundle.INSTALLED -> "installed";
      case Bundle.RESOLVED -> "resolved";
      case Bundle.STARTING -> "starting";
      case Bundle.STOPPING -> "stopping";
      case Bundle.ACTIVE -> "active";
      default -> "uninstalled";
    };
  }
}
