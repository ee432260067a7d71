package cores.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginsFolderTest {

  @TempDir Path root;

  @Test
  void fileInstallWatchesTheFolderForJarsAndConfigurationsOnly() {
    Map<String, String> properties = PluginsFolder.frameworkProperties(Path.of("/srv/plugins"));
    assertEquals("/srv/plugins", properties.get("felix.fileinstall.dir"));
    assertEquals("true", properties.get("felix.fileinstall.bundles.new.start"));
    assertEquals("skip", properties.get("felix.fileinstall.subdir.mode"));
    assertEquals("false", properties.get("felix.fileinstall.enableConfigSave"));
    // FileInstall matches the whole file name against the filter
    Pattern filter = Pattern.compile(properties.get("felix.fileinstall.filter"));
    for (String taken :
        new String[] {"hello.jar", "HELLO.JAR", "cores.example.hello.cfg", "a.config"}) {
      assertTrue(filter.matcher(taken).matches(), taken);
    }
    for (String left : new String[] {".hello.jar", ".x.cfg", "README.txt", "hello.jar.part"}) {
      assertFalse(filter.matcher(left).matches(), left);
    }
  }

  @Test
  void createsAMissingFolder() {
    Path folder = root.resolve("srv/cores/plugins");
    PluginsFolder.create(folder);
    assertTrue(Files.isDirectory(folder));
  }
}
