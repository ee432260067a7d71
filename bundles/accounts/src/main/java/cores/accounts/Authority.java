package cores.accounts;

import cores.accounts.entity.GroupEntity;
import cores.accounts.entity.UserEntity;
import cores.api.accounts.User;
import cores.api.web.Access;
import cores.api.web.ProblemException;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Who may give which rights to whom, in one place for every path that changes users and groups:
 * {@code auth.change_user} alone must not be a way to every permission. A user who is not a
 * superuser may grant only what they hold (permissions, directly or through a group, and staff),
 * may change only users whose rights they hold themselves (else changing her email or password
 * would be a way into her account), and nobody may remove the last active superuser.
 */
public final class Authority {
  private Authority() {}

  /**
   * The rights a user has: superuser, staff, and effective permissions (their own and their
   * groups').
   */
  public record Rights(boolean active, boolean superuser, boolean staff, Set<String> permissions) {
    public Rights {
      permissions = Set.copyOf(permissions);
    }

    public static Rights of(UserEntity user) {
      Set<String> all = new TreeSet<>(user.permissions());
      for (GroupEntity group : user.groups()) {
        all.addAll(group.permissions());
      }
      return new Rights(user.active(), user.superuser(), user.staff(), all);
    }

    /** Only permissions: what a group gives its members. */
    public static Rights ofPermissions(Set<String> permissions) {
      return new Rights(true, false, false, permissions);
    }
  }

  /**
   * Refuses (403) unless the actor may give the user the rights {@code after} where they had {@code
   * before}: making a superuser takes a superuser, making staff takes staff, and each permission
   * gained must be one the actor holds. The refusal names its field ({@code is_superuser}, {@code
   * is_staff}, or where a permission was given: {@code source} tells, e.g. a group's), so that a
   * form shows it there.
   */
  public static void requireMayGrant(
      User actor, Rights before, Rights after, Function<String, String> source) {
    if (actor.superuser()) {
      return;
    }
    if (after.superuser() && !before.superuser()) {
      throw refused("is_superuser", "Only superusers may make superusers.");
    }
    if (after.staff() && !before.staff() && !actor.staff()) {
      throw refused("is_staff", "Only staff may make staff.");
    }
    Set<String> gained = new TreeSet<>(after.permissions());
    gained.removeAll(before.permissions());
    gained.removeAll(actor.permissions());
    if (!gained.isEmpty()) {
      String detail =
          "You may not grant permissions you do not hold: " + String.join(", ", gained) + ".";
      Map<String, List<String>> errors = new TreeMap<>();
      gained.forEach(p -> errors.put(source.apply(p), List.of(detail)));
      throw new ProblemException(403, "Forbidden", detail, errors);
    }
  }

  private static ProblemException refused(String field, String detail) {
    return new ProblemException(403, "Forbidden", detail, Map.of(field, List.of(detail)));
  }

  /**
   * Refuses (403) unless the actor holds every right of the target: a superuser only by a
   * superuser, staff only by staff, and only users whose permissions the actor has too.
   */
  public static void requireMayChange(User actor, Rights target) {
    String beyond = beyond(actor, target);
    if (beyond != null) {
      throw Access.forbidden("You may not change " + beyond);
    }
  }

  /**
   * Why the target's rights exceed the actor's ("a superuser." and so on, to follow "You may not
   * change" or the like), or null when the actor holds every one of them. Impersonating such a user
   * would lend the actor those rights, so the same rule decides who may impersonate whom.
   */
  public static String beyond(User actor, Rights target) {
    if (actor.superuser()) {
      return null;
    }
    if (target.superuser()) {
      return "a superuser unless you are one.";
    }
    if (target.staff() && !actor.staff()) {
      return "a staff member unless you are one.";
    }
    Set<String> beyond = new TreeSet<>(target.permissions());
    beyond.removeAll(actor.permissions());
    if (!beyond.isEmpty()) {
      return "a user who holds permissions you do not: " + String.join(", ", beyond) + ".";
    }
    return null;
  }

  /**
   * Refuses (409) a change that would leave no active superuser: the user was one ({@code before})
   * and is not {@code after} (deactivated, demoted, or {@code null} when deleted), and no other is
   * left. Takes the lock that makes two such changes at once unable to both pass.
   */
  public static void requireSuperuserLeft(
      EntityManager em, long userId, String username, Rights before, Rights after) {
    boolean was = before.active() && before.superuser();
    boolean stays = after != null && after.active() && after.superuser();
    if (!was || stays) {
      return;
    }
    // one lock for every such check: the count below cannot change under it
    em.createNativeQuery("SELECT pg_advisory_xact_lock(hashtext('cores.accounts.superusers'))")
        .getSingleResult();
    Number others =
        (Number)
            em.createNativeQuery(
                    "SELECT count(*) FROM auth_user"
                        + " WHERE is_superuser AND is_active AND id <> ?1")
                .setParameter(1, userId)
                .getSingleResult();
    if (others.longValue() == 0) {
      throw ProblemException.conflict(
          username + " is the last active superuser: make another superuser first.");
    }
  }
}
