package cores.accounts.rest;

import cores.accounts.Authority;
import cores.accounts.Authority.Rights;
import cores.accounts.Constraints;
import cores.accounts.Credentials;
import cores.accounts.DatabaseClock;
import cores.accounts.PasswordHasher;
import cores.accounts.Validation;
import cores.accounts.entity.GroupEntity;
import cores.accounts.entity.UserEntity;
import cores.api.accounts.Permissions;
import cores.api.accounts.User;
import cores.api.persistence.Transactions;
import cores.api.web.Access;
import cores.api.web.ApiDoc;
import cores.api.web.ApiSchemas;
import cores.api.web.FieldErrors;
import cores.api.web.JsonShape;
import cores.api.web.Page;
import cores.api.web.ProblemException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * {@code /api/auth/users}: list (filters {@code username}, {@code email}, both ignoring case),
 * create, read, replace, update, delete, and set a password. Who may grant what to whom is {@link
 * Authority}'s rule; none of these writes is allowed while impersonating.
 */
@JakartarsResource
@Component(service = UsersResource.class)
@Path("auth/users")
@ApiDoc(permission = "auth.{action}_user")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class UsersResource implements ApiSchemas {
  /** Who may write: the permission of the method's action, never while impersonating. */
  private static final String WRITE = "auth.{action}_user; " + ApiDoc.NOT_WHILE_IMPERSONATING;

  /** The original's default page size for this list. */
  private static final int PAGE_SIZE = 100;

  static final String VIEW = Permissions.of("auth", "view", "user");
  static final String ADD = Permissions.of("auth", "add", "user");
  static final String CHANGE = Permissions.of("auth", "change", "user");
  static final String DELETE = Permissions.of("auth", "delete", "user");

  /** What is refused while impersonating (see {@link Access#requireNotImpersonating}). */
  static final String ADMINISTER = "change users or their passwords";

  /** EclipseLink's query hints (org.eclipse.persistence.config.QueryHints), by name. */
  private static final String BATCH = "eclipselink.batch";

  private static final String BATCH_TYPE = "eclipselink.batch.type";

  private final Transactions tx;
  private final PasswordHasher hasher;
  private final Clock clock;

  @Activate
  public UsersResource(@Reference(target = "(osgi.unit.name=cores.accounts)") Transactions tx) {
    this(tx, new PasswordHasher(new SecureRandom()), DatabaseClock.create());
  }

  UsersResource(Transactions tx, PasswordHasher hasher, Clock clock) {
    this.tx = tx;
    this.hasher = hasher;
    this.clock = clock;
  }

  @GET
  public Page<UserView> list(
      @QueryParam("limit") String limit,
      @QueryParam("offset") String offset,
      @QueryParam("username") String username,
      @QueryParam("email") String email,
      @Context SecurityContext security,
      @Context UriInfo uri) {
    Access.require(security, VIEW);
    Page.Window window = Page.Window.of(limit, offset, PAGE_SIZE);
    Map<String, String> filters = new LinkedHashMap<>();
    if (username != null) {
      filters.put("username", username);
    }
    if (email != null) {
      filters.put("email", email);
    }
    StringBuilder where = new StringBuilder(" from UserEntity u where 1 = 1");
    // only the fixed names above reach the query text; values are parameters
    filters
        .keySet()
        .forEach(
            f ->
                where
                    .append(" and lower(u.")
                    .append(f)
                    .append(") = lower(:")
                    .append(f)
                    .append(')'));
    return tx.readOnly(
        em -> {
          TypedQuery<Long> count = em.createQuery("select count(u)" + where, Long.class);
          TypedQuery<UserEntity> rows =
              em.createQuery("select u" + where + " order by u.id", UserEntity.class);
          filters.forEach(
              (name, value) -> {
                count.setParameter(name, value);
                rows.setParameter(name, value);
              });
          // groups and permissions of the whole page in a few queries instead of a few per user
          rows.setHint(BATCH_TYPE, "IN")
              .setHint(BATCH, "u.groups")
              .setHint(BATCH, "u.permissions")
              .setHint(BATCH, "u.groups.permissions");
          List<UserView> results =
              rows
                  .setFirstResult(window.offset())
                  .setMaxResults(window.limit())
                  .getResultList()
                  .stream()
                  .map(UserView::of)
                  .toList();
          return window.page(count.getSingleResult(), results, uri);
        });
  }

  @POST
  @ApiDoc(permission = WRITE, request = "user_input")
  public Response create(
      UserInput input,
      @Context SecurityContext security,
      @Context ContainerRequestContext request,
      @Context UriInfo uri) {
    User actor = Access.require(security, ADD);
    Access.requireNotImpersonating(request, ADMINISTER);
    UserInput body = required(input);
    UserView created =
        save(
            em -> {
              UserEntity user = new UserEntity(body.username(), hasher.unusable(), clock.instant());
              Rights before = Rights.of(user);
              apply(em, user, body, false);
              Authority.requireMayGrant(actor, before, Rights.of(user));
              em.persist(user);
              return user;
            });
    return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(created.id())).build())
        .entity(created)
        .build();
  }

  @GET
  @Path("{id}")
  public UserView get(@PathParam("id") long id, @Context SecurityContext security) {
    Access.require(security, VIEW);
    return tx.readOnly(em -> UserView.of(find(em, id)));
  }

  @PUT
  @Path("{id}")
  @ApiDoc(permission = WRITE, request = "user_input")
  public UserView replace(
      @PathParam("id") long id,
      UserInput input,
      @Context SecurityContext security,
      @Context ContainerRequestContext request) {
    return update(id, required(input), false, security, request);
  }

  @PATCH
  @Path("{id}")
  @ApiDoc(permission = WRITE, request = "user_patch")
  public UserView patch(
      @PathParam("id") long id,
      UserInput input,
      @Context SecurityContext security,
      @Context ContainerRequestContext request) {
    return update(id, required(input), true, security, request);
  }

  @DELETE
  @Path("{id}")
  @ApiDoc(permission = WRITE)
  public void delete(
      @PathParam("id") long id,
      @Context SecurityContext security,
      @Context ContainerRequestContext request) {
    User actor = Access.require(security, DELETE);
    Access.requireNotImpersonating(request, ADMINISTER);
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

  /** Sets a local password; what the user held with the old one ends ({@link Credentials}). */
  @POST
  @Path("{id}/password")
  @ApiDoc(
      value = "Sets a local password; the user's sessions and API tokens end",
      permission = "auth.change_user; " + ApiDoc.NOT_WHILE_IMPERSONATING)
  public void setPassword(
      @PathParam("id") long id,
      PasswordInput input,
      @Context SecurityContext security,
      @Context ContainerRequestContext request) {
    User actor = Access.require(security, CHANGE);
    Access.requireNotImpersonating(request, ADMINISTER);
    char[] password =
        input == null || input.password() == null ? null : input.password().toCharArray();
    String problem = Validation.password(password);
    if (problem != null) {
      throw FieldErrors.single("password", problem);
    }
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

  private UserView update(
      long id,
      UserInput input,
      boolean partial,
      SecurityContext security,
      ContainerRequestContext request) {
    User actor = Access.require(security, CHANGE);
    Access.requireNotImpersonating(request, ADMINISTER);
    return save(
        em -> {
          UserEntity user = find(em, id);
          Rights before = Rights.of(user);
          Authority.requireMayChange(actor, before);
          apply(em, user, input, partial);
          Rights after = Rights.of(user);
          Authority.requireMayGrant(actor, before, after);
          Authority.requireSuperuserLeft(em, id, user.username(), before, after);
          if (before.active() && !after.active()) {
            Credentials.deactivated(em, id, clock.instant());
          }
          return user;
        });
  }

  /** Runs the change, flushes so the database checks it, and answers a taken username as 400. */
  private UserView save(java.util.function.Function<EntityManager, UserEntity> change) {
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
   * What {@link #apply} lets through, as a JSON Schema: the components of {@link UserInput}
   * (Jackson refuses other keys), each as its check reads it; a create or replace needs the
   * username.
   */
  static Map<String, Object> inputSchema(boolean whole) {
    Map<String, Object> schema =
        JsonShape.of()
            .with(
                "username",
                whole
                    ? Validation.USERNAME_SCHEMA
                    : JsonShape.described(
                        JsonShape.nullable(Validation.USERNAME_SCHEMA), "null: unchanged"))
            .with("first_name", Validation.NAME_SCHEMA)
            .with("last_name", Validation.NAME_SCHEMA)
            .with("email", Validation.EMAIL_SCHEMA)
            .with("is_active", JsonShape.nullable(JsonShape.BOOLEAN))
            .with("is_staff", JsonShape.nullable(JsonShape.BOOLEAN))
            .with("is_superuser", JsonShape.nullable(JsonShape.BOOLEAN))
            .with(
                "groups",
                JsonShape.nullable(
                    JsonShape.arrayOf(
                        JsonShape.described(
                            Map.of("type", "integer", "minimum", 1), "a group's id"))))
            .with(
                "user_permissions",
                JsonShape.nullable(
                    JsonShape.arrayOf(
                        Map.of(
                            "type",
                            "string",
                            "maxLength",
                            Names.PERMISSION_MAX,
                            "pattern",
                            "^" + Permissions.NAME.pattern() + "$"))))
            .schema(
                whole
                    ? "a new or replaced user; absent fields take their defaults"
                    : "the fields of a user to change");
    schema.put("required", whole ? List.of("username") : List.of());
    return schema;
  }

  @Override
  public Map<String, Map<String, Object>> schemas() {
    return Map.of("user_input", inputSchema(true), "user_patch", inputSchema(false));
  }

  /** Checks the input and copies it onto the user; PATCH copies only what is present. */
  private static void apply(EntityManager em, UserEntity user, UserInput in, boolean partial) {
    FieldErrors errors = new FieldErrors();
    if (!partial || in.username() != null) {
      errors.check("username", Validation.username(in.username()));
    }
    errors.check("first_name", Validation.name(in.firstName()));
    errors.check("last_name", Validation.name(in.lastName()));
    errors.check("email", Validation.email(in.email(), false));
    List<GroupEntity> groups = in.groups() == null ? null : groups(em, in.groups(), errors);
    if (in.permissions() != null) {
      in.permissions().forEach(p -> errors.check("user_permissions", Names.permission(p)));
    }
    errors.throwIfAny();
    if (!partial || in.username() != null) {
      user.username(in.username());
    }
    if (!partial || in.firstName() != null) {
      user.firstName(orEmpty(in.firstName()));
    }
    if (!partial || in.lastName() != null) {
      user.lastName(orEmpty(in.lastName()));
    }
    if (!partial || in.email() != null) {
      user.email(orEmpty(in.email()));
    }
    if (!partial || in.active() != null) {
      user.active(in.active() == null || in.active());
    }
    if (!partial || in.staff() != null) {
      user.staff(in.staff() != null && in.staff());
    }
    if (!partial || in.superuser() != null) {
      user.superuser(in.superuser() != null && in.superuser());
    }
    if (!partial || groups != null) {
      user.groups().clear();
      if (groups != null) {
        user.groups().addAll(groups);
      }
    }
    if (!partial || in.permissions() != null) {
      user.permissions().clear();
      if (in.permissions() != null) {
        user.permissions().addAll(in.permissions());
      }
    }
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

  private static UserEntity find(EntityManager em, long id) {
    UserEntity user = em.find(UserEntity.class, id);
    if (user == null) {
      throw ProblemException.notFound("No user with id " + id + ".");
    }
    return user;
  }

  private static UserInput required(UserInput input) {
    if (input == null) {
      throw ProblemException.badRequest("A JSON body is required.");
    }
    return input;
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }
}
