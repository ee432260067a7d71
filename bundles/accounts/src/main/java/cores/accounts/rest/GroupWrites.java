package cores.accounts.rest;

import cores.accounts.Authority;
import cores.accounts.Authority.Rights;
import cores.accounts.Constraints;
import cores.accounts.entity.GroupEntity;
import cores.api.accounts.User;
import cores.api.persistence.Transactions;
import cores.api.web.FieldErrors;
import cores.api.web.ProblemException;
import jakarta.persistence.EntityManager;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The writes of groups, for every path that makes them (the API's {@link GroupsResource}, the
 * admin's desk): a group's permissions are its members', so only what the actor holds may be added
 * ({@link Authority}). The callers check the model's permission and that the visitor is not
 * impersonating.
 */
public final class GroupWrites {
  private final Transactions tx;
  private final Supplier<Set<String>> knownPermissions;

  /** With the permissions that exist ({@link cores.accounts.KnownPermissions#names}). */
  public GroupWrites(Transactions tx, Supplier<Set<String>> knownPermissions) {
    this.tx = tx;
    this.knownPermissions = knownPermissions;
  }

  public GroupView create(User actor, GroupInput body) {
    return save(
        em -> {
          GroupEntity group = new GroupEntity(body.name());
          apply(actor, group, body, false, null);
          em.persist(group);
          return group;
        });
  }

  /** Replaces the group's fields, or with {@code partial} those present. */
  public GroupView update(User actor, long id, GroupInput body, boolean partial) {
    return save(
        em -> {
          GroupEntity group = find(em, id);
          apply(actor, group, body, partial, group.id());
          return group;
        });
  }

  /** Deletes the group; joins the caller's transaction, if any (all or none). */
  public void delete(long id) {
    try {
      tx.required(
          em -> {
            em.remove(find(em, id));
            em.flush();
            return null;
          });
    } catch (RuntimeException e) {
      throw Constraints.whenReferred(e, "Group " + id, "remove or change those first.");
    }
  }

  private GroupView save(Function<EntityManager, GroupEntity> change) {
    try {
      return tx.required(
          em -> {
            GroupEntity group = change.apply(em);
            em.flush();
            return GroupView.of(group);
          });
    } catch (RuntimeException e) {
      if (Constraints.uniqueViolated(e, Constraints.GROUP_NAME_UNIQUE)) {
        throw FieldErrors.single("name", "already taken");
      }
      throw e;
    }
  }

  /**
   * Checks the input and copies it on (a patch what is sent); the permissions a group gains, its
   * members gain. A null is taken as sent: the name is required, the permissions are emptied. An id
   * sent must be the group's ({@code id}; of a new group null).
   */
  private void apply(User actor, GroupEntity group, GroupInput in, boolean partial, Long id) {
    FieldErrors errors = new FieldErrors();
    Map<String, Object> held = new HashMap<>();
    held.put("id", id);
    SentBack.check(errors, in.readOnly(), held);
    if (!partial || in.nameSent()) {
      errors.check("name", Names.group(in.name()));
    }
    if (in.permissions() != null) {
      Names.permissions(
          errors, "permissions", in.permissions(), group.permissions(), knownPermissions);
    }
    errors.throwIfAny();
    if (!partial || in.nameSent()) {
      group.name(in.name());
    }
    if (!partial || in.permissionsSent()) {
      Set<String> before = Set.copyOf(group.permissions());
      group.permissions().clear();
      if (in.permissions() != null) {
        group.permissions().addAll(in.permissions());
      }
      Authority.requireMayGrant(
          actor,
          Rights.ofPermissions(before),
          Rights.ofPermissions(group.permissions()),
          p -> "permissions");
    }
  }

  static GroupEntity find(EntityManager em, long id) {
    GroupEntity group = em.find(GroupEntity.class, id);
    if (group == null) {
      throw ProblemException.notFound("No group with id " + id + ".");
    }
    return group;
  }
}
