package cores.admin;

import cores.api.admin.AdminDesk;
import cores.api.admin.AdminField;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The {@code <option>}s of the lists' filters as HTML, rendered once and kept while their source is
 * the same object: a reference filter's objects as the desk keeps them between requests (a new
 * object whenever they may have changed), the field itself for choices and yes/no. The chosen value
 * is marked on each request. One entry a list and filter, which the models bound.
 */
final class OptionsHtml {
  /** Values that need no escaping in an attribute (ids, choices, yes/no, none). */
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_.-]+");

  private record Rendered(Object source, String html) {}

  private final Templates templates;
  private final Map<String, Rendered> rendered = new ConcurrentHashMap<>();

  OptionsHtml(Templates templates) {
    this.templates = templates;
  }

  /**
   * The options of a filter ({@code key}), as rendered from {@code source} (compared by identity),
   * with {@code chosen} selected when it is one of them.
   */
  String html(String key, Object source, Supplier<Map<String, String>> options, String chosen) {
    Rendered kept = rendered.get(key);
    if (kept == null || kept.source() != source) {
      kept = new Rendered(source, templates.render("options.jte", options.get()));
      rendered.put(key, kept);
    }
    return selected(kept.html(), chosen);
  }

  /** The options with the one of value {@code chosen} selected; none when there is no such one. */
  static String selected(String html, String chosen) {
    if (!PLAIN.matcher(chosen).matches()) {
      return html;
    }
    String option = "<option value=\"" + chosen + "\">";
    int at = html.indexOf(option);
    if (at < 0) {
      return html;
    }
    int end = at + option.length() - 1;
    return html.substring(0, end) + " selected" + html.substring(end);
  }

  /**
   * The options of a filter: references by label in {@link NaturalOrder} (the desk's objects, which
   * come in the database's text order), after the objects chosen beyond them (one past the first
   * listed, chosen through the list's address); choices as the field declares them; yes/no. A
   * reference over more objects than a select lists ({@link TypedFilters#cut}) lists the first in
   * the desk's order, as they were cut: sorted again, the ones missing would be anywhere among
   * them.
   */
  static Map<String, String> of(
      AdminField field, Map<Long, String> objects, Map<Long, String> beyond) {
    Map<String, String> options = new LinkedHashMap<>();
    if (AdminPages.referring(field)) {
      options.put("none", Views.none(field));
      Map<Long, String> listed = new LinkedHashMap<>();
      if (TypedFilters.cut(objects)) {
        listed.putAll(beyond);
        objects.entrySet().stream()
            .limit(AdminDesk.FILTER_OPTIONS)
            .forEach(e -> listed.putIfAbsent(e.getKey(), e.getValue()));
      } else {
        Map<Long, String> all = new LinkedHashMap<>(beyond);
        all.putAll(objects);
        listed.putAll(NaturalOrder.sorted(all));
      }
      listed.forEach((id, label) -> options.put(String.valueOf(id), label));
    } else if ("bool".equals(field.kind())) {
      options.put("yes", "yes");
      options.put("no", "no");
    } else {
      field.choices().forEach(c -> options.put(c, field.choiceLabel(c)));
    }
    return options;
  }
}
