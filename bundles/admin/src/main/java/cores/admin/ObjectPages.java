package cores.admin;

import static cores.admin.AdminAccess.allowed;
import static cores.admin.AdminAccess.may;
import static cores.admin.AdminAccess.refusedAtFields;
import static cores.admin.AdminAccess.require;
import static cores.admin.AdminAccess.requireWritable;
import static cores.admin.PostedForm.values;

import cores.api.accounts.User;
import cores.api.admin.AdminDesk;
import cores.api.admin.AdminDesk.Hold;
import cores.api.admin.AdminDesk.InlineChange;
import cores.api.admin.AdminField;
import cores.api.admin.AdminModel;
import cores.api.changes.Change;
import cores.api.changes.ChangeLog;
import cores.api.web.Access;
import cores.api.web.ProblemException;
import cores.api.web.Visitor;
import cores.api.web.Whiteboard;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * One object's admin pages under {@code /admin/{app}/{model}/{id}}: its change form (with its
 * inline rows, refused when someone else changed what it shows since it was opened, or when it does
 * not say what it was opened on), its delete with the confirmation of what goes with it, and its
 * history from the change log. The lists, the add forms and the rendering are {@link AdminPages}'.
 */
@JakartarsResource
@Admits(Operations.Audience.STAFF)
@JakartarsApplicationSelect(Whiteboard.PAGES)
@Component(service = ObjectPages.class)
@Path("admin/{app}/{model}/{id: [0-9]+}")
@Produces(MediaType.TEXT_HTML)
public final class ObjectPages {
  private static final int HISTORY = 200;

  /** The change form's field that confirms a status over the bookings it affects: the status. */
  static final String CONFIRM = "confirmed";

  private final AdminPages pages;
  private final ModelPages lists;
  private final ChangeLog changes;

  @Activate
  public ObjectPages(
      @Reference AdminPages pages, @Reference ModelPages lists, @Reference ChangeLog changes) {
    this.pages = pages;
    this.lists = lists;
    this.changes = changes;
  }

  @GET
  public Response changeForm(
      @Context ContainerRequestContext request,
      @PathParam("app") String app,
      @PathParam("model") String name,
      @PathParam("id") long id) {
    Visitor visitor = Visitor.of(request);
    AdminModel model = pages.model(app, name);
    require(visitor, model, "view");
    Optional<Map<String, String>> stored = find(pages.desk(), visitor, model, id);
    if (stored.isEmpty()) {
      return gone(request, visitor, model, id);
    }
    return pages.form(
        request, visitor, model, id, new Form(opened(visitor, model, id, stored.get())), 200);
  }

  /**
   * As Django's admin: an object that is not there (deleted, or never there) leads to its model's
   * list as it was left, saying so, rather than to a bare 404. Only after the page's permission was
   * checked, so that the visitor learns nothing the list would not show. The object's own forms
   * ({@link ObjectForms}) lead there too.
   */
  static Response gone(
      ContainerRequestContext request, Visitor visitor, AdminModel model, long id) {
    String kept = AfterAdding.kept(request);
    return AdminPages.redirect(
        allowed(visitor, model).url()
            + "?"
            + (kept.isEmpty() ? "" : kept + "&")
            + "done="
            + Messages.GONE
            + "&id="
            + id);
  }

  /** The object as the desk shows it to the visitor; empty when it is not there (a 404). */
  static Optional<Map<String, String>> find(
      AdminDesk desk, Visitor visitor, AdminModel model, long id) {
    try {
      return Optional.of(desk.get(visitor.user().orElseThrow(), model, id));
    } catch (ProblemException e) {
      if (e.status() != 404) {
        throw e;
      }
      return Optional.empty();
    }
  }

  /**
   * Whether a write's 404 means the object went between its lookup and the write (deleted in those
   * milliseconds): then it leads to the list as {@link #gone} does, nothing written. A 404 while
   * the object is there is about something else, and stays the desk's answer.
   */
  static boolean goneMeanwhile(AdminDesk desk, AdminModel model, long id, ProblemException e) {
    return e.status() == 404 && desk.existing(model, List.of(id)).isEmpty();
  }

