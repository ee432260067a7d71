package cores.admin;

import static cores.admin.AdminAccess.allowed;
import static cores.admin.AdminAccess.may;

import cores.api.admin.AdminDesk;
import cores.api.admin.AdminModel;
import cores.api.web.Visitor;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

/** Where an add form leads once the object is added, as the Django admin does. */
final class AfterAdding {
  private AfterAdding() {}

  /**
   * The new key, shown once, when the object has one; else the model's own form, the rest of its
   * adding (as Django's add-user form leads to a password); else the list when the visitor may see
   * it, else the admin's index with the message.
   */
  static Response next(
      AdminPages pages,
      ContainerRequestContext request,
      Visitor visitor,
      AdminModel model,
      AdminDesk.Created created) {
    if (created.secret() != null) {
      return Secrets.page(pages, request, allowed(visitor, model), created);
    }
    for (AdminModel.AdminForm next : model.forms()) {
      if (visitor.may(model.permission(next.action()))) {
        return AdminPages.redirect(
            allowed(visitor, model).url()
                + "/"
                + created.id()
                + "/form/"
                + next.name()
                + "?added=1");
      }
    }
    if (!may(visitor, model, "view")) {
      return AdminPages.redirect(
          "/admin?done=added&model=" + model.app() + "." + model.name() + "&id=" + created.id());
    }
    return AdminPages.redirect(allowed(visitor, model).url() + "?done=added&id=" + created.id());
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
