package cores.web;

import cores.api.web.Characters;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The jte templates of {@code src/main/jte}, compiled at build time into {@code cores.web.jte}
 * classes of this bundle (no compiler at run time). Output is escaped by default; the OWASP policy
 * was checked when they were compiled. No control character goes into a page raw ({@link
 * Characters#inHtml(char)}).
 */
final class Templates {
  private final TemplateEngine engine;

  /**
   * Each template's last length and an eighth (at most 1 MB): its next output starts about that
   * large instead of growing from 8 KB by copies (an admin list page is some 60 KB; the garbage of
   * every page counts in the young collections that stop all requests).
   */
  private final Map<String, Integer> sizes = new ConcurrentHashMap<>();

  Templates() {
    // without a class directory, jte loads the templates through the context class loader it
    // finds when it is created: this bundle's
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(Templates.class.getClassLoader());
    try {
      engine =
          TemplateEngine.createPrecompiled(
              null, ContentType.Html, Templates.class.getClassLoader(), "cores.web.jte");
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  /** Renders a template ({@code "booking/bookables.jte"}) with its named parameters. */
  String render(String name, Map<String, Object> params) {
    StringOutput out = new StringOutput(sizes.getOrDefault(name, 8192));
    engine.render(name, params, out);
    String page = Characters.inHtml(out.toString());
    sizes.put(name, Math.min(page.length() + page.length() / 8, 1 << 20));
    return page;
  }

  /** Renders a template as {@link #render} does, into UTF-8 bytes: a page to answer with. */
  HtmlBytes page(String name, Map<String, Object> params) {
    HtmlBytes out = new HtmlBytes(sizes.getOrDefault(name, 8192));
    engine.render(name, params, out);
    sizes.put(name, Math.min(out.length() + out.length() / 8, 1 << 20));
    return out;
  }
}
