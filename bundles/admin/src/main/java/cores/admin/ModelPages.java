package cores.admin;

import static cores.admin.AdminAccess.allowed;
import static cores.admin.AdminAccess.refusedAtFields;
import static cores.admin.AdminAccess.require;
import static cores.admin.AdminAccess.requireWritable;
import static cores.admin.PostedForm.first;
import static cores.admin.PostedForm.ids;
import static cores.admin.PostedForm.initial;
import static cores.admin.PostedForm.pageNumber;
import static cores.admin.PostedForm.values;

import cores.api.accounts.User;
import cores.api.admin.AdminDesk;
import cores.api.admin.AdminDesk.InlineChange;
import cores.api.admin.AdminField;
import cores.api.admin.AdminModel;
import cores.api.web.ProblemException;
import cores.api.web.RefusedQuery;
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
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * One model's admin pages under {@code /admin/{app}/{model}}: its list (columns, filters, search,
 * sort, 50 a page), its bulk actions and bulk delete with their confirmations, and its add form.
 * One object's pages are {@link ObjectPages}'; the rendering they share, {@link AdminPages}'.
 */
@JakartarsResource
@Admits(Operations.Audience.STAFF)
@JakartarsApplicationSelect(Whiteboard.PAGES)
@Component(service = ModelPages.class)
@Path("admin/{app}/{model}")
@Produces(MediaType.TEXT_HTML)
public final class ModelPages {
  private final AdminPages pages;
  private final AdminDesk desk;
  private final OptionsHtml options;
  private final ListTable table;

  @Activate
  public ModelPages(@Reference AdminPages pages) {
    this.pages = pages;
    this.desk = pages.desk();
    this.options = new OptionsHtml(pages.templates());
    this.table = new ListTable(pages.templates());
  }

  @GET
  public Response list(
      @Context ContainerRequestContext request,
      @PathParam("app") String app,
      @PathParam("model") String name) {
    return listPage(request, Visitor.of(request), pages.model(app, name), 200, List.of());
  }

  /** The list as the request's query asks for it, with the problems of a refused request. */
  private Response listPage(
      ContainerRequestContext request,
      Visitor visitor,
      AdminModel model,
      int status,
      List<String> problems) {
    return listPage(
        request,
        visitor,
        model,
        status,
        problems,
        Messages.of(desk, visitor, model, query(request), Deleted.of(request, model)),
        Views.Chosen.NONE,
        KeptFilters.listQuery(query(request)));
  }