  /**
   * What the change form shows of the object now: its fields, its inline rows' under their form
   * names, and under {@link EditedSince#FIELD} the digest of what the form edits.
   */
  private Map<String, String> opened(
      Visitor visitor, AdminModel model, long id, Map<String, String> stored) {
    User user = visitor.user().orElseThrow();
    Map<String, String> values = new LinkedHashMap<>(stored);
    EditedSince edited = new EditedSince().add(model.fields(), values, field -> field);
    for (AdminModel inline : pages.inlineModels(visitor, model)) {
      for (Map<String, String> row : pages.desk().inlineRows(user, inline, model, id)) {
        long rowId = Long.parseLong(row.get("id"));
        row.forEach(
            (field, value) -> values.put(InlineChange.field(inline.name(), rowId, field), value));
        edited.add(inline.fields(), row, field -> InlineChange.field(inline.name(), rowId, field));
      }
    }
    values.put(EditedSince.FIELD, edited.digest());
    return values;
  }

  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response change(
      @Context ContainerRequestContext request,
      @PathParam("app") String app,
      @PathParam("model") String name,
      @PathParam("id") long id,
      MultivaluedMap<String, String> posted) {
    Visitor visitor = Visitor.of(request);
    AdminModel model = pages.model(app, name);
    requireWritable(request, model);
    // as Django's admin: the permission first (refused as the desk would), whether the object is
    // there after; one deleted while its form was open leads to its list, as its GET does
    if (!AdminAccess.may(visitor, model, "change")) {
      throw Access.forbidden(
          model.allows("change")
              ? "This needs the permission " + model.permission("change") + "."
              : "The admin does not change " + model.pluralInSentence() + ".");
    }
    Map<String, String> stored = find(pages.desk(), visitor, model, id).orElse(null);
    if (stored == null) {
      return gone(request, visitor, model, id);
    }
    Map<String, String> values = values(model, posted);
    if (model.fields().stream().anyMatch(AdminField::fixed)) {
      // the form shows them, not to be edited: they stay as stored
      model.fields().stream()
          .filter(AdminField::fixed)
          .forEach(f -> values.put(f.name(), stored.getOrDefault(f.name(), "")));
    }
    List<AdminModel> inlineModels = pages.allInlineModels(model);
    Map<String, String> shown =
        PostedForm.counted(PostedForm.shownAgain(model, values, stored), inlineModels, posted);
    List<InlineChange> inlines = PostedForm.inlineChanges(visitor, model, inlineModels, posted);
    String opened = posted.getFirst(EditedSince.FIELD);
    String adding = PostedForm.addingRowTo(posted, inlineModels);
    if (adding != null) {
      // "Add another" without script: the form again as typed, one blank row more, nothing saved;
      // what it was opened on kept, so that its save is checked against that
      return pages.form(
          request,
          visitor,
          model,
          id,
          PostedForm.withAnotherRow(shown, model, inlineModels, posted, adding, opened),
          200);
    }
    try {
      // before any check reads a field's first value: which was meant is not guessed
      PostedForm.requireSound(
          posted, PostedForm.many(model, inlineModels), PostedForm.boxes(model, inlineModels));
      pages.refs().resolve(visitor.user().orElseThrow(), model, values, stored, posted);
    } catch (ProblemException e) {
      return asPosted(request, visitor, model, id, shown, inlines, opened, e);
    }
    Map<String, String> current = opened(visitor, model, id, stored);
    String now = current.get(EditedSince.FIELD);
    if (opened == null || opened.isBlank() || !EditedSince.wellFormed(opened)) {
      // without it the check could not be made: what the form would save may undo another's
      // change; one not in a digest's shape was altered, and is not someone else's change
      String record =
          opened == null || opened.isBlank()
              ? "This form was sent without the record of what it was opened on ("
              : "This form's record of what it was opened on was altered: it is not one Cores wrote"
                  + " (";
      ProblemException unchecked =
          ProblemException.badRequest(
              record
                  + EditedSince.FIELD
                  + "), so nothing was saved: it could have undone someone else's change. The"
                  + " form shows this "
                  + model.singular()
                  + " as it is now: make your changes again and save.");
      return pages.form(
          request, visitor, model, id, new Form(current).refused(unchecked, List.of()), 400);
    }
    if (!opened.equals(now)) {
      // shown again as posted, with the digest of now: saving once more keeps what is shown
      ProblemException changed =
          ProblemException.conflict(
              "Someone else changed this "
                  + model.singular()
                  + " since you opened this form, so nothing was saved. The form shows your"
                  + " values: compare them with its history, then save again to keep them.");
      return asPosted(request, visitor, model, id, shown, inlines, now, changed);
    }
    String confirmed = posted.getFirst(CONFIRM);
    if (confirmed == null || !confirmed.equals(values.get("status"))) {
      // as the bulk actions: bookings ahead on a bookable leaving active are confirmed first, for
      // the status confirmed (another status chosen then is asked about again)
      List<Hold> holds;
      try {
        holds = pages.desk().affected(visitor.user().orElseThrow(), model, id, values);
      } catch (ProblemException e) {
        if (goneMeanwhile(pages.desk(), model, id, e)) {
          return gone(request, visitor, model, id);
        }
        throw e;
      }
      if (!holds.isEmpty()) {
        Form form = PostedForm.posted(shown, inlines, opened).holding(holds);
        return pages.form(request, visitor, model, id, form, 200);
      }
    }
    try {
      pages.desk().update(visitor.user().orElseThrow(), model, id, values, inlines);
    } catch (ProblemException e) {
      if (goneMeanwhile(pages.desk(), model, id, e)) {
        return gone(request, visitor, model, id);
      }
      if (refusedAtFields(e)) {
        return asPosted(request, visitor, model, id, shown, inlines, opened, e);
      }
      throw e;
    }
    return AdminPages.redirect(
        AfterAdding.onward(
            allowed(visitor, model).url(), id, posted, "changed", AfterAdding.kept(request)));
  }

