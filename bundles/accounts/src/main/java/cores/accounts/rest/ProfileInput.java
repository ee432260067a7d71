package cores.accounts.rest;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What users may change about themselves here; absent fields stay as they are. */
public record ProfileInput(
    @JsonProperty("first_name") String firstName,
    @JsonProperty("last_name") String lastName,
    String email,
    @JsonProperty("receive_reminders") Boolean receiveReminders) {}
