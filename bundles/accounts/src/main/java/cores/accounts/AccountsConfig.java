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
      description =
          "Failed logins per username and client address within 15 minutes before logins from"
              + " that address are slowed down.",
      min = "0")
  int throttleFreeFailures() default 5;

  @AttributeDefinition(
      description =
          "Failed logins per username from all addresses within 15 minutes before every login of"
              + " that username is slowed down; far above throttleFreeFailures, so that only a"
              + " guesser with many addresses makes the owner wait.",
      min = "0")
  int throttleUserFailures() default 100;

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
