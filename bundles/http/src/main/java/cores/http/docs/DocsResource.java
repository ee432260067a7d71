package cores.http.docs;

import cores.api.web.ApiDoc;
import cores.api.web.FieldErrors;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Configuration;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Variant;
import jakarta.ws.rs.ext.Providers;
import java.util.List;
import org.glassfish.jersey.server.ExtendedResourceContext;
import org.glassfish.jersey.server.model.Resource;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * {@code GET /api/docs}: the API as published right now (Jersey's resource model of the running
 * application, rebuilt whenever a resource comes or goes), as OpenAPI JSON or as an HTML page.
 */
@Path("docs")
@ApiDoc(area = "api", permission = ApiDoc.ANONYMOUS)
public final class DocsResource {
  private static final MediaType HTML = MediaType.TEXT_HTML_TYPE.withCharset("UTF-8");

  private final String version;
  private final List<Operation> served;

  /** The description in each media type, of the application this instance is part of. */
  private final CachedAnswer cache = new CachedAnswer();

  /**
   * States the HTTP bundle's version (none outside OSGi, in unit tests).
   *
   * @param served the operations served outside JAX-RS (see {@link Endpoints#served})
   */
  public DocsResource(List<Operation> served) {
    this.served = List.copyOf(served);
    Bundle bundle = FrameworkUtil.getBundle(DocsResource.class);
    this.version = bundle == null ? "0" : bundle.getVersion().toString();
  }

  @GET
  @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_HTML})
  @ApiDoc(
      value =
          "This description: OpenAPI JSON (Accept: application/json) or a readable page"
              + " (Accept: text/html)",
      query = "format: json or html, whatever Accept says")
  public Response docs(
      @QueryParam("format") String format,
      @Context Request request,
      @Context ContainerRequestContext requestContext,
      @Context ExtendedResourceContext context,
      @Context Configuration configuration,
      @Context Providers providers) {
    MediaType type;
    if (format == null || format.isEmpty()) {
      // built per request: JAX-RS finds its RuntimeDelegate through the context class loader,
      // which Jersey sets while serving (not while the bundle builds the application)
      Variant variant =
          request.selectVariant(
              Variant.mediaTypes(MediaType.APPLICATION_JSON_TYPE, MediaType.TEXT_HTML_TYPE)
                  .build());
      type =
          variant == null || !variant.getMediaType().equals(MediaType.TEXT_HTML_TYPE)
              ? MediaType.APPLICATION_JSON_TYPE
              : HTML;
    } else if (format.equals("json")) {
      type = MediaType.APPLICATION_JSON_TYPE;
    } else if (format.equals("html")) {
      type = HTML;
    } else {
      throw FieldErrors.single("format", "must be json or html");
    }
    Object entity =
        cache.entity(type, requestContext, providers, t -> describe(t, context, configuration));
    return Response.ok(entity, type).header(HttpHeaders.VARY, HttpHeaders.ACCEPT).build();
  }

  private Object describe(
      MediaType type, ExtendedResourceContext context, Configuration configuration) {
    List<Resource> roots = context.getResourceModel().getRootResources();
    List<Operation> operations = Endpoints.of(roots, served);
    return type.equals(HTML)
        ? DocsPage.render(operations)
        : OpenApi.document(operations, Endpoints.schemas(configuration.getInstances()), version);
  }
}
