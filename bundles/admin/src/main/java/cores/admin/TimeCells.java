package cores.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A list's time cells kept compact: the desks write every time with its zone's name ("2026-12-06
 * 18:00:00 Europe/Zurich"), so where all the rows' times name the same zone (the site's) it is said
 * once, in the heading of each time column, and the cells hold the date and time only. With the
 * zone in each cell a long name (America/Argentina/Buenos_Aires) made every time three lines.
 */
public final class TimeCells {
  private TimeCells() {}

  /** The zone every time of the rows names, or null where they name none or different ones. */
  public static String sharedZone(Views.ListPage view) {
    Map<String, String> classes = view.cellClasses();
    String shared = null;
    for (Map<String, String> row : view.rows().rows()) {
      for (String column : view.allowed().model().columns()) {
        String when = row.get(column);
        int space = when == null ? -1 : when.lastIndexOf(' ');
        if (!Views.WHEN.equals(classes.get(column)) || space <= 0) {
          continue;
        }
        String zone = when.substring(space + 1);
        if (shared != null && !shared.equals(zone)) {
          return null;
        }
        shared = zone;
      }
    }
    return shared;
  }

  /** The zone's name in parts that may each end a line (after each "/"), for a narrow heading. */
  public static List<String> parts(String zone) {
    List<String> parts = new ArrayList<>();
    int from = 0;
    for (int slash = zone.indexOf('/'); slash >= 0; slash = zone.indexOf('/', from)) {
      parts.add(zone.substring(from, slash + 1));
      from = slash + 1;
    }
    parts.add(zone.substring(from));
    return parts;
  }
}
