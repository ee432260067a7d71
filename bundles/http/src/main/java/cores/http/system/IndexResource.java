package cores.http.system;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** {@code GET /api/}: the root paths of the resources published right now. */
@Path("/")
public final class IndexResource {
  private final Supplier<List<String>> rootPaths;

  public IndexResource(Supplier<List<String>> rootPaths) {
    this.rootPaths = rootPaths;
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Map<String, Object> index() {
    return Map.of("resources", rootPaths.get());
  }
}