  /**
   * The list as {@code query} asks for it ({@link KeptFilters#listQuery}), with a message and
   * problems, its bulk form as {@code asPosted}; a filter value the desk refuses and a search or
   * filter set aside ({@link RefusedQuery}) are dropped, named among the problems (400), and a page
   * past the end is redirected to the last.
   */
  private Response listPage(
      ContainerRequestContext request,
      Visitor visitor,
      AdminModel model,
      int status,
      List<String> given,
      Views.Message message,
      Views.Chosen asPosted,
      Map<String, String> query) {
    require(visitor, model, "view");
    List<String> problems = new ArrayList<>(given);
    status = RefusedFilters.setAside(RefusedQuery.of(request), model, problems, status);
    List<String> djangos =
        RefusedFilters.djangos(request.getUriInfo().getQueryParameters().keySet());
    if (!djangos.isEmpty()) {
      problems.addAll(djangos);
      status = 400;
    }
    String search = query.getOrDefault("q", "");
    String sort = query.getOrDefault("sort", "");
    int page = pageNumber(query.get("page"));
    Map<String, String> chosen = new LinkedHashMap<>();
    for (String filter : model.filters()) {
      chosen.put(filter, query.getOrDefault(filter, ""));
    }
    // the reference filters' objects asked for with the page: the desk reads them at once
    List<AdminField> referring =
        model.filters().stream()
            .map(filter -> model.field(filter).orElseThrow())
            .filter(AdminPages::referring)
            .toList();
    User user = visitor.user().orElseThrow();
    List<String> forged = TypedFilters.forged(pages.refs(), referring, query);
    if (!forged.isEmpty()) {
      problems.addAll(forged);
      status = 400;
    }
    // an object typed into a filter's box: chosen as if picked, or the list without it, saying so
    boolean asked = TypedFilters.typedIn(referring, query);
    Map<String, String> typed =
        TypedFilters.read(pages.refs(), user, referring, query, chosen, problems);
    if (asked && typed.isEmpty() && "GET".equals(request.getMethod())) {
      // the list's own address, filtered by the object's id as if picked from the select
      String kept = KeptFilters.of(query);
      return AdminPages.redirect(
          allowed(visitor, model).url() + (kept.isEmpty() ? "" : "?" + kept));
    }
    status = typed.isEmpty() ? status : 400;
    AdminDesk.ListPage listed;
    try {
      listed = desk.listPage(user, model, search, chosen, sort, page, referring);
    } catch (ProblemException e) {
      if (e.status() != 400) {
        throw e;
      }
      // a filter value that is not an option (an edited URL): the list without it, saying so
      status = 400;
      problems.addAll(RefusedFilters.dropped(model, e, chosen, query));
      listed = desk.listPage(user, model, search, chosen, sort, page, referring);
    }
    int named = problems.size();
    Map<String, Map<Long, String>> beyond =
        TypedFilters.beyond(
            desk, pages.refs(), referring, listed.options(), chosen, query, problems);
    if (problems.size() > named) {
      // an object chosen that is none: the list without it, not an empty one that reads as found
      status = 400;
      listed = desk.listPage(user, model, search, chosen, sort, page, referring);
    }
    AdminDesk.Rows rows = listed.rows();
    List<Views.Filter> filters = new ArrayList<>();
    for (String filter : model.filters()) {
      AdminField field = model.field(filter).orElseThrow();
      // a reference filter's objects are the desk's, the same object while they are unchanged
      Map<Long, String> referred = listed.options().get(filter);
      Map<Long, String> chosenBeyond = beyond.getOrDefault(filter, Map.of());
      boolean cut = TypedFilters.cut(referred) && pages.refs().target(field).isPresent();
      filters.add(
          new Views.Filter(
              field,
              options.html(
                  model.app() + "/" + model.name() + "/" + filter,
                  referred == null ? field : chosenBeyond.isEmpty() ? referred : chosenBeyond,
                  () -> OptionsHtml.of(field, referred, chosenBeyond),
                  chosen.get(filter)),
              cut ? typed.getOrDefault(filter, "") : null));
    }
    int last = (int) Math.max(1, (rows.count() + AdminDesk.PAGE_SIZE - 1) / AdminDesk.PAGE_SIZE);
    Views.ListPage view =
        new Views.ListPage(
            allowed(visitor, model, desk),
            visitor.csrfToken(),
            rows,
            search,
            filters,
            sort,
            page,
            last,
            query,
            message,
            problems,
            null,
            asPosted);
    if (page > last && "GET".equals(request.getMethod())) {
      // as Django's admin: a page past the end (rows deleted meanwhile, an edited URL) is the last
      return AdminPages.redirect(view.url("page", last == 1 ? null : String.valueOf(last)));
    }
    Response shown = pages.page(request, status, model.plural(), "list.jte", table.filled(view));
    // the name of an object deleted is said once
    return Deleted.carried(request)
        ? Response.fromResponse(shown)
            .header(HttpHeaders.SET_COOKIE, Deleted.cleared(request))
            .build()
        : shown;
  }

