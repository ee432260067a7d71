package cores.example.hello;

import cores.api.web.PageLayout;
import cores.api.web.Visitor;
import cores.api.web.Whiteboard;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * An example plugin's page at {@code GET /hello}, with an entry in the site's navigation, in the
 * site's frame.
 *
 * <p>A page is a REST resource of the pages' application ({@code @JakartarsApplicationSelect} of
 * {@link Whiteboard#PAGES}: its {@code @Path} is then relative to {@code /}); the {@code
 * cores.web.nav.*} properties add the navigation entry, shown while the service is registered.
 * {@link PageLayout} puts the page's own HTML in the frame; everything from outside must be escaped
 * ({@link PageLayout#escape}).
 */
@JakartarsResource
@JakartarsApplicationSelect(Whiteboard.PAGES)
@Component(
    service = HelloPage.class,
    property = {
      Whiteboard.NAV_LABEL + "=Hello",
      Whiteboard.NAV_PATH + "=/hello",
      Whiteboard.NAV_RANK + "=70"
    })
@Path("hello")
public class HelloPage {
  private final PageLayout layout;

  @Activate
  public HelloPage(@Reference PageLayout layout) {
    this.layout = layout;
  }

  /** Says hello, by name to a logged-in user. */
  @GET
  @Produces(MediaType.TEXT_HTML)
  public String hello(@Context ContainerRequestContext request) {
    Visitor visitor = Visitor.of(request);
    String name = visitor.user().map(u -> u.username()).orElse("visitor");
    return layout.page(
        visitor,
        "/hello",
        "Hello",
        "<p class=\"cores-lead\">Hello, "
            + PageLayout.escape(name)
            + ", from a Cores plugin.</p>\n");
  }
}
