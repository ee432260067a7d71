package cores.web;

import cores.api.web.FieldErrors;
import cores.api.web.RefusedQuery;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.List;

/**
 * A page's query parameters that are no search or filter (an offset, a return address): one set
 * aside for text PostgreSQL would not store ({@link RefusedQuery}: a NUL in it) is answered 400
 * naming it, not read as if it had not been given.
 */
public final class SetAside {
  private SetAside() {}

  /** Throws the 400 answer naming the parameter when it was set aside. */
  public static void refuse(ContainerRequestContext request, String name) {
    List<String> problems = RefusedQuery.of(request).get(name);
    if (problems != null) {
      throw FieldErrors.single(name, problems.get(0));
    }
  }
}
