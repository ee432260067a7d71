package cores.notify;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * PID {@code cores.notify}, produced by the launcher in server mode only (so no dispatcher runs for
 * a command such as createsuperuser): {@code hostname} from HOSTNAME; the rest defaults.
 */
@ObjectClassDefinition(name = "Cores notifications")
public @interface NotifyConfig {
  String PID = "cores.notify";

  @AttributeDefinition(description = "Host name the site is served as; links in messages use it")
  String hostname() default "localhost";

  @AttributeDefinition(description = "Scheme of links in messages")
  String scheme() default "https";

  @AttributeDefinition(description = "Rows claimed per transaction")
  int batchSize() default 50;

  @AttributeDefinition(description = "Pause when nothing is due (ms)")
  long pollIntervalMillis() default 1000;

  @AttributeDefinition(description = "Attempts before a message is marked failed")
  int maxAttempts() default 10;

  @AttributeDefinition(description = "Wait after the first failure (ms); doubles per attempt")
  long retryBaseMillis() default 30_000;

  @AttributeDefinition(description = "Longest wait between attempts (ms)")
  long retryMaxMillis() default 21_600_000;
}
