package cores.web;

import cores.api.web.Whiteboard;
import org.osgi.service.component.annotations.Component;

/**
 * The navigation's link to the documentation, which nginx serves at {@code /docs/} in the stack (a
 * navigation entry needs no page of its own).
 */
@Component(
    service = DocsLink.class,
    property = {
      Whiteboard.NAV_LABEL + "=Docs",
      Whiteboard.NAV_PATH + "=/docs/",
      Whiteboard.NAV_RANK + "=80"
    })
public final class DocsLink {}
