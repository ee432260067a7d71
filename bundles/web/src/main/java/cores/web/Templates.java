package cores.web;

import cores.api.web.PageBytes;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.TemplateOutput;
import java.util.Map;

/**
 * The jte templates of {@code src/main/jte}, compiled at build time into {@code cores.web.jte}
 * classes of this bundle (no compiler at run time). Output is escaped by default; the OWASP policy
 * was checked when they were compiled. Their static text is compiled as UTF-8 bytes, which go into
 * a page by reference; the rest is encoded once as it is written.
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
              null, ContentType.Html, Templates.class.getClassLoader(), "cores.web.jte");
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  /** Renders a template ({@code "booking/bookables.jte"}) with its named parameters. */
  PageBytes render(String name, Map<String, Object> params) {
    PageBytes page = new PageBytes();
    engine.render(name, params, output(page));
    return page;
  }

  /** jte's output into a page's bytes. */
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
