package cores.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The plugins folder (CORES_PLUGINS) in server mode: the feature that watches it, Apache Felix
 * FileInstall's framework properties for it, and the folder itself.
 */
final class PluginsFolder {

  /** FileInstall and the bundle that observes it (features/plugins.json). */
  static final String FEATURE = "plugins";

  private static final System.Logger LOG = System.getLogger(PluginsFolder.class.getName());

  private PluginsFolder() {}

  /**
   * FileInstall reads these when it starts (its watcher "initial"); no other FileInstall
   * configuration exists, so it installs bundles from this folder only.
   */
  static Map<String, String> frameworkProperties(Path folder) {
    return Map.ofEntries(
        Map.entry("felix.fileinstall.dir", folder.toString()),
        // the same pace as before FileInstall: a file is taken once it held still for one poll
        Map.entry("felix.fileinstall.poll", "2000"),
        Map.entry("felix.fileinstall.bundles.new.start", "true"),
        // jars and configurations only; a name starting with a dot is what copy tools (rsync,
        // editors) write before renaming into place
        Map.entry("felix.fileinstall.filter", "(?i)[^.].*\\.(jar|cfg|config)"),
        // FileInstall would otherwise install a sub-folder as an exploded bundle
        Map.entry("felix.fileinstall.subdir.mode", "skip"),
        // a configuration changed through Configuration Admin must not rewrite the operator's file
        Map.entry("felix.fileinstall.enableConfigSave", "false"),
        // its warnings and errors in the one log, in the one format (Logging)
        Map.entry("felix.fileinstall.log.default", "jul"),
        Map.entry("felix.fileinstall.log.level", "2"));
  }

  /**
   * Creates the folder if it is missing. Not fatal when that fails: FileInstall warns and picks the
   * folder up once it exists (a volume mounted later).
   */
  static void create(Path folder) {
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "Plugins folder {0} could not be created: {1}",
          folder,
          e.toString());
    }
  }
}
