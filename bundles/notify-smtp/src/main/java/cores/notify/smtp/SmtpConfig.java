package cores.notify.smtp;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * PID {@code cores.notify.smtp}, declared by the notify-smtp feature from SMTP_SERVER, SMTP_PORT,
 * SMTP_FROM, SMTP_USER, SMTP_PASSWORD, SMTP_STARTTLS, SMTP_SSL (absent when SMTP_SERVER is False or
 * empty): text as the environment writes it, checked by {@link SmtpSettings}.
 */
@ObjectClassDefinition(name = "Cores SMTP channel")
public @interface SmtpConfig {
  String PID = "cores.notify.smtp";

  String server() default "";

  String port() default "25";

  String from() default "noreply@cores.local";

  @AttributeDefinition(required = false)
  String user() default "";

  @AttributeDefinition(type = AttributeType.PASSWORD, required = false)
  String password() default "";

  String starttls() default "False";

  String ssl() default "False";

  @AttributeDefinition(description = "Connect, read and write timeouts (ms)")
  int timeoutMillis() default 10_000;

  @AttributeDefinition(
      description = "An idle connection is closed after this long (ms); within it, it is reused")
  long idleCloseMillis() default 2_000;
}
