package cores.web;

import cores.api.web.Whiteboard;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * {@code GET /favicon.ico}: browsers and feed readers ask for it whatever the page names, so Cores
 * answers it without nginx too (nginx serves the same file for it).
 */
@JakartarsResource
@JakartarsApplicationSelect(Whiteboard.PAGES)
@Component(service = Favicon.class)
@Path("favicon.ico")
public final class Favicon {
  private final StaticResource statics;

  @Activate
  public Favicon(@Reference StaticResource statics) {
    this.statics = statics;
  }

  @GET
  public Response get(@HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
    return statics.get("favicon.ico", ifNoneMatch);
  }
}
