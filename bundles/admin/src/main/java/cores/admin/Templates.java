package cores.admin;

import cores.api.web.PageBytes;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.TemplateOutput;
import gg.jte.output.StringOutput;
import java.util.Map;

/**
 * The jte templates of {@code src/main/jte}, compiled at build time into {@code cores.admin.jte}
 * classes of this bundle (as the web bundle's): escaped output, the OWASP policy checked then.
 * Their static text is compiled as UTF-8 bytes, which go into a page by reference; the rest is
 * encoded once as it is written.
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

  /** Renders a page's body ({@code "list.jte"}) with its view, for the site's frame. */
  PageBytes render(String name, Object view) {
    PageBytes page = new PageBytes();
    engine.render(name, Map.of("view", view), output(page));
    return page;
  }

  /** Renders a fragment that is kept as text (a list's table, a filter's options). */
  String fragment(String name, Object view) {
    StringOutput out = new StringOutput();
    engine.render(name, Map.of("view", view), out);
    return out.toString();
  }

  /** jte's output into a page's bytes (the web bundle's jte is its own: no type to share). */
  private static TemplateOutput output(PageBytes page) {
    return new TemplateOutput() {
      @Override
      public void writeContent(String value) {
        page.write(value);
      }

      @Override
      public void writeContent(String value, int beginIndex, int endIndex) {
        page.write(value.substring(beginIndex, endIndex));
      }

      @Override
      public void writeBinaryContent(byte[] value) {
        page.write(value);
      }
    };
  }
}
