package cores.admin;

import static cores.admin.AdminAccess.allowed;
import static cores.admin.AdminAccess.may;
import static cores.admin.PostedForm.id;
import static cores.admin.PostedForm.ids;

import cores.api.accounts.User;
import cores.api.admin.AdminDesk;
import cores.api.admin.AdminField;
import cores.api.admin.AdminModel;
import cores.api.admin.NamingProblem;
import cores.api.changes.Change;
import cores.api.changes.ChangeLog;
import cores.api.config.SiteZone;
import cores.api.web.PageLayout;
import cores.api.web.ProblemException;
import cores.api.web.Visitor;
import cores.api.web.Whiteboard;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
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
 * describes ({@link AdminDesk}): its home, and the rendering of pages, forms and their choices that
 * a model's pages ({@link ModelPages}: list, bulk actions, add) and one object's ({@link
 * ObjectPages}: change, delete, history) share. What a model's view/add/change/delete permission
 * does not allow is not shown, and the desk refuses it (403) if posted anyway.
 */
@JakartarsResource
@Admits(Operations.Audience.STAFF)
@JakartarsApplicationSelect(Whiteboard.PAGES)
@Component(
    service = AdminPages.class,
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
  private final AdminDesk desk;
  private final Refs refs;
  private final ChangeLog changes;
  private final PageLayout layout;
  private final SiteZone zone;
  private final Templates templates = new Templates();

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
      @Reference SiteZone zone) {
    this.desk = new Desks(desks);
    this.refs = new Refs(desk);
    this.changes = changes;
    this.layout = layout;
    this.zone = zone;
  }

  @GET
  public Response home(@Context ContainerRequestContext request) {
    return index(request, "");
  }

  /**
   * An app's page, Django's app index: the app's models the visitor may see or add to and the
   * recent changes of them; none such is a 404, as in Django, whether the app is there or not.
   */
  @GET
  @Path("{app: [a-z][a-z0-9_]*}")
  public Response app(@Context ContainerRequestContext request, @PathParam("app") String app) {
    return index(request, app);
  }

  /** The home (app "") or an app's page. */
  private Response index(ContainerRequestContext request, String app) {
    Messages.refuseSetAside(request);
    Visitor visitor = Visitor.of(request);
    List<Views.Allowed> models = new ArrayList<>();
    for (AdminModel model : desk.models()) {
      // as Django's admin: a model one may only add to is listed too, its name leading nowhere
      if ((app.isEmpty() || model.app().equals(app))
          && (may(visitor, model, "view") || may(visitor, model, "add"))) {
        models.add(allowed(visitor, model));
      }
    }
    if (!app.isEmpty() && models.isEmpty()) {
      throw ProblemException.notFound("No app " + app + " here.");
    }
    List<Change> visible = new ArrayList<>();
    for (Change change : changes.recent(RECENT * 5)) {
      if (visible.size() < RECENT
          && (app.isEmpty() || change.app().equals(app))
          && visitor.may(change.app() + ".view_" + change.model())) {
        visible.add(change);
      }
    }
    List<Views.Line> recent = ChangeLines.named(desk, visible, zone);
    return page(
        request,
        200,
        app.isEmpty() ? "Admin" : Apps.title(app) + " administration",
        "home.jte",
        new Views.Home(
            visitor.csrfToken(),
            app,
            Apps.grouped(models),
            app.isEmpty() ? Operations.links(visitor) : List.of(),
            recent,
            Messages.of(
                desk,
                visitor,
                AfterAdding.named(desk, request),
                request.getUriInfo().getQueryParameters())));
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
    Map<String, Map<Long, String>> options =
        refs.options(
            visitor.user().orElseThrow(), model.fields(), form, allowed(visitor, model).url());
    for (AdminField field : model.fields()) {
      if ("ref".equals(field.kind()) && !field.writable()) {
        options.put(field.name(), derived(field, form.value(field.name())));
      }
    }
    // "View" where nothing can be changed: a read-only model, or no change permission
    String object = id == 0 ? "" : desk.label(model, id);
    String title =
        id == 0
            ? "Add " + model.singular()
            : (may(visitor, model, "change") ? "Change " : "View ")
                + model.singular()
                + " "
                + object;
    // a new object's inline rows can only be added, with it; blank rows as many as were shown
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
      inlines.add(
          new Views.Inline(
              allowed(visitor, inline),
              fields,
              ids,
              inlineOptions,
              PostedForm.shownNewRows(form, inline.name())));
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
            zone,
            // after Save and continue editing or Save and add another: what was just saved
            Messages.of(desk, visitor, model, request.getUriInfo().getQueryParameters()),
            KeptFilters.parse(
                request.getUriInfo().getQueryParameters().getFirst(KeptFilters.PARAM)),
            object));
  }

  /**
   * The permissions of every model the admin shows, what a permissions field offers, named and
   * ordered as Django's admin does: by app and model, "inventory | host | Can add host".
   */
  private Map<String, String> permissions() {
    return permissionLabels(desk.models());
  }

  /** The permissions of these models by their labels, in the order a form offers them. */
  static Map<String, String> permissionLabels(List<AdminModel> models) {
    Map<String, String> labels = new LinkedHashMap<>();
    models.stream()
        .sorted(Comparator.comparing(AdminModel::app).thenComparing(AdminModel::name))
        .forEach(
            model -> {
              for (String action : List.of("add", "change", "delete", "view")) {
                String permission = model.permission(action);
                if (model.permissions().contains(permission)) {
                  labels.put(
                      permission,
                      model.app()
                          + " | "
                          + model.singular()
                          + " | Can "
                          + action
                          + " "
                          + model.singular());
                }
              }
            });
    return labels;
  }

  /** The templates, which the pages of one model render their parts with. */
  Templates templates() {
    return templates;
  }

  AdminDesk desk() {
    return desk;
  }

  /** The references of forms to models with many objects, typed into. */
  Refs refs() {
    return refs;
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

  /** The page of an object a refusal names, where the visitor may see it; else null. */
  String pageOf(Visitor visitor, NamingProblem.Named named) {
    return desk.models().stream()
        .filter(m -> m.app().equals(named.app()) && m.name().equals(named.model()))
        .filter(m -> may(visitor, m, "view"))
        .findFirst()
        .map(m -> allowed(visitor, m).url() + "/" + named.id())
        .orElse(null);
  }

  /** Whether a field offers objects of another model (a reference, a multi over a model). */
  static boolean referring(AdminField field) {
    return "ref".equals(field.kind()) || ("multi".equals(field.kind()) && field.target() != null);
  }

  AdminModel model(String app, String name) {
    return desk.models().stream()
        .filter(m -> m.app().equals(app) && m.name().equals(name))
        .findFirst()
        .orElseThrow(() -> ProblemException.notFound("No model " + app + "." + name + " here."));
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
