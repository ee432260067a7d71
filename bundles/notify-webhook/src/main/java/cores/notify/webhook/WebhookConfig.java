package cores.notify.webhook;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * PID {@code cores.notify.webhook}; loaded from {@code cores.notify.webhook.cfg} in the plugins
 * folder by {@link ConfigFileLoader}, or set by any other Config Admin client.
 */
@ObjectClassDefinition(name = "Cores webhook channel")
public @interface WebhookConfig {
  String PID = "cores.notify.webhook";

  @AttributeDefinition(description = "Incoming-webhook URL (http or https)")
  String url();

  @AttributeDefinition(description = "Channel name shown to admins")
  String name() default "webhook";

  @AttributeDefinition(description = "Connect and request timeout (ms)")
  int timeoutMillis() default 10_000;
}
