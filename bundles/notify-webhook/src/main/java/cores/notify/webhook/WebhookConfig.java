package cores.notify.webhook;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * PID {@code cores.notify.webhook}, declared by the plugin itself
 * (OSGI-INF/cores/configuration.json) from WEBHOOK_URL, WEBHOOK_NAME and WEBHOOK_TIMEOUT_MILLIS; on
 * when WEBHOOK_URL is set. Any other Config Admin client may set it too.
 */
@ObjectClassDefinition(name = "Cores webhook channel")
public @interface WebhookConfig {
  String PID = "cores.notify.webhook";

  // typed as a password: an incoming-webhook URL carries its token, and /api/system masks it so
  @AttributeDefinition(
      type = AttributeType.PASSWORD,
      description = "Incoming-webhook URL (http or https)")
  String url() default "";

  @AttributeDefinition(description = "Channel name shown to admins")
  String name() default "webhook";

  @AttributeDefinition(description = "Connect and request timeout (ms)")
  String timeoutMillis() default "10000";
}
