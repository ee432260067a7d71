package cores.admin;

import gg.jte.Content;
import gg.jte.TemplateOutput;
import java.nio.charset.StandardCharsets;

/**
 * HTML rendered once and kept as UTF-8 (a list's table, some 40 KB): each page that shows it writes
 * the same bytes by reference, where a kept string would be encoded again on every page.
 */
record KeptHtml(byte[] utf8) implements Content {
  static final KeptHtml NONE = new KeptHtml(new byte[0]);

  static KeptHtml of(String html) {
    return new KeptHtml(html.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void writeTo(TemplateOutput output) {
    output.writeBinaryContent(utf8);
  }

  @Override
  public boolean isEmptyContent() {
    return utf8.length == 0;
  }

  /** The HTML as text. */
  @Override
  public String toString() {
    return new String(utf8, StandardCharsets.UTF_8);
  }
}
