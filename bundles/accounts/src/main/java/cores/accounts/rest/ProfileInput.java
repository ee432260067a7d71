package cores.accounts.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import cores.api.accounts.Profile;
import cores.api.web.FieldErrors;

/**
 * What users may change about themselves here; absent fields stay as they are. A class, not a
 * record: a patch must tell a field sent as null from one left out, and a record's component reads
 * both as null. A null name or address is empty, as the inventory reads a null text; the reminder
 * choice has no empty value, so its null is refused rather than taken as "unchanged".
 */
public final class ProfileInput {
  private String firstName;
  private boolean firstNameSent;
  private String lastName;
  private boolean lastNameSent;
  private String email;
  private boolean emailSent;
  private Boolean receiveReminders;
  private boolean receiveRemindersSent;

  @JsonProperty("first_name")
  public void setFirstName(String firstName) {
    this.firstName = firstName;
    this.firstNameSent = true;
  }

  @JsonProperty("last_name")
  public void setLastName(String lastName) {
    this.lastName = lastName;
    this.lastNameSent = true;
  }

  @JsonProperty("email")
  public void setEmail(String email) {
    this.email = email;
    this.emailSent = true;
  }

  @JsonProperty("receive_reminders")
  public void setReceiveReminders(Boolean receiveReminders) {
    this.receiveReminders = receiveReminders;
    this.receiveRemindersSent = true;
  }

  /** Throws the field error of a null reminder choice. */
  void check() {
    new FieldErrors()
        .check(
            "receive_reminders",
            receiveRemindersSent && receiveReminders == null ? FieldErrors.NOT_NULL : null)
        .throwIfAny();
  }

  /** Whether a name or the address is sent: the reminder choice alone needs no address. */
  boolean namesOrAddressSent() {
    return firstNameSent || lastNameSent || emailSent;
  }

  String firstName(Profile now) {
    return text(firstNameSent, firstName, now.firstName());
  }

  String lastName(Profile now) {
    return text(lastNameSent, lastName, now.lastName());
  }

  String email(Profile now) {
    return text(emailSent, email, now.email());
  }

  boolean receiveReminders(boolean now) {
    return receiveRemindersSent ? receiveReminders : now;
  }

  private static String text(boolean sent, String value, String now) {
    if (!sent) {
      return now;
    }
    return value == null ? "" : value;
  }
}
