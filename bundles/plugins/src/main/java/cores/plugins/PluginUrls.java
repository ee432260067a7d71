package cores.plugins;

import cores.api.system.SystemStatus;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The URL FileInstall installs a plugin from, {@code cores-plugin:<file name>}: FileInstall uses it
 * as the bundle's location, so the plugin bundles keep the location {@link
 * SystemStatus#PLUGIN_LOCATION} promises (the same wherever the folder is mounted, and what tells
 * them apart from the platform's own). Reading it reads the file in the folder; FileInstall copies
 * the bytes into the framework's cache, so a jar overwritten later never changes the running bundle
 * behind the framework's back.
 */
final class PluginUrls {

  private PluginUrls() {}

  static URL of(Path file) throws MalformedURLException {
    // a handler of its own instead of a registered scheme: only FileInstall ever opens this URL
    return new URL(null, SystemStatus.PLUGIN_LOCATION + file.getFileName(), new FileHandler(file));
  }

  /** The plugin's file name in a plugin bundle's location, or null for any other location. */
  static String fileName(String location) {
    return location.startsWith(SystemStatus.PLUGIN_LOCATION)
        ? location.substring(SystemStatus.PLUGIN_LOCATION.length())
        : null;
  }

  private static final class FileHandler extends URLStreamHandler {
    private final Path file;

    FileHandler(Path file) {
      this.file = file;
    }

    @Override
    protected URLConnection openConnection(URL url) {
      return new URLConnection(url) {
        @Override
        public void connect() {
          // nothing to open before the stream
        }

        @Override
        public InputStream getInputStream() throws IOException {
          return Files.newInputStream(file);
        }
      };
    }
  }
}
