package cores.accounts;

import cores.accounts.entity.GroupEntity;
import cores.accounts.entity.UserEntity;
import cores.api.accounts.Accounts;
import cores.api.accounts.User;
import cores.api.auth.Identity;
import cores.api.persistence.Transactions;
import jakarta.persistence.EntityManager;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The local account store: users, their groups and permissions. */
@Component(service = Accounts.class)
public final class AccountsService implements Accounts {
  private final Transactions tx;
  private final PasswordHasher hasher;
  private final Clock clock;
  private final PasswordRules rules;

  @Activate
  public AccountsService(
      @Reference(target = "(osgi.unit.name=cores.accounts)") Transactions tx,
      @Reference PasswordRules rules) {
    this(tx, new PasswordHasher(new SecureRandom()), DatabaseClock.create(), rules);
  }

  AccountsService(Transactions tx, PasswordHasher hasher, Clock clock, PasswordRules rules) {
    this.tx = tx;
    this.hasher = hasher;
    this.clock = clock;
    this.rules = rules;
  }

  @Override
  public Optional<User> find(long id) {
    return tx.readOnly(
        em -> Optional.ofNullable(em.find(UserEntity.class, id)).map(UserMapping::toUser));
  }

  @Override
  public Optional<User> findByUsername(String username) {
    if (username == null) {
      return Optional.empty();
    }
    return tx.readOnly(em -> UserMapping.byUsername(em, username).map(UserMapping::toUser));
  }

  @Override
  public List<User> search(String text, int limit) {
    String needle = text == null ? "" : text.strip();
    if (needle.isEmpty() || limit <= 0) {
      return List.of();
    }
    String pattern = "%" + needle.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    return tx.readOnly(
        em -> {
          Map<Long, UserEntity> found = new LinkedHashMap<>();
          UserMapping.byUsername(em, needle).ifPresent(u -> found.put(u.id(), u));
          em.createQuery(
                  "select u from UserEntity u where lower(u.username) like lower(:p) escape '!'"
                      + " or lower(u.email) like lower(:p) escape '!'"
                      + " or lower(concat(u.firstName, ' ', u.lastName)) like lower(:p) escape '!'"
                      + " order by u.username",
                  UserEntity.class)
              .setParameter("p", pattern)
              .setMaxResults(limit)
              .getResultList()
              .forEach(u -> found.putIfAbsent(u.id(), u));
          return found.values().stream().limit(limit).map(UserMapping::toUser).toList();
        });
  }

  @Override
  public User createSuperuser(String username, String email, char[] password) {
    Validation.require("username", Validation.username(username));
    Validation.require("email", Validation.email(email, true));
    List<String> weak =
        rules.problems(password, new PasswordRules.Person(username, null, null, email));
    if (!weak.isEmpty()) {
      throw new IllegalArgumentException("password: " + String.join(" ", weak));
    }
    // hashed outside the transaction: it takes a while and needs no connection
    String hash = hasher.hash(password);
    try {
      return tx.required(
          em -> {
            UserEntity user = new UserEntity(username, hash, clock.instant());
            user.email(email);
            user.staff(true);
            user.superuser(true);
            em.persist(user);
            em.flush();
            return UserMapping.toUser(user);
          });
    } catch (RuntimeException e) {
      if (Constraints.uniqueViolated(e, Constraints.USERNAME_UNIQUE)) {
        throw new IllegalArgumentException("username: already taken", e);
      }
      throw e;
    }
  }

  @Override
  public User provision(Identity identity) {
    // not Django's character rule: directories have names with spaces, and so had the original
    Validation.require("username", Validation.storableUsername(identity.username()));
    if (vouchesForNameOnly(identity)) {
      // nothing to write for a known user (the local login, HTTP Basic on every request): a read
      Optional<User> known = findByUsername(identity.username());
      if (known.isPresent()) {
        return known.get();
      }
    }
    try {
      return tx.required(em -> provision(em, identity));
    } catch (RuntimeException e) {
      // two first logins of the same user (or group) raced on two instances: the other one won,
      // so the row exists now and a second attempt refreshes it
      if (Constraints.uniqueViolated(e, Constraints.USERNAME_UNIQUE)
          || Constraints.uniqueViolated(e, Constraints.GROUP_NAME_UNIQUE)) {
        return tx.required(em -> provision(em, identity));
      }
      throw e;
    }
  }

  private static boolean vouchesForNameOnly(Identity identity) {
    return identity.firstName() == null
        && identity.lastName() == null
        && identity.email() == null
        && identity.staff() == null
        && identity.superuser() == null
        && identity.groups() == null;
  }

  private User provision(EntityManager em, Identity identity) {
    UserEntity user =
        UserMapping.byUsername(em, identity.username())
            .orElseGet(
                () -> {
                  UserEntity created =
                      new UserEntity(identity.username(), hasher.unusable(), clock.instant());
                  em.persist(created);
                  return created;
                });
    if (identity.firstName() != null) {
      user.firstName(clip(identity.firstName(), Validation.NAME_MAX));
    }
    if (identity.lastName() != null) {
      user.lastName(clip(identity.lastName(), Validation.NAME_MAX));
    }
    if (identity.email() != null) {
      user.email(clip(identity.email(), Validation.EMAIL_MAX));
    }
    if (identity.staff() != null) {
      user.staff(identity.staff());
    }
    if (identity.superuser() != null) {
      user.superuser(identity.superuser());
    }
    if (identity.groups() != null) {
      Set<GroupEntity> groups = groupsNamed(em, identity.groups());
      user.groups().retainAll(groups);
      user.groups().addAll(groups);
    }
    em.flush();
    return UserMapping.toUser(user);
  }

  /** The groups with these names; missing ones are created, as the provider vouches for them. */
  private static Set<GroupEntity> groupsNamed(EntityManager em, Set<String> names) {
    Set<GroupEntity> result = new HashSet<>();
    if (names.isEmpty()) {
      return result;
    }
    List<GroupEntity> existing =
        em.createQuery("select g from GroupEntity g where g.name in :names", GroupEntity.class)
            .setParameter("names", names)
            .getResultList();
    result.addAll(existing);
    Set<String> missing = new HashSet<>(names);
    existing.forEach(g -> missing.remove(g.name()));
    for (String name : missing) {
      GroupEntity group = new GroupEntity(name);
      em.persist(group);
      result.add(group);
    }
    return result;
  }

  /** External directories may hold longer values than the columns; a login must not fail on it. */
  private static String clip(String value, int max) {
    return value.length() <= max ? value : value.substring(0, max);
  }
}
