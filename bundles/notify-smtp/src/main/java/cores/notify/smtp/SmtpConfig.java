package cores.notify.smtp;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * PID {@code cores.notify.smtp}, produced by the launcher from SMTP_SERVER, SMTP_PORT, SMTP_FROM,
 * SMTP_USER, SMTP_PASSWORD, SMTP_STARTTLS, SMTP_SSL; absent when SMTP_SERVER is False or empty.
 */
@ObjectClassDefinition(name = "Cores SMTP channel")
public @interface SmtpConfig {
  String PID = "cores.notify.smtp";

  String server();

  int port() default 25;

  String from() default "noreply@cores.local";

  @AttributeDefinition(required = false)
  String user() default "";

  @AttributeDefinition(type = AttributeType.PASSWORD, required = false)
  String password() default "";

  boolean starttls() default false;

  boolean ssl() default false;

  @AttributeDefinition(description = "Connect, read and write timeouts (ms)")
  int timeoutMillis() default 10_000;

  @AttributeDefinition(
      description = "An idle connection is closed after this long (ms); within it, it is reused")
  long idleCloseMillis() default 2_000;
}
