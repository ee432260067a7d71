package cores.admin;

import static cores.admin.AdminAccess.allowed;
import static cores.admin.AdminAccess.may;

import cores.api.admin.AdminDesk;
import cores.api.admin.AdminModel;
import cores.api.web.Visitor;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

/** Where an add form leads once the object is added, as the Django admin does. */
final class AfterAdding {
  /** The name of the button "Save and continue editing", Django's. */
  static final String CONTINUE = "_continue";

  /** The name of the button "Save and add another", Django's. */
  static final String ADD_ANOTHER = "_addanother";

  private AfterAdding() {}

  /**
   * The new key, shown once, when the object has one; else the model's own form, the rest of its
   * adding (as Django's add-user form leads to a password); else the list when the visitor may see
   * it (or, after Save and continue editing or Save and add another, its change or add form), else
   * the admin's index with the message.
   */
  static Response next(
      AdminPages pages,
      ContainerRequestContext request,
      Visitor visitor,
      AdminModel model,
      AdminDesk.Created created,
      MultivaluedMap<String, String> posted) {
    if (created.secret() != null) {
      return Secrets.page(pages, request, allowed(visitor, model), created);
    }
    for (AdminModel.AdminForm next : model.forms()) {
      if (visitor.may(model.permission(next.action()))) {
        // the list as it was left goes on with it, to lead back there once the form is saved
        String carried = KeptFilters.carry(kept(request));
        return AdminPages.redirect(
            allowed(visitor, model).url()
                + "/"
                + created.id()
                + "/form/"
                + next.name()
                + (carried.isEmpty() ? "?" : carried + "&")
                + "added=1");
      }
    }
    String url = allowed(visitor, model).url();
    if (posted.containsKey(ADD_ANOTHER)) {
      // adding needs no view permission: the message then names the object without a link
      return AdminPages.redirect(onward(url, created.id(), posted, "added", kept(request)));
    }
    if (!may(visitor, model, "view")) {
      return AdminPages.redirect(
          "/admin?done=added&model=" + model.app() + "." + model.name() + "&id=" + created.id());
    }
    return AdminPages.redirect(onward(url, created.id(), posted, "added", kept(request)));
  }

  /**
   * Where a saved form leads, as Django's admin: the object's change form for {@link #CONTINUE}, a
   * blank add form for {@link #ADD_ANOTHER}, else the list as it was left ({@code kept}: its
   * search, filters, sort and page); each with the message naming it.
   */
  static String onward(
      String url, long id, MultivaluedMap<String, String> posted, String done, String kept) {
    String message = "done=" + done + "&id=" + id;
    String carried = KeptFilters.carry(kept);
    String form = carried.isEmpty() ? "?" + message : carried + "&" + message;
    if (posted.containsKey(CONTINUE)) {
      return url + "/" + id + form;
    }
    if (posted.containsKey(ADD_ANOTHER)) {
      return url + "/add" + form;
    }
    return url + "?" + (kept.isEmpty() ? "" : kept + "&") + message;
  }

  /** The list's query a form's post carried ({@link KeptFilters}). */
  static String kept(ContainerRequestContext request) {
    return KeptFilters.parse(request.getUriInfo().getQueryParameters().getFirst(KeptFilters.PARAM));
  }

  /**
   * The model a redirect to the index names (only one the admin has: no text from the query), or
   * null.
   */
  static AdminModel named(AdminDesk desk, ContainerRequestContext request) {
    String named = request.getUriInfo().getQueryParameters().getFirst("model");
    return desk.models().stream()
        .filter(m -> (m.app() + "." + m.name()).equals(named))
        .findFirst()
        .orElse(null);
  }
}
