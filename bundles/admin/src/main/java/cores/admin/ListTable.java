package cores.admin;

import cores.api.admin.AdminDesk;
import cores.api.admin.AdminModel;

/**
 * The table of a list page (its rows with their links and sort headings) as HTML, rendered once and
 * kept while the desk hands the same rows object: the domain's desk hands the same one only while
 * one statement proves that nothing the rows show changed (its {@code KeptLists}), so the HTML is
 * as right as the rows, on every instance. Kept per model, query and whether the visitor may tick
 * rows (bulk delete or actions), the one thing of the visitor's the table shows; the CSRF token,
 * messages, filters and pager stay per request. At most {@link #MAX_KEPT} tables, the least
 * recently shown dropped.
 */
final class ListTable {
  static final int MAX_KEPT = 256;

  /** The list's URL with its query as given (the table's links keep its order). */
  private record Key(String url, boolean ticks) {}

  private record Rendered(AdminModel model, AdminDesk.Rows rows, String html) {}

  private final Templates templates;
  private final Recent<Key, Rendered> rendered = new Recent<>(MAX_KEPT);

  ListTable(Templates templates) {
    this.templates = templates;
  }

  /** The page with its table, rendered unless the same rows of the same model were. */
  Views.ListPage filled(Views.ListPage view) {
    Views.Allowed allowed = view.allowed();
    if (view.rows().rows().isEmpty()) {
      return view.withTable("");
    }
    if (!view.chosen().ids().isEmpty()) {
      // ticked as a refused action's form was: this once, not kept
      return view.withTable(templates.render("rows.jte", view));
    }
    Key key = new Key(view.url(), allowed.delete() || allowed.act());
    Rendered kept = rendered.get(key);
    if (kept == null || kept.rows() != view.rows() || kept.model() != allowed.model()) {
      kept = new Rendered(allowed.model(), view.rows(), templates.render("rows.jte", view));
      rendered.put(key, kept);
    }
    return view.withTable(kept.html());
  }
}
