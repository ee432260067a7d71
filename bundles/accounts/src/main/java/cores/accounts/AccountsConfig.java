package cores.accounts;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@code cores.accounts}; every value has a default. */
@ObjectClassDefinition(name = "Cores accounts")
public @interface AccountsConfig {
  String PID = "cores.accounts";

  @AttributeDefinition(
      description = "Idle minutes after which a browser session expires.",
      min = "1")
  int sessionTimeoutMinutes() default 20160;

  @AttributeDefinition(
      description = "Failed logins per username within 15 minutes before logins are slowed down.",
      min = "0")
  int throttleFreeFailures() default 5;

  @AttributeDefinition(
      description = "Longest wait, in seconds, imposed after failed logins.",
      min = "1")
  int throttleMaxDelaySeconds() default 900;

  @AttributeDefinition(description = "Minutes a mailed password reset link works.", min = "1")
  int passwordResetMinutes() default 60;

  @AttributeDefinition(
      description = "Password reset mails per user within an hour; further requests send none.",
      min = "1")
  int passwordResetsPerHour() default 3;
}
