package cores.launcher.osgi;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.hooks.bundle.EventHook;
import org.osgi.framework.hooks.bundle.FindHook;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRevision;

/**
 * Hides the bundles a feature marks {@code "spifly": false} from the service-loader mediator (SPI
 * Fly) with the framework's bundle hooks (OSGi Core 55): the mediator never sees them, so it
 * neither registers their {@code META-INF/services} entries as OSGi services nor weaves their
 * classes. They still resolve against its extender capabilities.
 *
 * <p>Why: for a bundle that declares itself both provider and consumer, such as liquibase-core, SPI
 * Fly loads every class its {@code META-INF/services} lists when the bundle starts and rewrites
 * every class the bundle loads with ASM, about half a second of each start for services nobody
 * looks up through OSGi. Liquibase finds its own services through its class loader (the persistence
 * bundle makes it the context class loader), which needs no mediator.
 */
final class MediatorExclusions implements FindHook, EventHook {

  private static final String EXTENDER = "osgi.extender";
  private static final Set<String> MEDIATOR_EXTENDERS =
      Set.of("osgi.serviceloader.registrar", "osgi.serviceloader.processor");

  private final Set<Long> mediators = ConcurrentHashMap.newKeySet();
  private final Set<Long> hidden = ConcurrentHashMap.newKeySet();

  /** Notes an installed bundle: a mediator, one to hide from mediators, or neither. */
  void installed(Bundle bundle, boolean mediated) {
    if (!mediated) {
      hidden.add(bundle.getBundleId());
    }
    if (isMediator(bundle)) {
      mediators.add(bundle.getBundleId());
    }
  }

  private static boolean isMediator(Bundle bundle) {
    BundleRevision revision = bundle.adapt(BundleRevision.class);
    if (revision == null) {
      return false;
    }
    for (BundleCapability c : revision.getDeclaredCapabilities(EXTENDER)) {
      if (MEDIATOR_EXTENDERS.contains(String.valueOf(c.getAttributes().get(EXTENDER)))) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void find(BundleContext context, Collection<Bundle> bundles) {
    if (!hidden.isEmpty() && isMediator(context)) {
      bundles.removeIf(b -> hidden.contains(b.getBundleId()));
    }
  }

  @Override
  public void event(BundleEvent event, Collection<BundleContext> contexts) {
    if (hidden.contains(event.getBundle().getBundleId())) {
      contexts.removeIf(this::isMediator);
    }
  }

  private boolean isMediator(BundleContext context) {
    try {
      return mediators.contains(context.getBundle().getBundleId());
    } catch (IllegalStateException e) {
      return false; // the context's bundle has stopped meanwhile
    }
  }
}
