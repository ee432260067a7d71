package cores.http.pages;

import cores.api.web.PageLayout;
import cores.api.web.Visitor;
import java.util.concurrent.atomic.AtomicReference;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The site's page frame when the web bundle publishes one, else a plain page: the login page and
 * the error pages of this bundle look like the rest of the site, and still work without it.
 */
@Component(service = PageLayouts.class)
public final class PageLayouts {
  private final AtomicReference<PageLayout> layout = new AtomicReference<>();

  /** A whole page around the (escaped) body. */
  public String page(Visitor visitor, String path, String title, String bodyHtml) {
    PageLayout frame = layout.get();
    return frame == null ? Html.page(title, bodyHtml) : frame.page(visitor, path, title, bodyHtml);
  }

  /** An error page. */
  public String error(Visitor visitor, int status, String title, String detail) {
    PageLayout frame = layout.get();
    if (frame != null) {
      return frame.error(visitor, status, title, detail);
    }
    return Html.page(title, "<p>" + Html.escape(detail) + "</p>\n<p><a href=\"/\">Home</a></p>\n");
  }

  @Reference(
      cardinality = ReferenceCardinality.OPTIONAL,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  public void bindLayout(PageLayout service) {
    layout.set(service);
  }

  public void unbindLayout(PageLayout service) {
    layout.compareAndSet(service, null);
  }
}
