package cores.http.docs;

import static cores.http.pages.Html.escape;

import cores.http.pages.Html;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The operations as a plain HTML page, grouped by area. Server-rendered without scripts or inline
 * styles, which the Content-Security-Policy forbids.
 */
public final class DocsPage {
  private DocsPage() {}

  public static String render(List<Operation> operations) {
    Map<String, List<Operation>> byArea =
        operations.stream()
            .collect(Collectors.groupingBy(Operation::area, TreeMap::new, Collectors.toList()));
    StringBuilder body = new StringBuilder(16_384);
    body.append(
        "<p>The endpoints published right now, plugins included. Machine-readable (OpenAPI "
            + OpenApi.VERSION
            + "): <a href=\"/api/docs?format=json\">/api/docs?format=json</a>;"
            + " index: <a href=\"/api/\">/api/</a>.</p>\n"
            + "<p>Requests authenticate with the session cookie (browser; unsafe methods need the"
            + " CSRF token), HTTP Basic or <code>Authorization: Token &lt;key&gt;</code>. Lists"
            + " take <code>?limit=N&amp;offset=M</code> and answer"
            + " <code>{count, next, previous, results}</code>; errors are RFC 9457 problem"
            + " details.</p>\n<nav>\n<ul>\n");
    for (Map.Entry<String, List<Operation>> area : byArea.entrySet()) {
      body.append("<li><a href=\"#")
          .append(anchor(area.getKey()))
          .append("\">")
          .append(escape(area.getKey()))
          .append("</a> (")
          .append(area.getValue().size())
          .append(")</li>\n");
    }
    body.append("</ul>\n</nav>\n");
    for (Map.Entry<String, List<Operation>> area : byArea.entrySet()) {
      body.append("<section id=\"")
          .append(anchor(area.getKey()))
          .append("\">\n<h2>")
          .append(escape(area.getKey()))
          .append("</h2>\n<table>\n<thead><tr><th>Method</th><th>Path</th><th>What it does</th>")
          .append("<th>Parameters</th><th>Body / answer</th><th>Permission</th></tr></thead>\n")
          .append("<tbody>\n");
      for (Operation o : area.getValue()) {
        row(body, o);
      }
      body.append("</tbody>\n</table>\n</section>\n");
    }
    return Html.page("API", body.toString());
  }

  private static void row(StringBuilder body, Operation o) {
    body.append("<tr id=\"")
        .append(escape(o.operationId()))
        .append("\"><td><code>")
        .append(escape(o.method()))
        .append("</code></td><td><code>")
        .append(escape(o.path()))
        .append("</code></td><td>")
        .append(escape(o.summary()))
        .append("</td><td>");
    if (!o.parameters().isEmpty()) {
      body.append("<ul>");
      for (Operation.Param p : o.parameters()) {
        Object type = OpenApi.schema(p.type()).getOrDefault("type", "any");
        body.append("<li><code>")
            .append(escape(p.name()))
            .append("</code> (")
            .append(escape(p.in()))
            .append(", ")
            .append(escape(String.valueOf(type)))
            .append(p.required() ? ", required" : "")
            .append(p.defaultValue() == null ? "" : ", default " + escape(p.defaultValue()))
            .append(')')
            .append(p.description().isEmpty() ? "" : ": " + escape(p.description()))
            .append("</li>");
      }
      body.append("</ul>");
    }
    body.append("</td><td>");
    if (o.requestBody() != null) {
      body.append("in: ").append(escape(String.join(", ", o.consumes()))).append("<br>");
    }
    if (!o.produces().isEmpty()) {
      body.append("out: ").append(escape(String.join(", ", o.produces())));
    }
    body.append("</td><td>").append(escape(o.permission())).append("</td></tr>\n");
  }

  private static String anchor(String area) {
    return "area-" + area.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
  }
}
