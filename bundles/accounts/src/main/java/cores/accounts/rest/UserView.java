package cores.accounts.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import cores.accounts.entity.GroupEntity;
import cores.accounts.entity.UserEntity;
import java.time.Instant;
import java.util.List;

/** A user as the API shows it, in the original's (Django's) field names; never password data. */
public record UserView(
    long id,
    String username,
    @JsonProperty("first_name") String firstName,
    @JsonProperty("last_name") String lastName,
    String email,
    @JsonProperty("is_active") boolean active,
    @JsonProperty("is_staff") boolean staff,
    @JsonProperty("is_superuser") boolean superuser,
    List<Long> groups,
    @JsonProperty("user_permissions") List<String> permissions,
    @JsonProperty("date_joined") Instant dateJoined,
    @JsonProperty("last_login") Instant lastLogin) {

  static UserView of(UserEntity user) {
    return new UserView(
        user.id(),
        user.username(),
        user.firstName(),
        user.lastName(),
        user.email(),
        user.active(),
        user.staff(),
        user.superuser(),
        user.groups().stream().map(GroupEntity::id).sorted().toList(),
        user.permissions().stream().sorted().toList(),
        user.dateJoined(),
        user.lastLogin());
  }
}
