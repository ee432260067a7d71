package cores.domain.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import cores.api.accounts.User;
import cores.api.changes.Change;
import cores.api.changes.ChangeLog;
import cores.api.web.Access;
import cores.api.web.ApiDoc;
import cores.api.web.Dates;
import cores.api.web.FieldErrors;
import cores.api.web.Page;
import cores.api.web.ProblemException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * {@code /api/changes}: the change log. One object's history ({@code ?model=host&id=12}) needs the
 * model's view permission, or owning it (a model whose table names its owners to the change log,
 * such as a booking or reservation); one's own changes are one's to read; other users' changes and
 * the whole list show a superuser everything, anyone else the changes of the models they may view.
 */
@JakartarsResource
@Component(service = ChangesResource.class)
@Path("changes")
@Produces(MediaType.APPLICATION_JSON)
@ApiDoc(area = "changes")
public final class ChangesResource {
  private static final int DEFAULT_LIMIT = 50;
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
              + "; one object's history, or the changes of the models one may view: their view"
              + " permission; one's own booking's or reservation's history, and one's own changes: "
              + ApiDoc.AUTHENTICATED,
      query = {
        "model: the changes of this model, e.g. host (with id: one object's history)",
        "id: the object's id (with model)",
        "user: the changes this user made (also while impersonated, or impersonating)",
        "action: create, update or delete",
        "since: changes at or after this time (ISO 8601, e.g. 2026-01-31T00:00:00Z)",
        "before: changes before this time (ISO 8601)",
        "limit: how many, 1-1000 (50; more is taken as 1000)",
        "offset: how many to skip (0)"
      })
  public Page<ChangeView> list(
      @QueryParam("model") String model,
      @QueryParam("id") String id,
      @QueryParam("user") String userId,
      @QueryParam("action") String action,
      @QueryParam("since") String since,
      @QueryParam("before") String before,
      @QueryParam("limit") String limit,
      @QueryParam("offset") String offset,
      @Context SecurityContext security,
      @Context UriInfo uri) {
    User user = Access.user(security);
    Page.Window window = Page.Window.of(limit, offset, DEFAULT_LIMIT);
    FieldErrors errors = new FieldErrors();
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
      object = id("id", id);
      String view = app + ".view_" + model;
      // the owner's query only for those who lack the permission
      if (!security.isUserInRole(view) && !changes.ownedBy(model, object, user.id())) {
        Access.require(security, view);
      }
    }
    Long whose = userId == null ? null : id("user", userId);
    Set<String> models = model == null ? null : Set.of(model);
    // one object's history needs only its model's view permission (checked above); anyone
    // else's changes are those to the models the reader may view, as each object's history would
    // show them (the admin's change list keeps the same rule)
    if (object == null && !user.superuser() && (whose == null || whose != user.id())) {
      models = visible(security, models);
      if (models.isEmpty()) {
        throw Access.forbidden(
            "Other users' changes need the view permission of a model they changed.");
      }
    }
    ChangeLog.Page found =
        changes.search(
            new ChangeLog.Search(models, object, action, whose, from, to),
            window.limit(),
            window.offset());
    return window.page(found.count(), found.changes().stream().map(ChangeView::of).toList(), uri);
  }

  /** A change in the API's snake_case names. */
  public record ChangeView(
      String id,
      Instant at,
      @JsonProperty("user_id") Long userId,
      String username,
      @JsonProperty("impersonator_id") Long impersonatorId,
      String impersonator,
      String app,
      String model,
      @JsonProperty("object_id") long objectId,
      String action,
      List<Change.FieldChange> fields) {
    static ChangeView of(Change c) {
      return new ChangeView(
          c.id(),
          c.at(),
          c.userId(),
          c.username(),
          c.impersonatorId(),
          c.impersonator(),
          c.app(),
          c.model(),
          c.objectId(),
          c.action(),
          c.fields());
    }
  }

  /** Of the models asked for (null: every tracked one), those the reader may view. */
  private Set<String> visible(SecurityContext security, Set<String> asked) {
    Set<String> visible = new TreeSet<>(changes.viewable(security::isUserInRole));
    if (asked != null) {
      visible.retainAll(asked);
    }
    return visible;
  }

  private static Instant instant(String name, String value, FieldErrors errors) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      Instant parsed = Instant.parse(value);
      if (Dates.inRange(parsed)) {
        return parsed;
      }
      errors.check(name, Dates.OUT_OF_RANGE);
      return null;
    } catch (DateTimeParseException e) {
      errors.check(name, "an ISO 8601 time, e.g. 2026-01-31T00:00:00Z");
      return null;
    }
  }

  private static long id(String name, String value) {
    try {
      long id = Long.parseLong(value);
      if (id > 0) {
        return id;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw FieldErrors.single(name, "an id (a whole number of at least 1)");
  }
}
