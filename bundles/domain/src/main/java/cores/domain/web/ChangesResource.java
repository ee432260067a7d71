package cores.domain.web;

import cores.api.accounts.User;
import cores.api.changes.Change;
import cores.api.changes.ChangeLog;
import cores.api.web.Access;
import cores.api.web.ApiDoc;
import cores.api.web.FieldErrors;
import cores.api.web.ProblemException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * {@code /api/changes}: the change log. One object's history ({@code ?model=host&id=12}) needs the
 * model's view permission; one user's changes ({@code ?user=3}) are theirs to read, or a
 * superuser's; the whole list is for superusers.
 */
@JakartarsResource
@Component(service = ChangesResource.class)
@Path("changes")
@Produces(MediaType.APPLICATION_JSON)
@ApiDoc(area = "changes")
public final class ChangesResource {
  private static final int DEFAULT_LIMIT = 50;
  private static final int MAX_LIMIT = 1000;

  private final ChangeLog changes;

  @Activate
  public ChangesResource(@Reference ChangeLog changes) {
    this.changes = changes;
  }

  @GET
  @ApiDoc(
      value = "Changes, newest first: of one object, of one user, or all (superusers)",
      permission =
          ApiDoc.SUPERUSER
              + "; one object's history: the model's view permission; one's own changes: "
              + ApiDoc.AUTHENTICATED,
      query = {
        "model: the object's model, e.g. host (with id)",
        "id: the object's id (with model)",
        "user: the changes this user made",
        "limit: how many, 1-1000 (50)"
      })
  public List<Change> list(
      @QueryParam("model") String model,
      @QueryParam("id") String id,
      @QueryParam("user") String userId,
      @QueryParam("limit") String limit,
      @Context SecurityContext security) {
    User user = Access.user(security);
    int n = number("limit", limit, DEFAULT_LIMIT);
    if (n < 1 || n > MAX_LIMIT) {
      throw FieldErrors.single("limit", "between 1 and " + MAX_LIMIT);
    }
    if (model != null || id != null) {
      if (model == null || id == null) {
        throw FieldErrors.single(model == null ? "model" : "id", "required with the other");
      }
      String app =
          changes
              .app(model)
              .orElseThrow(() -> ProblemException.notFound("No model " + model + " is tracked."));
      Access.require(security, app + ".view_" + model);
      return changes.history(app, model, number("id", id, 0), n);
    }
    if (userId != null) {
      long whose = number("user", userId, 0);
      if (whose != user.id() && !user.superuser()) {
        throw Access.forbidden("Only superusers read other users' changes.");
      }
      return changes.byUser(whose, n);
    }
    if (!user.superuser()) {
      throw Access.forbidden("Only superusers read the whole change log.");
    }
    return changes.recent(n);
  }

  private static int number(String name, String value, int absent) {
    if (value == null || value.isEmpty()) {
      return absent;
    }
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw FieldErrors.single(name, "a whole number");
    }
  }
}
