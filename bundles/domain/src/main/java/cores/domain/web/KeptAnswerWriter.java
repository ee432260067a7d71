package cores.domain.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtension;

/**
 * Writes a kept answer ({@link KeptAnswers}) as the bytes written for it when it was read, instead
 * of serialising its entity again on every request. A request without one, or an answer that is not
 * a 200, is written as usual; without this extension the entity is written as usual too.
 */
@JakartarsExtension
@Component(service = ContainerResponseFilter.class)
public final class KeptAnswerWriter implements ContainerResponseFilter {
  /** The request property holding the bytes of the answer, set by the resource. */
  static final String PROPERTY = "cores.domain.keptAnswer";

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (response.getStatus() == 200 && request.getProperty(PROPERTY) instanceof byte[] bytes) {
      response.setEntity(bytes, response.getEntityAnnotations(), response.getMediaType());
    }
  }
}
