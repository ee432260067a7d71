package cores.plugins;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.osgi.framework.Bundle;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.resource.Namespace;
import org.osgi.resource.Requirement;

/**
 * Why a plugin bundle that should run does not, read from the framework's state alone: FileInstall
 * starts the bundles and logs a failed start itself, but tells nobody else.
 */
final class PluginState {

  private PluginState() {}

  /**
   * @param startingSince when its current start began, or null
   * @param activatorFailed whether its last start failed in its activator
   * @param hungBefore a start that began before this has not returned in time
   * @param wiring the framework's, to find what an unresolved bundle lacks
   */
  static Optional<String> problem(
      Bundle bundle,
      Instant startingSince,
      boolean activatorFailed,
      Instant hungBefore,
      Duration timeout,
      FrameworkWiring wiring) {
    int state = bundle.getState();
    if (state == Bundle.STARTING) {
      return startingSince != null && startingSince.isBefore(hungBefore)
          ? Optional.of(
              "its start has not returned after "
                  + timeout.toSeconds()
                  + " s (a hanging activator?); FileInstall waits for it, so changes in the"
                  + " plugins folder wait too")
          : Optional.empty();
    }
    BundleRevision revision = bundle.adapt(BundleRevision.class);
    boolean shouldRun =
        (state == Bundle.INSTALLED || state == Bundle.RESOLVED)
            && revision != null
            && (revision.getTypes() & BundleRevision.TYPE_FRAGMENT) == 0
            && bundle.adapt(BundleStartLevel.class).isPersistentlyStarted();
    if (!shouldRun) {
      return Optional.empty();
    }
    if (state == Bundle.RESOLVED) {
      return activatorFailed
          ? Optional.of(
              "it could not start: its activator failed (FileInstall's WARN in the log has the"
                  + " exception); it is started again when the installed bundles change")
          : Optional.empty();
    }
    // an installed bundle with nothing missing is being resolved right now (or failed on a uses
    // conflict, which the framework's own log line explains)
    List<String> missing = missing(revision, wiring);
    return missing.isEmpty()
        ? Optional.empty()
        : Optional.of(
            "it could not start: it cannot resolve: missing "
                + String.join(", ", missing)
                + "; it is started again when the installed bundles change");
  }

  /** The mandatory requirements nothing installed provides, e.g. a package no bundle exports. */
  private static List<String> missing(BundleRevision revision, FrameworkWiring wiring) {
    List<String> missing = new ArrayList<>();
    for (Requirement requirement : revision.getRequirements(null)) {
      String resolution =
          requirement.getDirectives().get(Namespace.REQUIREMENT_RESOLUTION_DIRECTIVE);
      String effective = requirement.getDirectives().get(Namespace.REQUIREMENT_EFFECTIVE_DIRECTIVE);
      if (Namespace.RESOLUTION_OPTIONAL.equals(resolution)
          || (effective != null && !Namespace.EFFECTIVE_RESOLVE.equals(effective))) {
        continue;
      }
      if (wiring.findProviders(requirement).isEmpty()) {
        missing.add(
            requirement.getNamespace()
                + " "
                + requirement.getDirectives().get(Namespace.REQUIREMENT_FILTER_DIRECTIVE));
      }
    }
    return missing;
  }
}
