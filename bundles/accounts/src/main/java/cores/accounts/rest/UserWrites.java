package cores.accounts.rest;

import cores.accounts.Authority;
import cores.accounts.Authority.Rights;
import cores.accounts.Constraints;
import cores.accounts.Credentials;
import cores.accounts.PasswordHasher;
import cores.accounts.PasswordRules;
import cores.accounts.Validation;
import cores.accounts.entity.GroupEntity;
import cores.accounts.entity.UserEntity;
import cores.api.accounts.User;
import cores.api.persistence.Transactions;
import cores.api.web.FieldErrors;
import cores.api.web.ProblemException;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The writes of users, for every path that makes them (the API's {@link UsersResource}, the admin's
 * desk): input checked, then who may grant what to whom ({@link Authority}), the last superuser
 * kept, and what a password change or a deactivation ends ({@link Credentials}). The callers check
 * the model's permission and that the visitor is not impersonating.
 */
public final class UserWrites {
  private final Transactions tx;
  private final PasswordHasher hasher;
  private final Clock clock;
  private final Supplier<Set<String>> knownPermissions;
  private final PasswordRules rules;

  /** With the permissions that exist ({@link cores.accounts.KnownPermissions#names}). */
  public UserWrites(
      Transactions tx,
      PasswordHasher hasher,
      Clock clock,
      Supplier<Set<String>> knownPermissions,
      PasswordRules rules) {
    this.tx = tx;
    this.hasher = hasher;
    this.clock = clock;
    this.knownPermissions = knownPermissions;
    this.rules = rules;
  }

  /** Creates a user (without a usable password) as the actor may. */
  public UserView create(User actor, UserInput body) {
    return save(
        em -> {
          UserEntity user = new UserEntity(body.username(), hasher.unusable(), clock.instant());
          Rights before = Rights.of(user);
          apply(em, user, body, false, UserView.readOnly(null));
          Authority.requireMayGrant(actor, before, Rights.of(user), source(user));
          em.persist(user);
          return user;
        });
  }

  /** Replaces the user's fields, or with {@code partial} those present. */
  public UserView update(User actor, long id, UserInput input, boolean partial) {
    return save(
        em -> {
          UserEntity user = find(em, id);
          Rights before = Rights.of(user);
          Authority.requireMayChange(actor, before);
          apply(em, user, input, partial, UserView.readOnly(user));
          Rights after = Rights.of(user);
          Authority.requireMayGrant(actor, before, after, source(user));
          Authority.requireSuperuserLeft(em, id, user.username(), before, after);
          if (before.active() && !after.active()) {
            Credentials.deactivated(em, id, clock.instant());
          }
          return user;
        });
  }

  /** Deletes the user; joins the caller's transaction, if any (all or none). */
  public void delete(User actor, long id) {
    try {
      tx.required(
          em -> {
            UserEntity user = find(em, id);
            Rights rights = Rights.of(user);
            Authority.requireMayChange(actor, rights);
            Authority.requireSuperuserLeft(em, id, user.username(), rights, null);
            em.remove(user);
            em.flush();
            return null;
          });
    } catch (RuntimeException e) {
      throw Constraints.whenReferred(
          e, "User " + id, "deactivate the user instead, or remove those first.");
    }
  }

  /** Whether the actor may change the user ({@link Authority#beyond}); false for no such user. */
  public boolean mayChange(User actor, long id) {
    return tx.readOnly(
        em -> {
          UserEntity user = em.find(UserEntity.class, id);
          return user != null && Authority.beyond(actor, Rights.of(user)) == null;
        });
  }

  /** Sets a local password; what the user held with the old one ends ({@link Credentials}). */
  public void setPassword(User actor, long id, char[] password) {
    PasswordRules.Person person =
        tx.readOnly(
            em -> {
              UserEntity user = find(em, id);
              // who may not change the user learns nothing about her from the password's problems
              Authority.requireMayChange(actor, Rights.of(user));
              return new PasswordRules.Person(
                  user.username(), user.firstName(), user.lastName(), user.email());
            });
    rules.require("password", password, person);
    String hash = hasher.hash(password);
    tx.required(
        em -> {
          UserEntity user = find(em, id);
          Authority.requireMayChange(actor, Rights.of(user));
          user.password(hash);
          Credentials.passwordChanged(em, id, user.username(), null, clock.instant());
          return null;
        });
  }

