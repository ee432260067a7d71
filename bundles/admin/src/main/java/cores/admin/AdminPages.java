package cores.admin;

import static cores.admin.AdminAccess.allowed;
import static cores.admin.AdminAccess.may;
import static cores.admin.AdminAccess.refusedAtFields;
import static cores.admin.AdminAccess.require;
import static cores.admin.AdminAccess.requireWritable;
import static cores.admin.PostedForm.first;
import static cores.admin.PostedForm.id;
import static cores.admin.PostedForm.ids;
import static cores.admin.PostedForm.initial;
import static cores.admin.PostedForm.pageNumber;
import static cores.admin.PostedForm.values;

import cores.api.accounts.User;
import cores.api.admin.AdminDesk;
import cores.api.admin.AdminDesk.InlineChange;
import cores.api.admin.AdminField;
import cores.api.admin.AdminModel;
import cores.api.changes.Change;
import cores.api.changes.ChangeLog;
import cores.api.web.PageLayout;
import cores.api.web.ProblemException;
import cores.api.web.RefusedQuery;
import cores.api.web.StorableText;
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
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * The admin under {@code /admin}: for staff, one generic set of pages over every model the domain
 * describes ({@link AdminDesk}): the home, list (columns, filters, search, sort, 50 a page), add,
 * bulk actions and bulk delete, and the rendering of forms and confirmations that one object's
 * pages ({@link ObjectPages}: change, delete, history) share. What a model's view/add/change/delete
 * permission does not allow is not shown, and the desk refuses it (403) if posted anyway.
 */
@JakartarsResource
@Admits(Operations.Audience.STAFF)
@JakartarsApplicationSelect(Whiteboard.PAGES)
@Component(
    service = AdminPages.class,
    // the site's zone only (CORES_TIME_ZONE), which the launcher writes to the jobs' PID
    configurationPid = "cores.domain.jobs",
    property = {
      Whiteboard.NAV_LABEL + "=Admin",
      Whiteboard.NAV_PATH + "=/admin",
      Whiteboard.NAV_PERMISSION + "=staff",
      Whiteboard.NAV_RANK + "=90"
    })
@Path("admin")
@Produces(MediaType.TEXT_HTML)
public final class AdminPages {
  private static final int RECENT = 20;
  static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
  private final AdminDesk desk;
  private final ChangeLog changes;
  private final PageLayout layout;
  private final SiteZone zone;
  private final Templates templates = new Templates();
  private final OptionsHtml options = new OptionsHtml(templates);
  private final ListTable table = new ListTable(templates);

  /** Takes every desk (the domain's, the accounts'), each for its own models. */
  @Activate
  public AdminPages(
      @Reference(
              service = AdminDesk.class,
              cardinality = ReferenceCardinality.AT_LEAST_ONE,
              policyOption = ReferencePolicyOption.GREEDY)
          List<AdminDesk> desks,
      @Reference ChangeLog changes,
      @Reference PageLayout layout,
      SiteZone.Config config) {
    this.desk = new Desks(desks);
    this.changes = changes;
    this.layout = layout;
    this.zone = new SiteZone(ZoneId.of(config.timeZone()));
  }

  @GET
  public Response home(@Context ContainerRequestContext request) {
    Visitor visitor = Visitor.of(request);
    List<Views.Allowed> models = new ArrayList<>();
    for (AdminModel model : desk.models()) {
      if (visitor.may(model.permission("view"))) {
        models.add(allowed(visitor, model));
      }
    }
    List<Change> visible = new ArrayList<>();
    for (Change change : changes.recent(RECENT * 5)) {
      if (visible.size() < RECENT && visitor.may(change.app() + ".view_" + change.model())) {
        visible.add(change);
      }
    }
    List<Views.Line> recent = ChangeLines.named(desk, visible);
    return page(
        request,
        200,
        "Admin",
        "home.jte",
        new Views.Home(
            visitor.csrfToken(),
            models,
            Operations.links(visitor),
            recent,
            Messages.of(desk, visitor, AfterAdding.named(desk, request), query(request))));
  }

