package cores.admin;

import cores.api.web.Characters;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The jte templates of {@code src/main/jte}, compiled at build time into {@code cores.admin.jte}
 * classes of this bundle (as the web bundle's): escaped output, the OWASP policy checked then, no
 * control character raw ({@link Characters#inHtml(char)}).
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
              null, ContentType.Html, Templates.class.getClassLoader(), "cores.admin.jte");
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  /** Renders a template ({@code "list.jte"}) with its view. */
  String render(String name, Object view) {
    StringOutput out = new StringOutput(sizes.getOrDefault(name, 8192));
    engine.render(name, Map.of("view", view), out);
    String page = Characters.inHtml(out.toString());
    sizes.put(name, Math.min(page.length() + page.length() / 8, 1 << 20));
    return page;
  }
}
