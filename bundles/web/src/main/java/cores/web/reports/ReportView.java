package cores.web.reports;

import cores.api.reports.Report;
import cores.api.web.Choices;
import cores.web.Form;
import cores.web.Times;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A report's page: its form (the parameters as asked, with their problems) and, unless the
 * parameters were refused, the report and its tables.
 *
 * @param report null when the parameters were refused
 */
public record ReportView(Report report, List<ShownTable> tables, Form form, Times times) {
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  /**
   * A value as shown: times in the site's zone, shares as percentages, seconds as d/h/min, a status
   * by its words.
   */
  public String cell(Map<String, Object> row, Column column) {
    Object value = row.get(column.key());
    if (value == null) {
      return "";
    }
    return switch (column.kind()) {
      case TIME -> value instanceof Instant instant ? times.dateTime(instant) : value.toString();
      case SHARE ->
          value instanceof BigDecimal share
              ? share.multiply(HUNDRED).setScale(1, RoundingMode.HALF_UP).toPlainString() + " %"
              : value.toString();
      case DURATION -> value instanceof Number seconds ? duration(seconds.longValue()) : "";
      case CHOICE -> Choices.label(value.toString());
      default -> value.toString();
    };
  }

  /** The link of a value, to its host's page; null for none. */
  public static String link(Map<String, Object> row, Column column) {
    Object host = column.hostKey() == null ? null : row.get(column.hostKey());
    return host == null ? null : "/hosts/" + host + "/";
  }

  /**
   * A parameter of the report as shown (times in the site's zone, a period of whole days as "90",
   * not as the API's "90.00"); empty when it has none.
   */
  public String parameter(String name) {
    Object value = report == null ? null : report.parameters().get(name);
    if (value instanceof Instant instant) {
      return times.dateTime(instant);
    }
    if (value instanceof BigDecimal number) {
      return number.stripTrailingZeros().toPlainString();
    }
    return value == null ? "" : value.toString();
  }

  /** "3 d 4 h", "5 h 12 min", "40 min". */
  static String duration(long seconds) {
    long minutes = seconds / 60;
    long days = minutes / (24 * 60);
    long hours = minutes / 60 % 24;
    if (days > 0) {
      return days + " d " + hours + " h";
    }
    return hours > 0 ? hours + " h " + minutes % 60 + " min" : minutes + " min";
  }
}