  @GET
  @Path("{app}/{model}")
  public Response list(
      @Context ContainerRequestContext request,
      @PathParam("app") String app,
      @PathParam("model") String name) {
    return listPage(request, Visitor.of(request), model(app, name), 200, List.of());
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
        Messages.of(desk, visitor, model, query(request)),
        Views.Chosen.NONE);
  }

  /**
   * The list with a message and problems, its bulk form as {@code asPosted}; a filter value the
   * desk refuses and a search or filter set aside ({@link RefusedQuery}) are dropped, named among
   * the problems (400), and a page past the end is redirected to the last.
   */
  private Response listPage(
      ContainerRequestContext request,
      Visitor visitor,
      AdminModel model,
      int status,
      List<String> given,
      Views.Message message,
      Views.Chosen asPosted) {
    require(visitor, model, "view");
    List<String> problems = new ArrayList<>(given);
    status = RefusedFilters.setAside(RefusedQuery.of(request), model, problems, status);
    MultivaluedMap<String, String> params = request.getUriInfo().getQueryParameters();
    Map<String, String> query = new LinkedHashMap<>();
    params.forEach(
        (key, values) -> {
          if (!values.isEmpty() && !values.get(0).isEmpty() && !"done".equals(key)) {
            query.put(key, values.get(0));
          }
        });
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
    AdminDesk.Rows rows = listed.rows();
    List<Views.Filter> filters = new ArrayList<>();
    for (String filter : model.filters()) {
      AdminField field = model.field(filter).orElseThrow();
      // a reference filter's objects are the desk's, the same object while they are unchanged
      Map<Long, String> referred = listed.options().get(filter);
      filters.add(
          new Views.Filter(
              field,
              options.html(
                  model.app() + "/" + model.name() + "/" + filter,
                  referred == null ? field : referred,
                  () -> OptionsHtml.of(field, referred),
                  chosen.get(filter))));
    }
    int pages = (int) Math.max(1, (rows.count() + AdminDesk.PAGE_SIZE - 1) / AdminDesk.PAGE_SIZE);
    Views.ListPage view =
        new Views.ListPage(
            allowed(visitor, model, desk),
            visitor.csrfToken(),
            rows,
            search,
            filters,
            sort,
            page,
            pages,
            query,
            message,
            problems,
            null,
            asPosted);
    if (page > pages && "GET".equals(request.getMethod())) {
      // as Django's admin: a page past the end (rows deleted meanwhile, an edited URL) is the last
      return redirect(view.url("page", pages == 1 ? null : String.valueOf(pages)));
    }
    return page(request, status, model.plural(), "list.jte", table.filled(view));
  }

  /** A bulk action on the ticked rows: for delete, its confirmation. */
  @POST
  @Path("{app}/{model}")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response bulk(
      @Context ContainerRequestContext request,
      @PathParam("app") String app,
      @PathParam("model") String name,
      MultivaluedMap<String, String> posted) {
    Visitor visitor = Visitor.of(request);
    AdminModel model = model(app, name);
    // a forged field (a NUL) or no action: the list again, saying so, before any lookup; the rows
    // stay ticked and the action chosen as posted, unless a field was forged
    List<String> refused = RefusedFilters.bulk(posted);
    Views.Chosen chosen =
        StorableText.problems(posted).isEmpty() ? Selection.chosen(posted) : Views.Chosen.NONE;
    if (!refused.isEmpty()) {
      return refused(request, visitor, model, 400, refused, chosen);
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
    if ("delete".equals(action)) {
      return Confirmations.page(this, request, visitor, model, ids, null, List.of(), 200);
    }
    // taking bookables out of active with bookings ahead is confirmed first, listing them
    if (!"yes".equals(first(posted, "confirmed"))
        && !desk.affected(visitor.user().orElseThrow(), model, action, ids).isEmpty()) {
      return Confirmations.page(this, request, visitor, model, ids, action, List.of(), 200);
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
    if (!done.skipped().isEmpty()) {
      // the rows left alone are named once, on the list itself
      return listPage(
          request,
          visitor,
          model,
          200,
          Selection.skipped(done),
          Views.Message.of(Selection.done(model, done)),
          Views.Chosen.NONE);
    }
    return redirect(allowed(visitor, model).url() + "?done=bulk&n=" + done.changed());
  }

  /** The list again after a refused bulk action, its form as it was posted. */
  private Response refused(
      ContainerRequestContext request,
      Visitor visitor,
      AdminModel model,
      int status,
      List<String> problems,
      Views.Chosen chosen) {
    return listPage(request, visitor, model, status, problems, null, chosen);
  }

  @POST
  @Path("{app}/{model}/delete")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response deleteAll(
      @Context ContainerRequestContext request,
      @PathParam("app") String app,
      @PathParam("model") String name,
      MultivaluedMap<String, String> posted) {
    return delete(request, model(app, name), ids(posted));
  }

  @GET
  @Path("{app}/{model}/add")
  public Response addForm(
      @Context ContainerRequestContext request,
      @PathParam("app") String app,
      @PathParam("model") String name) {
    Visitor visitor = Visitor.of(request);
    AdminModel model = model(app, name);
    require(visitor, model, "add");
    return form(
        request,
        visitor,
        model,
        0,
        new Form(initial(model, request.getUriInfo().getQueryParameters())),
        200);
  }

  @POST
  @Path("{app}/{model}/add")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response add(
      @Context ContainerRequestContext request,
      @PathParam("app") String app,
      @PathParam("model") String name,
      MultivaluedMap<String, String> posted) {
    Visitor visitor = Visitor.of(request);
    AdminModel model = model(app, name);
    requireWritable(request, model);
    Map<String, String> values = values(model, posted);
    List<InlineChange> inlines =
        PostedForm.inlineChanges(visitor, model, allInlineModels(model), posted);
    User user = visitor.user().orElseThrow();
    AdminDesk.Created created;
    try {
      PostedForm.requireStorable(posted);
      created =
          inlines.isEmpty()
              ? desk.createShown(user, model, values)
              : new AdminDesk.Created(desk.create(user, model, values, inlines), null);
    } catch (ProblemException e) {
      if (refusedAtFields(e)) {
        return form(
            request,
            visitor,
            model,
            0,
            PostedForm.refused(model, values, inlines, null, e),
            e.status());
      }
      throw e;
    }
    return AfterAdding.next(this, request, visitor, model, created);
  }

  Response delete(ContainerRequestContext request, AdminModel model, List<Long> ids) {
    Visitor visitor = Visitor.of(request);
    requireWritable(request, model);
    if (ids.isEmpty()) {
      return redirect(allowed(visitor, model).url() + "?done=none");
    }
    try {
      desk.delete(visitor.user().orElseThrow(), model, ids);
    } catch (ProblemException e) {
      if (e.status() == 404) {
        // gone meanwhile, or never there: the list as it is, not a confirmation to delete it
        return listPage(request, visitor, model, 404, List.of(e.detail()));
      }
      if (e.status() == 400 || e.status() == 409) {
        return Confirmations.page(
            this, request, visitor, model, ids, null, List.of(e.detail()), e.status());
      }
      throw e;
    }
    return redirect(allowed(visitor, model).url() + "?done=deleted&n=" + ids.size());
  }

  SiteZone zone() {
    return zone;
  }

  Response form(
      ContainerRequestContext request,
      Visitor visitor,
      AdminModel model,
      long id,
      Form form,
      int status) {
    Map<String, Map<Long, String>> options = options(visitor, model.fields());
    for (AdminField field : model.fields()) {
      if ("ref".equals(field.kind()) && !field.writable()) {
        options.put(field.name(), derived(field, form.value(field.name())));
      }
    }
    // "View" where nothing can be changed: a read-only model, or no change permission
    String title =
        id == 0
            ? "Add " + model.name()
            : (may(visitor, model, "change") ? "Change " : "View ")
                + model.name()
                + " "
                + desk.label(model, id);
    // a new object's inline rows can only be added, with it
    List<Views.Inline> inlines = new ArrayList<>();
    for (AdminModel inline : inlineModels(visitor, model)) {
      User user = visitor.user().orElseThrow();
      List<AdminField> fields =
          inline.fields().stream().filter(f -> !model.name().equals(f.target())).toList();
      Map<String, Map<Long, String>> inlineOptions = new LinkedHashMap<>();
      for (AdminField field : fields) {
        if ("ref".equals(field.kind()) && field.writable()) {
          inlineOptions.put(field.name(), desk.options(user, field));
        }
      }
      List<Long> ids =
          id == 0
              ? List.of()
              : desk.inlineRows(user, inline, model, id).stream()
                  .map(r -> Long.parseLong(r.get("id")))
                  .toList();
      inlines.add(new Views.Inline(allowed(visitor, inline), fields, ids, inlineOptions));
    }
    User viewer = visitor.user().orElseThrow();
    List<AdminModel.AdminForm> offered =
        id == 0
            ? List.of()
            : model.forms().stream().filter(f -> desk.offers(viewer, model, id, f.name())).toList();
    // an object's page offers only what applies to it (a scan conflict's, by its kind and status)
    AdminDesk.Applicable applies = AdminAccess.applicable(desk, viewer, model, id);
    return page(
        request,
        status,
        title,
        "form.jte",
        new Views.FormPage(
            allowed(visitor, model, applies.actions()),
            visitor.csrfToken(),
            id,
            title,
            form,
            options,
            permissions(),
            inlines,
            offered,
            applies.links(),
            zone));
  }

  /** The permissions of every model the admin shows: what a permissions field offers. */
  private List<String> permissions() {
    return desk.models().stream().flatMap(m -> m.permissions().stream()).toList();
  }

  AdminDesk desk() {
    return desk;
  }

  /** The choices of the writable reference fields, and of multis over another model. */
  Map<String, Map<Long, String>> options(Visitor visitor, List<AdminField> fields) {
    Map<String, Map<Long, String>> options = new LinkedHashMap<>();
    for (AdminField field : fields) {
      boolean referring =
          "ref".equals(field.kind()) || ("multi".equals(field.kind()) && field.target() != null);
      if (referring && field.writable()) {
        options.put(field.name(), desk.options(visitor.user().orElseThrow(), field));
      }
    }
    return options;
  }

  /** A derived reference's object by its label, so that the form shows it (never edited). */
  private Map<Long, String> derived(AdminField field, String value) {
    Optional<AdminModel> target =
        desk.models().stream().filter(m -> m.name().equals(field.target())).findFirst();
    if (target.isEmpty() || !value.matches("[0-9]{1,18}")) {
      return Map.of();
    }
    long id = Long.parseLong(value);
    return Map.of(id, desk.label(target.get(), id));
  }

  /** The inline models of a model the visitor may see. */
  List<AdminModel> inlineModels(Visitor visitor, AdminModel model) {
    return allInlineModels(model).stream()
        .filter(inline -> visitor.may(inline.permission("view")))
        .toList();
  }

  /** The models whose rows the model's form holds, whoever looks. */
  List<AdminModel> allInlineModels(AdminModel model) {
    return model.inlines().stream().map(name -> model(model.app(), name)).toList();
  }

  /** Whether a filter offers objects of another model (a reference, a multi over a model). */
  static boolean referring(AdminField field) {
    return "ref".equals(field.kind()) || ("multi".equals(field.kind()) && field.target() != null);
  }

  AdminModel model(String app, String name) {
    return desk.models().stream()
        .filter(m -> m.app().equals(app) && m.name().equals(name))
        .findFirst()
        .orElseThrow(() -> ProblemException.notFound("No model " + app + "." + name + " here."));
  }

  private static MultivaluedMap<String, String> query(ContainerRequestContext request) {
    return request.getUriInfo().getQueryParameters();
  }

  static Response redirect(String location) {
    return Response.seeOther(URI.create(location)).build();
  }

  Response page(
      ContainerRequestContext request, int status, String title, String template, Object view) {
    String body = templates.render(template, view);
    String path = request.getUriInfo().getRequestUri().getRawPath();
    return Response.status(status)
        .type(MediaType.TEXT_HTML_TYPE.withCharset("utf-8"))
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        // encoded here: a String entity is copied into a char array on its way to the encoder
        .entity(
            layout.page(Visitor.of(request), path, title, body).getBytes(StandardCharsets.UTF_8))
        .build();
  }
}
