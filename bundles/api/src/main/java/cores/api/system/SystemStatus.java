package cores.api.system;

import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The running system as {@code GET /api/system} reports it (the http bundle's; the admin's system
 * page reads the same): bundles, providers, channels, the parts' problems and the effective
 * configuration with secrets masked.
 */
@ProviderType
public interface SystemStatus {

  /**
   * The location prefix of the bundles installed from the plugins folder: the plugin's file name
   * follows it.
   */
  String PLUGIN_LOCATION = "cores-plugin:";

  /**
   * A bundle.
   *
   * @param state {@code ACTIVE}, {@code RESOLVED}, {@code INSTALLED}, ...
   * @param plugin the file of the plugins folder it was installed from, or null
   */
  record BundleState(long id, String symbolicName, String version, String state, String plugin) {}

  /** A problem and the part that reports it (e.g. {@code plugins}). */
  record ReportedProblem(String part, Problem problem) {}

  List<BundleState> bundles();

  /** The active authentication providers, in the order they are asked. */
  List<String> authProviders();

  /** The names of the active notification channels. */
  List<String> notificationChannels();

  /** The problems every registered {@link ProblemReport} reports now. */
  List<ReportedProblem> problems();

  /** The effective configuration by environment variable, secrets masked; sorted by name. */
  Map<String, String> config();
}
