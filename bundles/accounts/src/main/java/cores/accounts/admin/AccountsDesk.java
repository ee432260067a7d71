package cores.accounts.admin;

import cores.accounts.Authority;
import cores.accounts.Authority.Rights;
import cores.accounts.DatabaseClock;
import cores.accounts.Keys;
import cores.accounts.KnownPermissions;
import cores.accounts.PasswordHasher;
import cores.accounts.PasswordRules;
import cores.accounts.TokenService;
import cores.accounts.entity.GroupEntity;
import cores.accounts.entity.TokenEntity;
import cores.accounts.entity.UserEntity;
import cores.accounts.rest.GroupInput;
import cores.accounts.rest.GroupWrites;
import cores.accounts.rest.UserInput;
import cores.accounts.rest.UserWrites;
import cores.api.accounts.Tokens;
import cores.api.accounts.User;
import cores.api.admin.AdminDesk;
import cores.api.admin.AdminField;
import cores.api.admin.AdminModel;
import cores.api.config.SiteZone;
import cores.api.persistence.Transactions;
import cores.api.web.Access;
import cores.api.web.Checkbox;
import cores.api.web.FieldErrors;
import cores.api.web.ProblemException;
import jakarta.persistence.EntityManager;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The accounts' models for the admin pages: users and groups written through the same code as the
 * API's ({@link UserWrites}, {@link GroupWrites}: who may grant what is {@link Authority}'s), API
 * tokens issued for any user whose rights the actor holds (the key returned once, only its hash
 * kept) and revoked, and the impersonation log, read only. The admin refuses these writes while the
 * visitor impersonates someone ({@link AdminModel#notWhileImpersonating}), as the API does.
 */
@Component(service = AdminDesk.class)
public final class AccountsDesk implements AdminDesk {
  private static final int MAX_OPTIONS = 1000;

  private final Transactions tx;
  private final UserWrites users;
  private final GroupWrites groups;
  private final Tokens tokens;

  /** The site's, in which the lists and forms show times. */
  private final SiteZone zone;

  @Activate
  public AccountsDesk(
      @Reference(target = "(osgi.unit.name=cores.accounts)") Transactions tx,
      @Reference Tokens tokens,
      @Reference KnownPermissions knownPermissions,
      @Reference PasswordRules rules,
      @Reference SiteZone zone) {
    this(
        tx,
        tokens,
        new PasswordHasher(new SecureRandom()),
        DatabaseClock.create(),
        knownPermissions::names,
        rules,
        zone);
  }

  AccountsDesk(
      Transactions tx,
      Tokens tokens,
      PasswordHasher hasher,
      Clock clock,
      Supplier<Set<String>> knownPermissions,
      PasswordRules rules,
      SiteZone zone) {
    this.tx = tx;
    this.zone = zone;
    this.users = new UserWrites(tx, hasher, clock, knownPermissions, rules);
    this.groups = new GroupWrites(tx, knownPermissions);
    this.tokens = tokens;
  }

  @Override
  public List<AdminModel> models() {
    return AccountModels.ALL;
  }

  /** The admin is for active staff (superusers are staff), each model by its permissions. */
  private static User require(User user, AdminModel model, String action) {
    String permission = model.permission(action);
    boolean staff = user != null && user.active() && (user.staff() || user.superuser());
    if (!staff || !user.hasPermission(permission)) {
      throw Access.forbidden("This needs the permission " + permission + ".");
    }
    return user;
  }

  private static AdminModel known(AdminModel model) {
    if (!AccountModels.ALL.contains(model)) {
      throw ProblemException.notFound("No model " + model.name() + " here.");
    }
    return model;
  }

  @Override
  public Rows list(
      User user,
      AdminModel model,
      String search,
      Map<String, String> filters,
      String sort,
      int page) {
    require(user, known(model), "view");
    return tx.readOnly(em -> Listings.rows(em, model, search, filters, sort, page, zone));
  }

  /** In one statement, with the list's permission and filters. */
  @Override
  public List<Long> ids(
      User user,
      AdminModel model,
      String search,
      Map<String, String> filters,
      String sort,
      int limit) {
    require(user, known(model), "view");
    return tx.readOnly(em -> Listings.ids(em, model, search, filters, sort, limit));
  }

  @Override
  public Map<String, String> get(User user, AdminModel model, long id) {
    require(user, known(model), "view");
    Map<String, String> values = new LinkedHashMap<>();
    tx.readOnly(
        em -> {
          if (model == AccountModels.USER) {
            UserEntity u = found(em.find(UserEntity.class, id), model, id);
            values.put("username", u.username());
            values.put("first_name", u.firstName());
            values.put("last_name", u.lastName());
            values.put("email", u.email());
            values.put("is_active", String.valueOf(u.active()));
            values.put("is_staff", String.valueOf(u.staff()));
            values.put("is_superuser", String.valueOf(u.superuser()));
            values.put("groups", lines(u.groups().stream().map(g -> String.valueOf(g.id()))));
            values.put("user_permissions", lines(u.permissions().stream()));
            values.put("last_login", Listings.when(u.lastLogin(), zone));
            values.put("date_joined", Listings.when(u.dateJoined(), zone));
          } else if (model == AccountModels.GROUP) {
            GroupEntity g = found(em.find(GroupEntity.class, id), model, id);
            values.put("name", g.name());
            values.put("permissions", lines(g.permissions().stream()));
          } else {
            Map<String, String> row = Listings.row(em, model, id, zone);
            if (row == null) {
              throw ProblemException.notFound("No " + model.name() + " " + id + ".");
            }
            values.putAll(row);
            if (model == AccountModels.TOKEN) {
              // the form shows the user by id, as a reference
              values.put("user", String.valueOf(em.find(TokenEntity.class, id).userId()));
            }
          }
          return null;
        });
    values.put("id", String.valueOf(id));
    return values;
  }

  @Override
  public String label(AdminModel model, long id) {
    return labels(model, List.of(id)).get(id);
  }

  @Override
  public Map<Long, String> labels(AdminModel model, Collection<Long> ids) {
    AdminModel known = known(model);
    return tx.readOnly(em -> Listings.labels(em, known, ids));
  }

  @Override
  public Map<Long, String> existing(AdminModel model, Collection<Long> ids) {
    AdminModel known = known(model);
    return tx.readOnly(em -> Listings.existing(em, known, ids));
  }

  @Override
  public Map<Long, String> options(User user, AdminField field) {
    return options(user, field, "", MAX_OPTIONS);
  }

  @Override
  public Map<Long, String> options(User user, AdminField field, String term, int limit) {
    AdminModel target =
        AccountModels.ALL.stream()
            .filter(m -> m.name().equals(field.target()))
            .findFirst()
            .orElseThrow(() -> ProblemException.notFound("No model " + field.target() + " here."));
    if (user == null || !user.active() || !(user.staff() || user.superuser())) {
      throw Access.forbidden("The admin is for staff.");
    }
    return tx.readOnly(em -> Listings.matching(em, target, term, limit));
  }

  @Override
  public long create(User user, AdminModel model, Map<String, String> values) {
    return createShown(user, model, values).id();
  }

  @Override
  public Created createShown(User user, AdminModel model, Map<String, String> values) {
    User actor = require(user, known(model), "add");
    if (model == AccountModels.USER) {
      return new Created(users.create(actor, userInput(values)).id(), null);
    }
    if (model == AccountModels.GROUP) {
      return new Created(groups.create(actor, groupInput(values)).id(), null);
    }
    if (model == AccountModels.TOKEN) {
      return issue(actor, values);
    }
    throw Access.forbidden("The " + model.plural() + " are read only.");
  }

  /**
   * A token for any user whose rights the actor holds, as a password for them would be: it is a way
   * into their account. Only the key's hash is kept; the key is returned to be shown once.
   */
  private Created issue(User actor, Map<String, String> values) {
    FieldErrors errors = new FieldErrors();
    String label = values.getOrDefault("label", "").strip();
    errors.check("label", TokenService.checkLabel(label));
    Long userId = id(values.get("user"), "user", errors);
    errors.throwIfAny();
    return tx.required(
        em -> {
          UserEntity owner = em.find(UserEntity.class, userId);
          if (owner == null) {
            throw FieldErrors.single("user", "no user " + userId);
          }
          Authority.requireMayChange(actor, Rights.of(owner));
          String key = tokens.issue(userId, label);
          long id =
              em.createQuery("select t.id from TokenEntity t where t.keyHash = :hash", Long.class)
                  .setParameter("hash", Keys.hash(key))
                  .getSingleResult();
          return new Created(id, key);
        });
  }

  /** The password form's second field: the same password again. */
  static final String CONFIRMATION = "password_confirmation";

  /** A user's password form only for those the user may change (not a superuser, for staff). */
  @Override
  public boolean offers(User user, AdminModel model, long id, String form) {
    return AdminDesk.super.offers(user, model, id, form)
        && (model != AccountModels.USER || users.mayChange(user, id));
  }

  @Override
  public void submit(
      User user, AdminModel model, long id, String form, Map<String, String> values) {
    if (model != AccountModels.USER || !"password".equals(form)) {
      throw ProblemException.notFound("No form " + form + " for " + model.plural() + ".");
    }
    User actor = require(user, model, "change");
    String password = values.get("password");
    // a typo would lock the user out: the password is typed twice, as in Django
    if (password != null
        && !password.isEmpty()
        && !password.equals(values.getOrDefault(CONFIRMATION, ""))) {
      throw FieldErrors.single(CONFIRMATION, "does not match the password: type it again");
    }
    users.setPassword(actor, id, password == null ? null : password.toCharArray());
  }

  @Override
  public void update(User user, AdminModel model, long id, Map<String, String> values) {
    User actor = require(user, known(model), "change");
    if (model == AccountModels.USER) {
      users.update(actor, id, userInput(values), false);
    } else if (model == AccountModels.GROUP) {
      groups.update(actor, id, groupInput(values), false);
    } else {
      throw Access.forbidden("The " + model.plural() + " are not changed, only added or deleted.");
    }
  }

  @Override
  public List<String> consequences(User user, AdminModel model, List<Long> ids) {
    require(user, known(model), "delete");
    return tx.readOnly(em -> Listings.consequences(em, model, ids));
  }

  @Override
  public List<String> obstacles(User user, AdminModel model, List<Long> ids) {
    require(user, known(model), "delete");
    return tx.readOnly(em -> Listings.obstacles(em, model, ids));
  }

  @Override
  public void bulk(User user, AdminModel model, String action, List<Long> ids) {
    throw ProblemException.badRequest("No action " + action + " for " + model.plural() + ".");
  }

  /** Deletes all or, on any refusal, none: each as the API deletes it, in one transaction. */
  @Override
  public void delete(User user, AdminModel model, List<Long> ids) {
    User actor = require(user, known(model), "delete");
    if (model == AccountModels.IMPERSONATION) {
      throw Access.forbidden("The impersonation log is read only.");
    }
    tx.required(
        em -> {
          for (long id : ids) {
            if (model == AccountModels.USER) {
              users.delete(actor, id);
            } else if (model == AccountModels.GROUP) {
              groups.delete(id);
            } else {
              revoke(em, actor, id);
            }
          }
          return null;
        });
  }

  /** Revoking a token takes holding its user's rights, as issuing it does. */
  private static void revoke(EntityManager em, User actor, long id) {
    TokenEntity token = em.find(TokenEntity.class, id);
    if (token == null) {
      throw ProblemException.notFound("No token " + id + ".");
    }
    UserEntity owner = em.find(UserEntity.class, token.userId());
    Authority.requireMayChange(actor, Rights.of(owner));
    em.remove(token);
  }

  /** A user form's values as the API's input (every field given, as a replace). */
  static UserInput userInput(Map<String, String> values) {
    FieldErrors errors = new FieldErrors();
    List<Long> groupIds = new ArrayList<>();
    for (String id : split(values.get("groups"))) {
      groupIds.add(id(id, "groups", errors));
    }
    errors.throwIfAny();
    return new UserInput(
        values.getOrDefault("username", "").strip(),
        values.getOrDefault("first_name", "").strip(),
        values.getOrDefault("last_name", "").strip(),
        values.getOrDefault("email", "").strip(),
        Checkbox.ticked(values.get("is_active")),
        Checkbox.ticked(values.get("is_staff")),
        Checkbox.ticked(values.get("is_superuser")),
        groupIds,
        split(values.get("user_permissions")));
  }

  static GroupInput groupInput(Map<String, String> values) {
    return new GroupInput(
        values.getOrDefault("name", "").strip(), split(values.get("permissions")));
  }

  /** A multi's values, one a line. */
  private static List<String> split(String value) {
    if (value == null || value.isBlank()) {
      return List.of();
    }
    return Arrays.stream(value.split("\n")).map(String::strip).filter(v -> !v.isEmpty()).toList();
  }

  private static String lines(Stream<String> values) {
    return String.join("\n", values.sorted().toList());
  }

  private static Long id(String text, String field, FieldErrors errors) {
    try {
      return Long.parseLong(text == null ? "" : text.strip());
    } catch (NumberFormatException e) {
      errors.check(field, text == null || text.isBlank() ? "required" : "must be an id");
      return null;
    }
  }

  private static <T> T found(T entity, AdminModel model, long id) {
    if (entity == null) {
      throw ProblemException.notFound("No " + model.name() + " " + id + ".");
    }
    return entity;
  }
}