  /** The change form as posted, inline rows included, with the refusal at its fields. */
  private Response asPosted(
      ContainerRequestContext request,
      Visitor visitor,
      AdminModel model,
      long id,
      Map<String, String> values,
      List<InlineChange> inlines,
      String opened,
      ProblemException refusal) {
    return pages.form(
        request,
        visitor,
        model,
        id,
        PostedForm.refused(
                model, values, inlines, opened, refusal, named -> pages.pageOf(visitor, named))
            .matching(Refs.Unresolved.of(refusal)),
        refusal.status());
  }

  /**
   * Django's address of the change page ({@code .../{id}/change/}), which the original's staff
   * bookmarked and linked to: 301 to the object's page, its query (the list as it was left) kept.
   */
  @GET
  @Path("change")
  public Response djangoChange(
      @Context ContainerRequestContext request,
      @PathParam("app") String app,
      @PathParam("model") String name,
      @PathParam("id") long id) {
    String query = request.getUriInfo().getRequestUri().getRawQuery();
    String page = "/admin/" + app + "/" + name + "/" + id;
    return Response.status(Response.Status.MOVED_PERMANENTLY)
        .location(URI.create(query == null ? page : page + "?" + query))
        .build();
  }

  /**
   * Django's address of a user's password form ({@code /admin/auth/user/42/password/}), the link of
   * the original's user page: 301 to the object's Set password form.
   */
  @GET
  @Path("password")
  public Response djangoPassword(
      @PathParam("app") String app, @PathParam("model") String name, @PathParam("id") long id) {
    return Response.status(Response.Status.MOVED_PERMANENTLY)
        .location(URI.create("/admin/" + app + "/" + name + "/" + id + "/form/password"))
        .build();
  }

