package cores.accounts.rest;

import cores.accounts.Authority;
import cores.accounts.Credentials;
import cores.accounts.DatabaseClock;
import cores.accounts.KnownPermissions;
import cores.accounts.PasswordHasher;
import cores.accounts.PasswordRules;
import cores.accounts.Validation;
import cores.accounts.entity.UserEntity;
import cores.api.accounts.Permissions;
import cores.api.accounts.User;
import cores.api.persistence.Transactions;
import cores.api.web.Access;
import cores.api.web.ApiDoc;
import cores.api.web.ApiSchemas;
import cores.api.web.JsonShape;
import cores.api.web.Page;
import cores.api.web.ProblemException;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
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
  public static final String ADMINISTER = "change users or their passwords";

  /** EclipseLink's query hints (org.eclipse.persistence.config.QueryHints), by name. */
  private static final String BATCH = "eclipselink.batch";

  private static final String BATCH_TYPE = "eclipselink.batch.type";

  private final Transactions tx;
  private final UserWrites writes;

  @Activate
  public UsersResource(
      @Reference(target = "(osgi.unit.name=cores.accounts)") Transactions tx,
      @Reference KnownPermissions knownPermissions,
      @Reference PasswordRules rules) {
    this(
        tx,
        new PasswordHasher(new SecureRandom()),
        DatabaseClock.create(),
        knownPermissions::names,
        rules);
  }

  UsersResource(
      Transactions tx,
      PasswordHasher hasher,
      Clock clock,
      Supplier<Set<String>> knownPermissions,
      PasswordRules rules) {
    this.tx = tx;
    this.writes = new UserWrites(tx, hasher, clock, knownPermissions, rules);
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
    UserView created = writes.create(actor, required(input));
    return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(created.id())).build())
        .entity(created)
        .build();
  }

  @GET
  @Path("{id}")
  public UserView get(@PathParam("id") long id, @Context SecurityContext security) {
    Access.require(security, VIEW);
    return tx.readOnly(em -> UserView.of(UserWrites.find(em, id)));
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
    writes.delete(actor, id);
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
    writes.setPassword(actor, id, password);
  }

  private UserView update(
      long id,
      UserInput input,
      boolean partial,
      SecurityContext security,
      ContainerRequestContext request) {
    User actor = Access.require(security, CHANGE);
    Access.requireNotImpersonating(request, ADMINISTER);
    return writes.update(actor, id, input, partial);
  }

  /**
   * What {@link UserWrites} lets through, as a JSON Schema: the fields of {@link UserInput}
   * (Jackson refuses other keys), each as its check reads it; a create or replace needs the
   * username. A null is read as sent: a text or list is emptied; a yes/no takes its default in a
   * create or replace, and is refused in a patch. The read-only fields (id, date_joined,
   * last_login) are taken only with the value the row has ({@link SentBack}).
   */
  static Map<String, Object> inputSchema(boolean whole) {
    Map<String, Object> flag =
        whole
            ? JsonShape.described(JsonShape.nullable(JsonShape.BOOLEAN), "null: the default")
            : JsonShape.described(JsonShape.BOOLEAN, "not null: leave it out to keep it");
    Map<String, Object> schema =
        JsonShape.of()
            .with("id", SentBack.SCHEMA)
            .with("username", Validation.USERNAME_SCHEMA)
            .with("first_name", also(Validation.NAME_SCHEMA, "null: empty"))
            .with("last_name", also(Validation.NAME_SCHEMA, "null: empty"))
            .with("email", also(Validation.EMAIL_SCHEMA, "null: empty"))
            .with("is_active", flag)
            .with("is_staff", flag)
            .with("is_superuser", flag)
            .with(
                "groups",
                JsonShape.described(
                    JsonShape.nullable(
                        JsonShape.arrayOf(
                            JsonShape.described(
                                Map.of("type", "integer", "minimum", 1), "a group's id"))),
                    "null: none"))
            .with(
                "user_permissions",
                JsonShape.described(JsonShape.nullable(Names.PERMISSIONS_SCHEMA), "null: none"))
            .with("date_joined", SentBack.SCHEMA)
            .with("last_login", SentBack.SCHEMA)
            .schema(
                whole
                    ? "a new or replaced user; absent fields take their defaults; the read-only"
                        + " ones may be sent as read"
                    : "the fields of a user to change; absent ones are kept; the read-only ones"
                        + " may be sent as read");
    schema.put("required", whole ? List.of("username") : List.of());
    return schema;
  }

  private static Map<String, Object> also(Map<String, Object> schema, String more) {
    Object said = schema.get("description");
    return JsonShape.described(schema, said == null ? more : said + "; " + more);
  }

  @Override
  public Map<String, Map<String, Object>> schemas() {
    return Map.of("user_input", inputSchema(true), "user_patch", inputSchema(false));
  }

  private static UserInput required(UserInput input) {
    if (input == null) {
      throw ProblemException.badRequest("A JSON body is required.");
    }
    return input;
  }
}
