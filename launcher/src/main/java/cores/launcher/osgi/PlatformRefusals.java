package cores.launcher.osgi;

import cores.envconfig.Refusal;
import cores.envconfig.Resolved;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * Who says a component's refusal of a setting by where the setting came from, in the same line at
 * any time: for a feature's bundle, {@link Platform} during the start (SCR's entry is held back
 * until then) and this class afterwards (a component re-activated), by the variable the launcher
 * read the property from; for any other bundle (a plugin), the {@value #LINES} services (the
 * plugin-configuration bundle's: variables and {@code .cfg} files), called through the classes of
 * the bundle that registered each, as the launcher's class space has no bundle's API.
 */
final class PlatformRefusals implements LogBridge.Refusals {

  private static final System.Logger LOG = System.getLogger(PlatformRefusals.class.getName());

  /** The API's service that says a refusal (cores.api.config 1.2.0). */
  static final String LINES = "cores.api.config.RefusalLines";

  private final BundleContext context;
  private final List<Bundle> featureBundles;

  /** What the launcher applied, once it has checked the components: null during the start. */
  private volatile List<Resolved> applied;

  PlatformRefusals(BundleContext context, List<Bundle> featureBundles) {
    this.context = context;
    this.featureBundles = featureBundles;
  }

  /** From now on the refusals of the features' components are said here, by these. */
  void checked(List<Resolved> configurations) {
    this.applied = List.copyOf(configurations);
  }

  @Override
  public boolean saidLater(Bundle bundle) {
    return applied == null && featureBundles.contains(bundle);
  }

  @Override
  public Optional<String> line(Bundle bundle, Throwable refusal) {
    List<Resolved> configurations = applied;
    if (configurations != null && featureBundles.contains(bundle)) {
      Optional<String> line = byVariable(configurations, bundle, refusal);
      if (line.isPresent()) {
        return line;
      }
    }
    return byService(bundle, refusal);
  }

  @Override
  public boolean withdrawn(Bundle bundle, String entry) {
    // SCR runs the components of a starting or active bundle only: a failure logged once the
    // bundle left those states (stopping, or stopped on its way to being uninstalled) concerns
    // nothing that runs
    if ((bundle.getState() & (Bundle.STARTING | Bundle.ACTIVE)) == 0) {
      return true;
    }
    try {
      for (ComponentFailures.Described component :
          ComponentFailures.described(context, List.of(bundle))) {
        if ("require".equals(component.policy())
            && entry.contains("[" + component.component() + "(")
            && !ConfigurationAdminBridge.anyOf(context, component.pids())) {
          return true;
        }
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.log(System.Logger.Level.DEBUG, "configuration of a refusal not known: {0}", e.toString());
    }
    return false;
  }

  /** As the start says it: {@code component <name> of <bundle> did not activate: <VAR>: why}. */
  private Optional<String> byVariable(
      List<Resolved> configurations, Bundle bundle, Throwable refusal) {
    // the refusal and its causes, a line each, as a trace names them (the frames say nothing here)
    StringBuilder causes = new StringBuilder();
    Throwable cause = refusal;
    for (int depth = 0; cause != null && depth < 32; depth++, cause = cause.getCause()) {
      causes.append(cause).append('\n');
    }
    Optional<Refusal> refused = Refusal.in(causes.toString());
    if (refused.isEmpty()) {
      return Optional.empty();
    }
    try {
      for (ComponentFailures.Described component :
          ComponentFailures.described(context, List.of(bundle))) {
        Optional<String> explained =
            Platform.explain(
                configurations, component.pids(), refused.get().property(), refused.get().reason());
        if (explained.isPresent()) {
          return Optional.of(
              Platform.didNotActivate(component.component(), component.bundle(), explained.get()));
        }
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      // SCR's own line then: the property instead of the variable, still one line
      LOG.log(System.Logger.Level.DEBUG, "refusal not explained: {0}", e.toString());
    }
    return Optional.empty();
  }

  private Optional<String> byService(Bundle bundle, Throwable refusal) {
    try {
      ServiceReference<?>[] refs = context.getServiceReferences(LINES, null);
      for (ServiceReference<?> ref : refs == null ? new ServiceReference<?>[0] : refs) {
        Bundle provider = ref.getBundle();
        Object service = provider == null ? null : context.getService(ref);
        if (service == null) {
          continue;
        }
        try {
          Method line = provider.loadClass(LINES).getMethod("line", Bundle.class, Throwable.class);
          if (line.invoke(service, bundle, refusal) instanceof Optional<?> said
              && said.orElse(null) instanceof String text) {
            return Optional.of(text);
          }
        } finally {
          context.ungetService(ref);
        }
      }
    } catch (InvalidSyntaxException | ReflectiveOperationException | RuntimeException e) {
      // SCR's own line then: the property instead of the variable, still one line
      LOG.log(System.Logger.Level.DEBUG, "refusal not explained: {0}", e.toString());
    }
    return Optional.empty();
  }
}
