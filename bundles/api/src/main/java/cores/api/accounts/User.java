package cores.api.accounts;

import java.security.Principal;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A Cores user as other bundles see it: never any password data.
 *
 * @param permissions the user's effective permissions: their own and those of their groups, named
 *     {@code app.action_model} (see {@link Permissions})
 */
public record User(
    long id,
    String username,
    String firstName,
    String lastName,
    String email,
    boolean active,
    boolean staff,
    boolean superuser,
    Set<String> groups,
    Set<String> permissions,
    Instant lastLogin)
    implements Principal {

  public User {
    Objects.requireNonNull(username, "username");
    groups = Set.copyOf(groups);
    permissions = Set.copyOf(permissions);
  }

  @Override
  public String getName() {
    return username;
  }

  /** Whether the user holds the permission: active superusers hold every permission. */
  public boolean hasPermission(String permission) {
    return active && (superuser || permissions.contains(permission));
  }

  /** Whether the user is a member of the named group. */
  public boolean inGroup(String group) {
    return groups.contains(group);
  }
}
