package cores.example.hello;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The plugin's configuration, PID {@code cores.example.hello}: optional, the defaults apply without
 * one. In the plugins folder it is the file {@code cores.example.hello.cfg}, e.g. {@code
 * message=Bonjour}.
 */
@ObjectClassDefinition(name = "Cores example plugin")
public @interface HelloConfig {
  String PID = "cores.example.hello";

  @AttributeDefinition(description = "What GET /api/hello says")
  String message() default "Hello from a Cores plugin";
}
