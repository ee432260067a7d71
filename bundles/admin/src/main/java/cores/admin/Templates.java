package cores.admin;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.util.Map;

/**
 * The jte templates of {@code src/main/jte}, compiled at build time into {@code cores.admin.jte}
 * classes of this bundle (as the web bundle's): escaped output, the OWASP policy checked then.
 */
final class Templates {
  private final TemplateEngine engine;

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
    StringOutput out = new StringOutput(8192);
    engine.render(name, Map.of("view", view), out);
    return out.toString();
  }
}
