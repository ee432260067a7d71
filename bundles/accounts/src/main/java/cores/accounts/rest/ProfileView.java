package cores.accounts.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import cores.accounts.entity.UserEntity;
import cores.api.accounts.Profile;

/** The logged-in user's own profile. */
public record ProfileView(
    long id,
    String username,
    @JsonProperty("first_name") String firstName,
    @JsonProperty("last_name") String lastName,
    String email,
    @JsonProperty("receive_reminders") boolean receiveReminders) {

  static ProfileView of(Profile profile) {
    return new ProfileView(
        profile.userId(),
        profile.username(),
        profile.firstName(),
        profile.lastName(),
        profile.email(),
        profile.receiveReminders());
  }

  static ProfileView of(UserEntity user) {
    return new ProfileView(
        user.id(),
        user.username(),
        user.firstName(),
        user.lastName(),
        user.email(),
        user.receiveReminders());
  }
}