  /** A bulk action on the ticked rows: for delete, its confirmation. */
  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response bulk(
      @Context ContainerRequestContext request,
      @PathParam("app") String app,
      @PathParam("model") String name,
      MultivaluedMap<String, String> posted) {
    Visitor visitor = Visitor.of(request);
    AdminModel model = pages.model(app, name);
    // a forged field (a NUL) or no action: the list again, saying so, before any lookup; the rows
    // stay ticked and the action chosen as posted, unless a field was forged
    RefusedFilters.Bulk refused = RefusedFilters.bulk(posted);
    Views.Chosen chosen = refused.forged() ? Views.Chosen.NONE : Selection.chosen(posted);
    if (!refused.problems().isEmpty()) {
      return refused(request, visitor, model, 400, refused.problems(), chosen);
    }
    String action = first(posted, "action");
    List<Long> ids =
        Selection.ids(
            desk,
            visitor.user().orElseThrow(),
            model,
            request.getUriInfo().getQueryParameters(),
            posted);
    if (ids.isEmpty()) {
      return refused(
          request,
          visitor,
          model,
          400,
          List.of("No row was selected: tick the rows to act on, then Go. Nothing was changed."),
          chosen);
    }
    requireWritable(request, model);
    // as Django's admin, only the objects that still exist are acted on, confirmed and counted;
    // those gone (deleted since the list was shown, an edited id) are named, never as objects
    Set<Long> existing = desk.existing(model, ids).keySet();
    List<Long> missing = ids.stream().filter(id -> !existing.contains(id)).toList();
    if (existing.isEmpty()) {
      return refused(
          request,
          visitor,
          model,
          404,
          List.of(Selection.gone(model, missing, true)),
          Views.Chosen.NONE);
    }
    List<String> gone =
        missing.isEmpty() ? List.of() : List.of(Selection.gone(model, missing, false));
    ids = List.copyOf(existing);
    if ("delete".equals(action)) {
      return Confirmations.page(pages, request, visitor, model, ids, null, List.of(), gone, 200);
    }
    // taking bookables out of active with bookings ahead is confirmed first, listing them: worked
    // out once, for the question and the page (on every host of a lab, seconds each time)
    if (!"yes".equals(first(posted, "confirmed"))) {
      List<AdminDesk.Hold> holds = desk.affected(visitor.user().orElseThrow(), model, action, ids);
      if (!holds.isEmpty()) {
        return Confirmations.page(pages, request, visitor, model, ids, action, holds, gone, 200);
      }
    }
    AdminDesk.Done done;
    try {
      done = desk.act(visitor.user().orElseThrow(), model, action, ids);
    } catch (ProblemException e) {
      // all or none: the list again, saying why nothing was done
      if (e.status() == 400 || e.status() == 409 || e.status() == 404) {
        List<String> problems = new ArrayList<>();
        problems.add(e.detail());
        e.errors()
            .forEach((field, messages) -> messages.forEach(m -> problems.add(field + ": " + m)));
        return refused(request, visitor, model, e.status(), problems, chosen);
      }
      throw e;
    }
    if (!done.skipped().isEmpty() || !gone.isEmpty()) {
      // the rows left alone are named once, on the list itself
      List<String> leftOut = new ArrayList<>(gone);
      leftOut.addAll(Selection.skipped(done));
      return listPage(
          request,
          visitor,
          model,
          200,
          leftOut,
          Views.Message.of(Selection.done(model, action, done)),
          Views.Chosen.NONE,
          KeptFilters.listQuery(query(request)));
    }
    // as Django's admin: the list as it was, its search, filters, sort and page
    String kept = KeptFilters.of(request.getUriInfo().getQueryParameters());
    return AdminPages.redirect(
        allowed(visitor, model).url()
            + "?"
            + (kept.isEmpty() ? "" : kept + "&")
            + "done=bulk&n="
            + done.changed()
            + "&"
            + Messages.ACTED
            + "="
            + URLEncoder.encode(action, StandardCharsets.UTF_8));
  }

  /** The list again after a refused bulk action, its form as it was posted. */
  private Response refused(
      ContainerRequestContext request,
      Visitor visitor,
      AdminModel model,
      int status,
      List<String> problems,
      Views.Chosen chosen) {
    return listPage(
        request,
        visitor,
        model,
        status,
        problems,
        null,
        chosen,
        KeptFilters.listQuery(query(request)));
  }

  @POST
  @Path("delete")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response deleteAll(
      @Context ContainerRequestContext request,
      @PathParam("app") String app,
      @PathParam("model") String name,
      MultivaluedMap<String, String> posted) {
    AdminModel model = pages.model(app, name);
    List<Long> ids = ids(posted);
    // the confirmation again, saying which field came twice: only its ticked rows may repeat
    List<String> twice = RefusedFilters.twice(posted);
    if (!twice.isEmpty()) {
      Visitor visitor = Visitor.of(request);
      requireWritable(request, model);
      return Confirmations.page(pages, request, visitor, model, ids, null, List.of(), twice, 400);
    }
    return delete(request, model, ids);
  }

