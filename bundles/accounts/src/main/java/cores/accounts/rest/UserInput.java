package cores.accounts.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A user as the API accepts it; absent fields are null (PATCH leaves them alone, POST and PUT use
 * the defaults). Passwords are set through their own endpoint.
 */
public record UserInput(
    String username,
    @JsonProperty("first_name") String firstName,
    @JsonProperty("last_name") String lastName,
    String email,
    @JsonProperty("is_active") Boolean active,
    @JsonProperty("is_staff") Boolean staff,
    @JsonProperty("is_superuser") Boolean superuser,
    List<Long> groups,
    @JsonProperty("user_permissions") List<String> permissions) {}