  /** The field a user's permission comes from: her own, else one of her groups'. */
  private static Function<String, String> source(UserEntity user) {
    return p -> user.permissions().contains(p) ? "user_permissions" : "groups";
  }

  /** Runs the change, flushes so the database checks it, and answers a taken username as 400. */
  private UserView save(Function<EntityManager, UserEntity> change) {
    try {
      return tx.required(
          em -> {
            UserEntity user = change.apply(em);
            em.flush();
            return UserView.of(user);
          });
    } catch (RuntimeException e) {
      if (Constraints.uniqueViolated(e, Constraints.USERNAME_UNIQUE)) {
        throw FieldErrors.single("username", "already taken");
      }
      throw e;
    }
  }

  /**
   * Checks the input and copies it onto the user; PATCH copies only what is sent. A null is taken
   * as sent, as the inventory takes it: a name, the address, the groups and the permissions are
   * emptied; the username is required; a yes/no, which has no empty value, is refused in a patch
   * ({@link FieldErrors#NOT_NULL}) and takes its default in a create or replace. A read-only field
   * must be sent with the value {@code held} (the row's, as {@link UserView#readOnly} gives it).
   */
  private void apply(
      EntityManager em, UserEntity user, UserInput in, boolean partial, Map<String, Object> held) {
    FieldErrors errors = new FieldErrors();
    SentBack.check(errors, in.readOnly(), held);
    if (!partial || in.sent("username")) {
      errors.check("username", Validation.username(in.username()));
    }
    errors.check("first_name", Validation.name(in.firstName(), user.firstName()));
    errors.check("last_name", Validation.name(in.lastName(), user.lastName()));
    errors.check("email", Validation.email(in.email(), false, user.email()));
    errors.check("is_active", nullRefused(partial, in, "is_active", in.active()));
    errors.check("is_staff", nullRefused(partial, in, "is_staff", in.staff()));
    errors.check("is_superuser", nullRefused(partial, in, "is_superuser", in.superuser()));
    List<GroupEntity> groups = in.groups() == null ? List.of() : groups(em, in.groups(), errors);
    if (in.permissions() != null) {
      Names.permissions(
          errors, "user_permissions", in.permissions(), user.permissions(), knownPermissions);
    }
    errors.throwIfAny();
    if (!partial || in.sent("username")) {
      user.username(in.username());
    }
    if (!partial || in.sent("first_name")) {
      user.firstName(orEmpty(in.firstName()));
    }
    if (!partial || in.sent("last_name")) {
      user.lastName(orEmpty(in.lastName()));
    }
    if (!partial || in.sent("email")) {
      user.email(orEmpty(in.email()));
    }
    if (!partial || in.sent("is_active")) {
      user.active(in.active() == null || in.active());
    }
    if (!partial || in.sent("is_staff")) {
      user.staff(in.staff() != null && in.staff());
    }
    if (!partial || in.sent("is_superuser")) {
      user.superuser(in.superuser() != null && in.superuser());
    }
    if (!partial || in.sent("groups")) {
      user.groups().clear();
      user.groups().addAll(groups);
    }
    if (!partial || in.sent("user_permissions")) {
      user.permissions().clear();
      if (in.permissions() != null) {
        user.permissions().addAll(in.permissions());
      }
    }
  }

  /** The problem of a yes/no sent as null in a patch, which would otherwise mean nothing. */
  private static String nullRefused(boolean partial, UserInput in, String field, Boolean value) {
    return partial && in.sent(field) && value == null ? FieldErrors.NOT_NULL : null;
  }

  private static List<GroupEntity> groups(EntityManager em, List<Long> ids, FieldErrors errors) {
    Set<Long> wanted = new HashSet<>();
    for (Long id : ids) {
      if (id == null) {
        errors.check("groups", "must be group ids");
      } else {
        wanted.add(id);
      }
    }
    if (wanted.isEmpty()) {
      return List.of();
    }
    List<GroupEntity> found =
        em.createQuery("select g from GroupEntity g where g.id in :ids", GroupEntity.class)
            .setParameter("ids", wanted)
            .getResultList();
    found.forEach(g -> wanted.remove(g.id()));
    wanted.stream().sorted().forEach(id -> errors.check("groups", "no group with id " + id));
    return found;
  }

  static UserEntity find(EntityManager em, long id) {
    UserEntity user = em.find(UserEntity.class, id);
    if (user == null) {
      throw ProblemException.notFound("No user with id " + id + ".");
    }
    return user;
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }
}
