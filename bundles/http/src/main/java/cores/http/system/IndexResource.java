package cores.http.system;

import cores.api.web.ApiDoc;
import cores.http.docs.CachedAnswer;
import cores.http.docs.Endpoints;
import cores.http.docs.Operation;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Providers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.glassfish.jersey.server.ExtendedResourceContext;

/**
 * {@code GET /api/}: the resources published right now and each path with its methods, read from
 * the running application's resource model like {@code /api/docs}.
 */
@Path("/")
@ApiDoc(area = "api", permission = ApiDoc.ANONYMOUS)
public final class IndexResource {
  private final List<Operation> served;

  /** The index of the application this instance is part of: see {@link CachedAnswer}. */
  private final CachedAnswer cache = new CachedAnswer();

  /**
   * @param served the operations served outside JAX-RS (see {@link Endpoints#served})
   */
  public IndexResource(List<Operation> served) {
    this.served = List.copyOf(served);
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @ApiDoc("This index: every path with its methods; the full description is at /api/docs")
  public Map<String, Object> index(
      @Context ExtendedResourceContext context,
      @Context ContainerRequestContext request,
      @Context Providers providers) {
    return cache.entity(
        MediaType.APPLICATION_JSON_TYPE, request, providers, type -> index(context));
  }

  private Map<String, Object> index(ExtendedResourceContext context) {
    List<Operation> operations =
        Endpoints.of(context.getResourceModel().getRootResources(), served);
    Map<String, List<String>> methods = new LinkedHashMap<>();
    for (Operation o : operations) {
      methods.computeIfAbsent(o.path(), p -> new ArrayList<>()).add(o.method());
    }
    List<Map<String, Object>> endpoints = new ArrayList<>(methods.size());
    methods.forEach(
        (path, list) -> {
          Map<String, Object> endpoint = new LinkedHashMap<>();
          endpoint.put("path", path);
          endpoint.put("methods", list);
          endpoints.add(endpoint);
        });
    Map<String, Object> index = new LinkedHashMap<>();
    index.put("docs", "/api/docs");
    index.put("resources", operations.stream().map(Operation::root).distinct().sorted().toList());
    index.put("endpoints", endpoints);
    return index;
  }
}
