package cores.accounts.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import cores.accounts.entity.GroupEntity;
import cores.accounts.entity.UserEntity;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

  /**
   * The fields of the user's row that no write sets, by JSON name ({@link SentBack}); of a new user
   * (null) each null.
   */
  static Map<String, Object> readOnly(UserEntity user) {
    Map<String, Object> fields = new HashMap<>();
    fields.put("id", user == null ? null : user.id());
    fields.put("date_joined", user == null ? null : user.dateJoined());
    fields.put("last_login", user == null ? null : user.lastLogin());
    return fields;
  }

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