  @GET
  @Path("add")
  public Response addForm(
      @Context ContainerRequestContext request,
      @PathParam("app") String app,
      @PathParam("model") String name) {
    Visitor visitor = Visitor.of(request);
    AdminModel model = pages.model(app, name);
    require(visitor, model, "add");
    return pages.form(
        request,
        visitor,
        model,
        0,
        new Form(initial(model, request.getUriInfo().getQueryParameters())),
        200);
  }

  @POST
  @Path("add")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response add(
      @Context ContainerRequestContext request,
      @PathParam("app") String app,
      @PathParam("model") String name,
      MultivaluedMap<String, String> posted) {
    Visitor visitor = Visitor.of(request);
    AdminModel model = pages.model(app, name);
    requireWritable(request, model);
    Map<String, String> values = values(model, posted);
    List<AdminModel> inlineModels = pages.allInlineModels(model);
    List<InlineChange> inlines = PostedForm.inlineChanges(visitor, model, inlineModels, posted);
    String adding = PostedForm.addingRowTo(posted, inlineModels);
    if (adding != null) {
      // "Add another" without script: the form again as typed, one blank row more, nothing saved
      return pages.form(
          request,
          visitor,
          model,
          0,
          PostedForm.withAnotherRow(values, model, inlineModels, posted, adding, null),
          200);
    }
    User user = visitor.user().orElseThrow();
    AdminDesk.Created created;
    try {
      PostedForm.requireSound(
          posted, PostedForm.many(model, inlineModels), PostedForm.boxes(model, inlineModels));
      pages.refs().resolve(user, model, values, Map.of(), posted);
      created =
          inlines.isEmpty()
              ? desk.createShown(user, model, values)
              : new AdminDesk.Created(desk.create(user, model, values, inlines), null);
    } catch (ProblemException e) {
      if (refusedAtFields(e)) {
        return pages.form(
            request,
            visitor,
            model,
            0,
            PostedForm.refused(
                    model,
                    PostedForm.counted(values, inlineModels, posted),
                    inlines,
                    null,
                    e,
                    named -> pages.pageOf(visitor, named))
                .matching(Refs.Unresolved.of(e)),
            e.status());
      }
      throw e;
    }
    return AfterAdding.next(pages, request, visitor, model, created, posted);
  }

  Response delete(ContainerRequestContext request, AdminModel model, List<Long> ids) {
    Visitor visitor = Visitor.of(request);
    requireWritable(request, model);
    // as after a save: the list as it was left, its search, filters, sort and page
    String kept = KeptFilters.parse(query(request).getFirst(KeptFilters.PARAM));
    String list = allowed(visitor, model).url() + "?" + (kept.isEmpty() ? "" : kept + "&");
    if (ids.isEmpty()) {
      return AdminPages.redirect(list + "done=none");
    }
    // named before it is gone: the list it leads to says what was deleted
    String label = ids.size() == 1 ? desk.label(model, ids.get(0)) : null;
    try {
      desk.delete(visitor.user().orElseThrow(), model, ids);
    } catch (ProblemException e) {
      if (e.status() == 404) {
        // gone meanwhile, or never there: the list as it is, not a confirmation to delete it, as
        // it was left (its search, filters, sort and page carried to the delete)
        return listPage(
            request,
            visitor,
            model,
            404,
            List.of(e.detail()),
            null,
            Views.Chosen.NONE,
            KeptFilters.listQuery(query(request).getFirst(KeptFilters.PARAM)));
      }
      if (e.status() == 400 || e.status() == 409) {
        return Confirmations.page(
            pages, request, visitor, model, ids, null, List.of(), List.of(e.detail()), e.status());
      }
      throw e;
    }
    String location = list + "done=deleted&n=" + ids.size();
    if (label == null) {
      return AdminPages.redirect(location);
    }
    return Response.seeOther(URI.create(location))
        .header(HttpHeaders.SET_COOKIE, Deleted.cookie(request, model, label))
        .build();
  }

  private static MultivaluedMap<String, String> query(ContainerRequestContext request) {
    return request.getUriInfo().getQueryParameters();
  }
}
