package cores.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A page of this bundle as the site renders it: its precompiled template in a visitor's frame. */
public final class Rendered {
  private Rendered() {}

  /** The page of the template at that path with its view, as a logged-in viewer sees it. */
  public static String page(String template, String title, String path, Object view) {
    return page(template, title, path, view, List.of());
  }

  /** The same page showing the messages of a redirect (what the action before it did). */
  public static String page(
      String template, String title, String path, Object view, List<Flash.Message> messages) {
    Frame frame = new Frame(title, path, List.of(), "viewer", null, "", messages, "", "", "", "");
    StringOutput out = new StringOutput();
    TemplateEngine.createPrecompiled(
            null, ContentType.Html, Rendered.class.getClassLoader(), "cores.web.jte")
        .render(template, Map.of("frame", frame, "view", view), out);
    return out.toString();
  }

  /** How often the text occurs in the page. */
  public static int count(String page, String text) {
    Matcher found = Pattern.compile(Pattern.quote(text)).matcher(page);
    int count = 0;
    while (found.find()) {
      count++;
    }
    return count;
  }
}
