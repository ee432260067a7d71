package cores.admin;

import cores.api.admin.AdminDesk;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

/**
 * The page after creating an object that comes with a secret (an API token's key): the one and only
 * time it is shown, as the desk keeps no copy of it.
 */
final class Secrets {
  private Secrets() {}

  static Response page(
      AdminPages pages,
      ContainerRequestContext request,
      Views.Allowed allowed,
      AdminDesk.Created created) {
    String label = pages.desk().label(allowed.model(), created.id());
    return pages.page(
        request,
        200,
        "New " + allowed.model().singular() + " " + label,
        "secret.jte",
        new Views.SecretPage(allowed, created.id(), label, created.secret()));
  }
}