  @GET
  @Path("delete")
  public Response deleteForm(
      @Context ContainerRequestContext request,
      @PathParam("app") String app,
      @PathParam("model") String name,
      @PathParam("id") long id) {
    Visitor visitor = Visitor.of(request);
    AdminModel model = pages.model(app, name);
    // as Django's admin: the permission first, whether the object is there after
    require(visitor, model, "view");
    require(visitor, model, "delete");
    if (find(pages.desk(), visitor, model, id).isEmpty()) {
      return gone(request, visitor, model, id);
    }
    return Confirmations.page(
        pages, request, visitor, model, List.of(id), null, List.of(), List.of(), 200);
  }

  @POST
  @Path("delete")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response deleteOne(
      @Context ContainerRequestContext request,
      @PathParam("app") String app,
      @PathParam("model") String name,
      @PathParam("id") long id) {
    return lists.delete(request, pages.model(app, name), List.of(id));
  }

  @GET
  @Path("history")
  public Response history(
      @Context ContainerRequestContext request,
      @PathParam("app") String app,
      @PathParam("model") String name,
      @PathParam("id") long id) {
    Visitor visitor = Visitor.of(request);
    AdminModel model = pages.model(app, name);
    require(visitor, model, "view");
    String object = model.singular() + " " + pages.desk().label(model, id);
    User user = visitor.user().orElseThrow();
    // the parts the visitor may see: another's changes are left out of the read, not hidden after
    Map<String, AdminModel> parts = new LinkedHashMap<>();
    List<ChangeLog.Part> read = new ArrayList<>();
    for (ChangeLog.Part part : pages.desk().parts(model)) {
      pages.desk().models().stream()
          .filter(m -> m.name().equals(part.model()) && may(visitor, m, "view"))
          .findFirst()
          .ifPresent(
              m -> {
                parts.put(m.name(), m);
                read.add(part);
              });
    }
    List<Change> all = changes.history(model.app(), model.name(), id, read, HISTORY);
    List<Views.Line> lines = lines(user, model, object, parts, all);
    // a deleted object's history is shown, its deletion in it; an id never written has none
    if (lines.isEmpty() && pages.desk().existing(model, List.of(id)).isEmpty()) {
      return gone(request, visitor, model, id);
    }
    return pages.page(
        request,
        200,
        "History of " + object,
        "history.jte",
        new HistoryPage(
            allowed(visitor, model),
            id,
            object,
            lines,
            pages.zone(),
            KeptFilters.parse(
                request.getUriInfo().getQueryParameters().getFirst(KeptFilters.PARAM)),
            parts));
  }

  /**
   * The history's lines, newest first: the object's own changes, and its parts' each named by their
   * model and label ("NIC 02:ad:…"), read as their desks read them.
   */
  private List<Views.Line> lines(
      User user, AdminModel model, String object, Map<String, AdminModel> parts, List<Change> all) {
    Map<String, List<Change>> byModel = new LinkedHashMap<>();
    for (Change change : all) {
      byModel.computeIfAbsent(change.model(), k -> new ArrayList<>()).add(change);
    }
    Map<String, Views.Line> byId = new HashMap<>();
    byModel.forEach(
        (name, of) -> {
          boolean own = name.equals(model.name()) && of.get(0).app().equals(model.app());
          AdminModel changed = own ? model : parts.get(name);
          Map<Long, String> labels =
              own
                  ? Map.of()
                  : pages
                      .desk()
                      .labels(
                          changed, of.stream().map(Change::objectId).collect(Collectors.toSet()));
          for (Change change : pages.desk().readable(user, changed, of)) {
            String named = own ? object : changed.singular() + " " + labels.get(change.objectId());
            byId.put(change.id(), ChangeLines.line(change, named, pages.zone(), changed));
          }
        });
    return all.stream().map(change -> byId.get(change.id())).filter(Objects::nonNull).toList();
  }
}
