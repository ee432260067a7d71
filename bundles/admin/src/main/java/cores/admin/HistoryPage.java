package cores.admin;

import cores.api.admin.AdminModel;
import cores.api.config.SiteZone;
import java.util.List;
import java.util.Map;

/**
 * An object's history.
 *
 * @param parts the models of the objects belonging to it whose changes its lines hold (a host's
 *     NICs), by name: their fields are named as their own models name them
 */
public record HistoryPage(
    Views.Allowed allowed,
    long id,
    String object,
    List<Views.Line> lines,
    SiteZone zone,
    String filters,
    Map<String, AdminModel> parts) {
  public HistoryPage {
    parts = Map.copyOf(parts);
  }

  /** The history of an object alone. */
  public HistoryPage(
      Views.Allowed allowed,
      long id,
      String object,
      List<Views.Line> lines,
      SiteZone zone,
      String filters) {
    this(allowed, id, object, lines, zone, filters, Map.of());
  }

  /** Whether a line is of an object belonging to this one (a host's NIC), not of this one. */
  public boolean ofPart(Views.Line line) {
    return !(line.change().app().equals(allowed.model().app())
        && line.change().model().equals(allowed.model().name()));
  }

  /** The model of a line's object. */
  private AdminModel modelOf(Views.Line line) {
    return ofPart(line) ? parts.get(line.change().model()) : allowed.model();
  }

  /** A changed field's heading in a line, by the label of its object's model. */
  public String label(Views.Line line, String field) {
    return ChangeLines.label(modelOf(line), field);
  }

  /** A value as recorded in a line, as {@link #value(String, String)} by its object's model. */
  public String value(Views.Line line, String field, String recorded) {
    return value(modelOf(line), field, recorded);
  }

  /** The list as it was left ({@link KeptFilters}). */
  public String listUrl() {
    return filters.isEmpty() ? allowed.url() : allowed.url() + "?" + filters;
  }

  /** The object's form, carrying the list as it was left. */
  public String formUrl() {
    return allowed.url() + "/" + id + KeptFilters.carry(filters);
  }

  /** A changed field's heading: its label, also for a field the model does not list (its id). */
  public String label(String field) {
    return ChangeLines.label(allowed.model(), field);
  }

  /**
   * A value as recorded, a time field's (stored as ISO text) in the site's zone as every admin
   * time; empty for none. A column no form shows (a status's "since") is a time when it reads as
   * one.
   */
  public String value(String field, String recorded) {
    return value(allowed.model(), field, recorded);
  }

  private String value(AdminModel model, String field, String recorded) {
    if (recorded == null) {
      return "";
    }
    boolean time =
        model != null && model.field(field).map(f -> "time".equals(f.kind())).orElse(true);
    if (!time) {
      return recorded;
    }
    return ChangeLines.recordedTime(recorded, zone).orElse(recorded);
  }
}
