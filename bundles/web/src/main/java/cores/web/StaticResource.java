package cores.web;

import cores.api.web.Whiteboard;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * {@code GET /static/…}: the stylesheet, scripts and icons, so that Cores works without nginx (the
 * embedded quick start). Fingerprinted names are kept by browsers for a year; plain names for five
 * minutes.
 */
@JakartarsResource
@JakartarsApplicationSelect(Whiteboard.PAGES)
@Component(service = StaticResource.class)
@Path("static")
public final class StaticResource {
  private static final String YEAR = "public, max-age=31536000, immutable";
  private static final String BRIEFLY = "public, max-age=300";

  private final Site site;

  @Activate
  public StaticResource(@Reference Site site) {
    this.site = site;
  }

  @GET
  @Path("{path: .+}")
  public Response get(
      @PathParam("path") String path, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
    Assets.Found found =
        site.assets()
            .find(path)
            .orElseThrow(() -> new jakarta.ws.rs.NotFoundException("No static file " + path + "."));
    EntityTag tag = new EntityTag(found.asset().fingerprint());
    String cache = found.fingerprinted() ? YEAR : BRIEFLY;
    if (ifNoneMatch != null && ifNoneMatch.contains('"' + found.asset().fingerprint() + '"')) {
      return Response.notModified(tag).header(HttpHeaders.CACHE_CONTROL, cache).build();
    }
    return Response.ok(found.asset().bytes(), found.asset().mediaType())
        .tag(tag)
        .header(HttpHeaders.CACHE_CONTROL, cache)
        .build();
  }
}
