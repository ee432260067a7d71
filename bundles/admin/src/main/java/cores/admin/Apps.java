package cores.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The admin's models by app, as Django's admin groups them: one table an app on the admin home, and
 * the app's own page at {@code /admin/{app}} (which the breadcrumbs of its models' pages lead to).
 */
public final class Apps {
  private Apps() {}

  /** An app and the models of it the visitor may see, in the order the desks list them. */
  public record App(String name, List<Views.Allowed> models) {
    public String title() {
      return Apps.title(name);
    }

    public String url() {
      return "/admin/" + name;
    }
  }

  /**
   * An app's name as its pages show it: capitalised, as Django's default verbose name of an app
   * ("inventory" is "Inventory").
   */
  public static String title(String app) {
    return app.isEmpty() ? app : app.substring(0, 1).toUpperCase(Locale.ROOT) + app.substring(1);
  }

  /** The models by app, apps in the order their first model comes. */
  static List<App> grouped(List<Views.Allowed> models) {
    Map<String, List<Views.Allowed>> byApp = new LinkedHashMap<>();
    for (Views.Allowed allowed : models) {
      byApp.computeIfAbsent(allowed.model().app(), a -> new ArrayList<>()).add(allowed);
    }
    return byApp.entrySet().stream()
        .map(e -> new App(e.getKey(), List.copyOf(e.getValue())))
        .toList();
  }
}
