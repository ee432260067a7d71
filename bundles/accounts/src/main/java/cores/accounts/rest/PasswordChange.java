package cores.accounts.rest;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One's own new password, with the current one. */
public record PasswordChange(
    @JsonProperty("current_password") String currentPassword,
    @JsonProperty("new_password") String newPassword) {}
