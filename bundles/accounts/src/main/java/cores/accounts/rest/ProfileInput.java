package cores.accounts.rest;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What users may change about themselves here; absent fields stay as they are. */
public record ProfileInput(@JsonProperty("receive_reminders") Boolean receiveReminders) {}
