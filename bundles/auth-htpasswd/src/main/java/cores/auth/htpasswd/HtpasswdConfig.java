package cores.auth.htpasswd;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * PID {@code cores.auth.htpasswd}, declared by the plugin itself
 * (OSGI-INF/cores/configuration.json) from HTPASSWD_FILE; on when HTPASSWD_AUTH is True.
 */
@ObjectClassDefinition(name = "Cores htpasswd login")
@interface HtpasswdConfig {
  String PID = "cores.auth.htpasswd";

  @AttributeDefinition(
      description = "HTPASSWD_FILE: the htpasswd file (bcrypt entries, htpasswd -B)")
  String file() default "";
}
