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
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
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
  private static final List<String> ACTIONS = List.of("create", "update", "delete");

  private final ChangeLog changes;

  @Activate
  public ChangesResource(@Reference ChangeLog changes) {
    this.changes = changes;
  }

  @GET
  @ApiDoc(
      value =
          "Changes, newest first: of one object, of one user, or all (superusers), narrowed by"
              + " model, action and time",
      permission =
          ApiDoc.SUPERUSER
              + "; one object's history: the model's view permission; one's own changes: "
              + ApiDoc.AUTHENTICATED,
      query = {
        "model: the changes of this model, e.g. host (with id: one object's history)",
        "id: the object's id (with model)",
        "user: the changes this user made (also while impersonated, or impersonating)",
        "action: create, update or delete",
        "since: changes at or after this time (ISO 8601, e.g. 2026-01-31T00:00:00Z)",
        "before: changes before this time (ISO 8601)",
        "limit: how many, 1-1000 (50)",
        "offset: how many to skip (0)"
      })
  public List<Change> list(
      @QueryParam("model") String model,
      @QueryParam("id") String id,
      @QueryParam("user") String userId,
      @QueryParam("action") String action,
      @QueryParam("since") String since,
      @QueryParam("before") String before,
      @QueryParam("limit") String limit,
      @QueryParam("offset") String offset,
      @Context SecurityContext security) {
    User user = Access.user(security);
    int n = number("limit", limit, DEFAULT_LIMIT);
    if (n < 1 || n > MAX_LIMIT) {
      throw FieldErrors.single("limit", "between 1 and " + MAX_LIMIT);
    }
    int skip = number("offset", offset, 0);
    FieldErrors errors = new FieldErrors();
    errors.check("offset", skip < 0 ? "0 or more" : null);
    errors.check("action", action == null || ACTIONS.contains(action) ? null : "one of " + ACTIONS);
    Instant from = instant("since", since, errors);
    Instant to = instant("before", before, errors);
    errors.throwIfAny();
    String app = null;
    if (model != null) {
      app =
          changes
              .app(model)
              .orElseThrow(() -> ProblemException.notFound("No model " + model + " is tracked."));
    }
    Long object = null;
    if (id != null) {
      if (model == null) {
        throw FieldErrors.single("model", "required with id");
      }
      Access.require(security, app + ".view_" + model);
      object = (long) number("id", id, 0);
    }
    Long whose = null;
    if (object != null) {
      // one object's history: its model's view permission is enough
      whose = userId == null ? null : (long) number("user", userId, 0);
    } else if (userId != null) {
      whose = (long) number("user", userId, 0);
      if (whose != user.id() && !user.superuser()) {
        throw Access.forbidden("Only superusers read other users' changes.");
      }
    } else if (!user.superuser()) {
      throw Access.forbidden("Only superusers read the whole change log.");
    }
    return changes
        .search(
            new ChangeLog.Search(
                model == null ? null : Set.of(model), object, action, whose, from, to),
            n,
            skip)
        .changes();
  }

  private static Instant instant(String name, String value, FieldErrors errors) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      errors.check(name, "an ISO 8601 time, e.g. 2026-01-31T00:00:00Z");
      return null;
    }
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
