package cores.admin;

import cores.api.admin.AdminField;
import cores.api.admin.AdminModel;
import cores.api.config.SiteZone;
import java.util.List;
import java.util.Map;

/**
 * The admin models the page tests render (a host model with a hostname and nothing else) and their
 * form pages.
 */
final class TestModels {
  private TestModels() {}

  /** A model listed and searched by its first field, with no filters, actions or inlines. */
  static AdminModel of(String app, String name, String plural, List<AdminField> fields) {
    String first = fields.get(0).name();
    return new AdminModel(
        app, name, plural, fields, List.of(first), List.of(), first, Map.of(), List.of());
  }

  /** Hosts named by their hostname, with the given bulk actions (name to label). */
  static AdminModel host(Map<String, String> actions) {
    return host(actions, Map.of());
  }

  /** Hosts with the given bulk actions and what each did (name to past-tense phrase). */
  static AdminModel host(Map<String, String> actions, Map<String, String> done) {
    return new AdminModel(
        "inventory",
        "host",
        "Hosts",
        List.of(new AdminField("hostname", "text", true, true, List.of(), null)),
        List.of("hostname"),
        List.of(),
        "hostname",
        actions,
        List.of(),
        AdminModel.ALL_WRITES,
        List.of(),
        Map.of(),
        null,
        done);
  }

  /**
   * A model's form page with its options and inline rows, as opened from the list unfiltered, with
   * no message of a redirect.
   */
  static Views.FormPage formPage(
      Views.Allowed allowed,
      long id,
      String title,
      Form form,
      Map<String, Map<Long, String>> options,
      List<Views.Inline> inlines,
      SiteZone zone) {
    return new Views.FormPage(
        allowed, "csrf", id, title, form, options, Map.of(), inlines, List.of(), Map.of(), zone,
        null, "", "");
  }
}
