package cores.accounts.rest;

import cores.accounts.Keys;
import cores.accounts.TokenService;
import cores.accounts.entity.TokenEntity;
import cores.api.accounts.Tokens;
import cores.api.accounts.User;
import cores.api.persistence.Transactions;
import cores.api.web.Access;
import cores.api.web.ApiDoc;
import cores.api.web.ApiSchemas;
import cores.api.web.FieldErrors;
import cores.api.web.JsonShape;
import cores.api.web.Page;
import cores.api.web.ProblemException;
import jakarta.persistence.TypedQuery;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * {@code /api/auth/tokens}: the logged-in user's own API tokens. A new token's key is in the answer
 * to the POST and nowhere else, ever.
 */
@JakartarsResource
@Component(service = TokensResource.class)
@Path("auth/tokens")
@ApiDoc(value = "The logged-in user's own API tokens", permission = ApiDoc.AUTHENTICATED)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class TokensResource implements ApiSchemas {
  /** The original's default page size for this list. */
  private static final int PAGE_SIZE = 100;

  private final Transactions tx;
  private final Tokens tokens;

  @Activate
  public TokensResource(
      @Reference(target = "(osgi.unit.name=cores.accounts)") Transactions tx,
      @Reference Tokens tokens) {
    this.tx = tx;
    this.tokens = tokens;
  }

  @GET
  public Page<TokenView> list(
      @QueryParam("limit") String limit,
      @QueryParam("offset") String offset,
      @Context SecurityContext security,
      @Context UriInfo uri) {
    User user = Access.user(security);
    Page.Window window = Page.Window.of(limit, offset, PAGE_SIZE);
    return tx.readOnly(
        em -> {
          long count =
              em.createQuery(
                      "select count(t) from TokenEntity t where t.userId = :user", Long.class)
                  .setParameter("user", user.id())
                  .getSingleResult();
          TypedQuery<TokenEntity> rows =
              em.createQuery(
                      "select t from TokenEntity t where t.userId = :user order by t.id",
                      TokenEntity.class)
                  .setParameter("user", user.id());
          List<TokenView> results =
              rows
                  .setFirstResult(window.offset())
                  .setMaxResults(window.limit())
                  .getResultList()
                  .stream()
                  .map(t -> new TokenView(t.id(), t.label(), t.created(), t.lastUsed(), null))
                  .toList();
          return window.page(count, results, uri);
        });
  }

  /** What {@link TokenService#checkLabel} lets through (Jackson refuses other keys). */
  @Override
  public Map<String, Map<String, Object>> schemas() {
    return Map.of(
        "token_input",
        JsonShape.of()
            .with("label", TokenService.LABEL_SCHEMA)
            .schema("a label for the new token"));
  }

  @POST
  @ApiDoc(
      request = "token_input",
      permission = ApiDoc.AUTHENTICATED + "; " + ApiDoc.NOT_WHILE_IMPERSONATING)
  public Response issue(
      TokenInput input,
      @Context SecurityContext security,
      @Context ContainerRequestContext request,
      @Context UriInfo uri) {
    User user = Access.user(security);
    // a token would outlive the impersonation: the staff member would keep the user's access
    Access.requireNotImpersonating(request, "create API tokens");
    String label = input == null ? null : input.label();
    String problem = TokenService.checkLabel(label);
    if (problem != null) {
      throw FieldErrors.single("label", problem);
    }
    String key = tokens.issue(user.id(), label);
    TokenView issued =
        tx.readOnly(
            em -> {
              TokenEntity t =
                  em.createQuery(
                          "select t from TokenEntity t where t.keyHash = :hash", TokenEntity.class)
                      .setParameter("hash", Keys.hash(key))
                      .getSingleResult();
              return new TokenView(t.id(), t.label(), t.created(), t.lastUsed(), key);
            });
    return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(issued.id())).build())
        .entity(issued)
        .build();
  }

  /** Revokes one of the user's own tokens; other users' tokens are "not found". */
  @DELETE
  @Path("{id}")
  public void revoke(@PathParam("id") long id, @Context SecurityContext security) {
    User user = Access.user(security);
    if (!tokens.revokeById(user.id(), id)) {
      throw ProblemException.notFound("No token with id " + id + ".");
    }
  }
}
