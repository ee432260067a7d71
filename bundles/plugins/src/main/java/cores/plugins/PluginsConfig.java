package cores.plugins;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The {@code cores.plugins} configuration, produced by the launcher from CORES_PLUGINS. */
@ObjectClassDefinition(name = "Cores plugins folder")
public @interface PluginsConfig {

  @AttributeDefinition(
      description =
          "The folder Felix FileInstall watches (felix.fileinstall.dir, set by the launcher to the"
              + " same value); here only to name a plugin's file in the log")
  String directory();

  @AttributeDefinition(
      description =
          "Milliseconds a plugin's start may take; one that takes longer is reported as hung in"
              + " /api/system")
  long startTimeoutMillis() default 20000;
}
