package cores.web;

import cores.api.web.Whiteboard;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * {@code /docs/}: the navigation's link to the documentation. In the stack nginx serves the guides
 * there and this page is never reached; a Cores run on its own (the README's quick start) answers
 * with where the guides are and the API reference it serves itself, instead of a 404.
 */
@JakartarsResource
@JakartarsApplicationSelect(Whiteboard.PAGES)
@Component(
    service = DocsPage.class,
    property = {
      Whiteboard.NAV_LABEL + "=Docs",
      Whiteboard.NAV_PATH + "=/docs/",
      Whiteboard.NAV_RANK + "=80"
    })
@Path("docs")
@Produces(MediaType.TEXT_HTML)
public final class DocsPage {
  private final Site site;

  @Activate
  public DocsPage(@Reference Site site) {
    this.site = site;
  }

  @GET
  public Response guides(@Context ContainerRequestContext request) {
    return site.render(request, 200, "Documentation", "docs.jte", null);
  }
}
