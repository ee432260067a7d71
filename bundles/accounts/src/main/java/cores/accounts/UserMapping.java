package cores.accounts;

import cores.accounts.entity.GroupEntity;
import cores.accounts.entity.UserEntity;
import cores.api.accounts.User;
import jakarta.persistence.EntityManager;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Loads users and turns rows into the {@link User} that other bundles see. */
public final class UserMapping {
  private UserMapping() {}

  /** The user whose username matches ignoring case (served by the unique index on lower()). */
  public static Optional<UserEntity> byUsername(EntityManager em, String username) {
    List<UserEntity> found =
        em.createQuery(
                "select u from UserEntity u where lower(u.username) = lower(:name)",
                UserEntity.class)
            // both sides lower-cased by the database, exactly as its unique index does
            .setParameter("name", username)
            .getResultList();
    return found.stream().findFirst();
  }

  /** The user with effective permissions: their own plus those of their groups. */
  public static User toUser(UserEntity entity) {
    Set<String> groups = new HashSet<>();
    Set<String> permissions = new HashSet<>(entity.permissions());
    for (GroupEntity group : entity.groups()) {
      groups.add(group.name());
      permissions.addAll(group.permissions());
    }
    return new User(
        entity.id(),
        entity.username(),
        entity.firstName(),
        entity.lastName(),
        entity.email(),
        entity.active(),
        entity.staff(),
        entity.superuser(),
        groups,
        permissions,
        entity.lastLogin());
  }
}
