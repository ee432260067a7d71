package cores.accounts.rest;

import cores.api.accounts.Impersonation;
import cores.api.accounts.User;
import cores.api.web.Access;
import cores.api.web.ApiDoc;
import cores.api.web.ApiSchemas;
import cores.api.web.FieldErrors;
import cores.api.web.JsonShape;
import cores.api.web.ProblemException;
import cores.api.web.Visitor;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * {@code /api/auth/impersonate}: staff start acting as another user in their browser session (POST
 * {@code {"user_id": n}}) and stop (DELETE). Works on the session cookie only: a Basic or token
 * login has no session to change. The http bundle checks the CSRF token of both, as of every unsafe
 * request with a session.
 */
@JakartarsResource
@Component(service = ImpersonationResource.class)
@Path("auth/impersonate")
@ApiDoc(
    value = "Staff act as another user in their browser session (POST) and stop (DELETE)",
    permission = ApiDoc.STAFF)
@Produces(MediaType.APPLICATION_JSON)
public final class ImpersonationResource implements ApiSchemas {
  /** The http bundle's session cookie (contracts.md). */
  static final String SESSION_COOKIE = "cores_session";

  private static final String STAFF_ONLY = "Only staff may impersonate other users.";

  private final Impersonation impersonation;

  @Activate
  public ImpersonationResource(@Reference Impersonation impersonation) {
    this.impersonation = impersonation;
  }

  /** Who acts now, and who really is at the keyboard while impersonating. */
  private static final JsonShape ACTING =
      JsonShape.of()
          .with("username", JsonShape.STRING)
          .with("user_id", JsonShape.INTEGER)
          .with(
              "impersonator",
              JsonShape.described(
                  JsonShape.nullable(JsonShape.STRING), "null once impersonation stopped"));

  /** What {@link #start} takes (Jackson refuses other keys, start requires the id). */
  private static final Map<String, Object> START =
      JsonShape.of()
          .with("user_id", Map.of("type", "integer", "minimum", 1))
          .schema("the user to act as");

  @Override
  public Map<String, Map<String, Object>> schemas() {
    return Map.of(
        "impersonation", ACTING.schema("who the session acts as"), "impersonate_input", START);
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @ApiDoc(
      request = "impersonate_input",
      response = "impersonation",
      permission = ApiDoc.STAFF + "; " + ApiDoc.NOT_WHILE_IMPERSONATING)
  public Map<String, Object> start(
      ImpersonateInput input,
      @CookieParam(SESSION_COOKIE) String session,
      @Context SecurityContext security,
      @Context ContainerRequestContext request) {
    User real = Access.user(security);
    // who may comes before what is asked: a refused caller learns nothing from field errors
    Access.requireNotImpersonating(request, "start another impersonation");
    if (!real.staff()) {
      throw Access.forbidden(STAFF_ONLY);
    }
    if (input == null || input.userId() == null) {
      throw ProblemException.invalid(Map.of("user_id", List.of("This field is required.")));
    }
    String key = requireSession(session);
    User target;
    try {
      target = impersonation.start(key, input.userId());
    } catch (SecurityException e) {
      throw Access.forbidden(e.getMessage());
    } catch (IllegalArgumentException e) {
      // the service's messages start with the field they are about
      String message = String.valueOf(e.getMessage());
      int colon = message.indexOf(": ");
      throw colon < 0
          ? ProblemException.badRequest(message)
          : FieldErrors.single(message.substring(0, colon), message.substring(colon + 2));
    }
    return answer(target, real);
  }

  @DELETE
  @ApiDoc(response = "impersonation", permission = ApiDoc.STAFF + " or " + ApiDoc.IMPERSONATING)
  public Map<String, Object> stop(
      @CookieParam(SESSION_COOKIE) String session,
      @Context SecurityContext security,
      @Context ContainerRequestContext request) {
    User acting = Access.user(security);
    // the session acts as a user who may not be staff; its real user is
    if (!acting.staff() && Visitor.of(request).impersonator().isEmpty()) {
      throw Access.forbidden(STAFF_ONLY);
    }
    Optional<User> real = impersonation.stop(requireSession(session));
    if (real.isEmpty()) {
      throw ProblemException.conflict("This session is not impersonating anyone.");
    }
    return answer(real.get(), null);
  }

  private static String requireSession(String session) {
    if (session == null || session.isEmpty()) {
      throw ProblemException.badRequest(
          "Impersonation works in a browser session: log in with POST /api/auth/login.");
    }
    return session;
  }

  private static Map<String, Object> answer(User acting, User impersonator) {
    return ACTING.values(
        acting.username(), acting.id(), impersonator == null ? null : impersonator.username());
  }
}
