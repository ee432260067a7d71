package cores.accounts.rest;

import cores.accounts.KnownPermissions;
import cores.accounts.entity.GroupEntity;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/** {@code /api/auth/groups}: list (filter {@code name}, ignoring case) and CRUD. */
@JakartarsResource
@Component(service = GroupsResource.class)
@Path("auth/groups")
@ApiDoc(permission = "auth.{action}_group")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class GroupsResource implements ApiSchemas {
  /** Who may write: the permission of the method's action, never while impersonating. */
  private static final String WRITE = "auth.{action}_group; " + ApiDoc.NOT_WHILE_IMPERSONATING;

  /** The original's default page size for this list. */
  private static final int PAGE_SIZE = 100;

  static final String VIEW = Permissions.of("auth", "view", "group");
  static final String ADD = Permissions.of("auth", "add", "group");
  static final String CHANGE = Permissions.of("auth", "change", "group");

  /** What is refused while impersonating (see {@link Access#requireNotImpersonating}). */
  public static final String ADMINISTER = "change groups";

  static final String DELETE = Permissions.of("auth", "delete", "group");

  private final Transactions tx;
  private final GroupWrites writes;

  @Activate
  public GroupsResource(
      @Reference(target = "(osgi.unit.name=cores.accounts)") Transactions tx,
      @Reference KnownPermissions knownPermissions) {
    this(tx, knownPermissions::names);
  }

  GroupsResource(Transactions tx, Supplier<Set<String>> knownPermissions) {
    this.tx = tx;
    this.writes = new GroupWrites(tx, knownPermissions);
  }

  @GET
  public Page<GroupView> list(
      @QueryParam("limit") String limit,
      @QueryParam("offset") String offset,
      @QueryParam("name") String name,
      @Context SecurityContext security,
      @Context UriInfo uri) {
    Access.require(security, VIEW);
    Page.Window window = Page.Window.of(limit, offset, PAGE_SIZE);
    String where =
        " from GroupEntity g" + (name == null ? "" : " where lower(g.name) = lower(:name)");
    return tx.readOnly(
        em -> {
          TypedQuery<Long> count = em.createQuery("select count(g)" + where, Long.class);
          TypedQuery<GroupEntity> rows =
              em.createQuery("select g" + where + " order by g.id", GroupEntity.class);
          if (name != null) {
            count.setParameter("name", name);
            rows.setParameter("name", name);
          }
          List<GroupView> results =
              rows
                  .setFirstResult(window.offset())
                  .setMaxResults(window.limit())
                  .getResultList()
                  .stream()
                  .map(GroupView::of)
                  .toList();
          return window.page(count.getSingleResult(), results, uri);
        });
  }

  @POST
  @ApiDoc(permission = WRITE, request = "group_input")
  public Response create(
      GroupInput input,
      @Context SecurityContext security,
      @Context ContainerRequestContext request,
      @Context UriInfo uri) {
    User actor = Access.require(security, ADD);
    Access.requireNotImpersonating(request, ADMINISTER);
    GroupView created = writes.create(actor, required(input));
    return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(created.id())).build())
        .entity(created)
        .build();
  }

  @GET
  @Path("{id}")
  public GroupView get(@PathParam("id") long id, @Context SecurityContext security) {
    Access.require(security, VIEW);
    return tx.readOnly(em -> GroupView.of(GroupWrites.find(em, id)));
  }

  @PUT
  @Path("{id}")
  @ApiDoc(permission = WRITE, request = "group_input")
  public GroupView replace(
      @PathParam("id") long id,
      GroupInput input,
      @Context SecurityContext security,
      @Context ContainerRequestContext request) {
    User actor = Access.require(security, CHANGE);
    Access.requireNotImpersonating(request, ADMINISTER);
    return writes.update(actor, id, required(input), false);
  }

  @PATCH
  @Path("{id}")
  @ApiDoc(permission = WRITE, request = "group_patch")
  public GroupView patch(
      @PathParam("id") long id,
      GroupInput input,
      @Context SecurityContext security,
      @Context ContainerRequestContext request) {
    User actor = Access.require(security, CHANGE);
    Access.requireNotImpersonating(request, ADMINISTER);
    return writes.update(actor, id, required(input), true);
  }

  @DELETE
  @Path("{id}")
  @ApiDoc(permission = WRITE)
  public void delete(
      @PathParam("id") long id,
      @Context SecurityContext security,
      @Context ContainerRequestContext request) {
    Access.require(security, DELETE);
    Access.requireNotImpersonating(request, ADMINISTER);
    writes.delete(id);
  }

  /**
   * What {@link GroupWrites} lets through, as a JSON Schema (a class telling null from absent,
   * which the schema of a Java type would not say): the name is required, null permissions are
   * none, the id is taken only as the group has it ({@link SentBack}).
   */
  @Override
  public Map<String, Map<String, Object>> schemas() {
    return Map.of("group_input", inputSchema(true), "group_patch", inputSchema(false));
  }

  private static Map<String, Object> inputSchema(boolean whole) {
    Map<String, Object> schema =
        JsonShape.of()
            .with("id", SentBack.SCHEMA)
            .with("name", Map.of("type", "string", "minLength", 1, "maxLength", Names.GROUP_MAX))
            .with(
                "permissions",
                JsonShape.described(JsonShape.nullable(Names.PERMISSIONS_SCHEMA), "null: none"))
            .schema(
                whole
                    ? "a new or replaced group; absent permissions are none; the id may be sent"
                        + " as read"
                    : "the fields of a group to change; absent ones are kept; the id may be sent"
                        + " as read");
    schema.put("required", whole ? List.of("name") : List.of());
    return schema;
  }

  private static GroupInput required(GroupInput input) {
    if (input == null) {
      throw ProblemException.badRequest("A JSON body is required.");
    }
    return input;
  }
}
