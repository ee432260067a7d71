package cores.admin;

import cores.api.web.Access;
import cores.api.web.Visitor;
import cores.api.web.Whiteboard;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtension;

/**
 * The check of {@link Admits} on the admin's page resources, before the method runs and whatever
 * the method: anonymous visitors are sent to log in first, others outside the audience refused
 * (403).
 */
@JakartarsExtension
@JakartarsApplicationSelect(Whiteboard.PAGES)
@Component(service = DynamicFeature.class)
public final class Gate implements DynamicFeature {
  /**
   * After the http bundle's checks of the query and the form ({@link Priorities#USER}), as when the
   * pages checked in their methods: a bad request is answered the same whoever sends it.
   */
  private static final int AFTER_THE_REQUEST_CHECKS = Priorities.USER + 100;

  @Override
  public void configure(ResourceInfo resource, FeatureContext context) {
    Admits admits = resource.getResourceClass().getAnnotation(Admits.class);
    if (admits != null) {
      context.register(new Check(admits.value()), AFTER_THE_REQUEST_CHECKS);
    }
  }

  /** The audience of a resource's methods. */
  static final class Check implements ContainerRequestFilter {
    private final Operations.Audience audience;

    Check(Operations.Audience audience) {
      this.audience = audience;
    }

    @Override
    public void filter(ContainerRequestContext request) {
      Visitor visitor = Visitor.of(request);
      if (visitor.user().isEmpty()) {
        String here = request.getUriInfo().getRequestUri().getRawPath();
        request.abortWith(
            Response.seeOther(
                    URI.create("/login?next=" + URLEncoder.encode(here, StandardCharsets.UTF_8)))
                .build());
        return;
      }
      if (!audience.admits(visitor)) {
        throw Access.forbidden(audience.refusal);
      }
    }
  }
}
