package cores.plugins;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The {@code cores.plugins} configuration, produced by the launcher from CORES_PLUGINS. */
@ObjectClassDefinition(name = "Cores plugins folder")
public @interface PluginsConfig {

  @AttributeDefinition(description = "Folder whose *.jar bundles are installed, updated, removed")
  String directory();

  @AttributeDefinition(
      description =
          "Milliseconds between two looks at the folder; a jar is acted on once its size and"
              + " modification time are the same in two consecutive looks")
  long pollIntervalMillis() default 2000;

  @AttributeDefinition(
      description =
          "Milliseconds the watcher waits for a plugin's start; one that takes longer is reported"
              + " as hung in /api/system and the watcher goes on with the other plugins")
  long startTimeoutMillis() default 20000;
}
