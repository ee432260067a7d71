package cores.example.hello;

import cores.api.accounts.User;
import cores.api.web.ApiDoc;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import org.osgi.service.metatype.annotations.Designate;

/**
 * An example plugin: one REST resource at {@code GET /api/hello}.
 *
 * <p>Nothing here is special to Cores: the object is registered as an OSGi service (Declarative
 * Services does that from {@code @Component}) with the Jakarta REST Whiteboard's property {@code
 * osgi.jakartars.resource=true} (from {@code @JakartarsResource}); selecting no application, it
 * belongs to the default one, which Cores serves at {@code /api}. When the bundle stops or is
 * uninstalled, the service goes away and so does the resource.
 */
@JakartarsResource
@Component(
    // registered under its own class: the whiteboard only looks at the property
    service = HelloResource.class,
    // optional (the default policy): without a configuration the annotation's defaults apply; a
    // changed one re-creates the component, and the whiteboard serves the new object
    configurationPid = HelloConfig.PID)
@Designate(ocd = HelloConfig.class)
@Path("hello")
public class HelloResource {

  private final String message;

  @Activate
  public HelloResource(HelloConfig config) {
    this.message = config.message();
  }

  /** The JSON answer; Jackson in the HTTP bundle writes a record's components as properties. */
  public record Greeting(String message, String user) {}

  /**
   * Says hello, to the signed-in user if there is one.
   *
   * @param security who is asking: Cores authenticates the request (session cookie, HTTP Basic or
   *     {@code Authorization: Token}) before it reaches the resource; anonymous requests have no
   *     principal
   */
  @GET
  @Produces(MediaType.APPLICATION_JSON)
  // optional: what /api/docs says about it besides what the JAX-RS annotations tell
  @ApiDoc(
      value = "Says hello, to the signed-in user if there is one",
      permission = ApiDoc.ANONYMOUS)
  public Greeting hello(@Context SecurityContext security) {
    Principal principal = security.getUserPrincipal();
    // the principal is a cores.api.accounts.User, which also carries names, groups, permissions
    String username = principal instanceof User user ? user.username() : null;
    return new Greeting(message, username);
  }
}
