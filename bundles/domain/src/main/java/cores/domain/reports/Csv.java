package cores.domain.reports;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A report's table as CSV (RFC 4180): a header line, CRLF line ends, a field quoted when it holds a
 * comma, a quote or a line break, quotes doubled. Text that a spreadsheet would run as a formula
 * (starting with = + - @, or a tab or carriage return) gets a leading apostrophe; numbers are
 * numbers.
 */
public final class Csv {
  private Csv() {}

  public static String of(Report.Table table) {
    StringBuilder out = new StringBuilder();
    line(out, table.columns());
    for (Map<String, Object> row : table.rows()) {
      line(out, table.columns().stream().map(row::get).toList());
    }
    return out.toString();
  }

  /** One field as written. */
  public static String cell(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.toPlainString();
    }
    String text = value.toString();
    if (!(value instanceof Number) && !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
      text = "'" + text;
    }
    if (text.indexOf(',') >= 0
        || text.indexOf('"') >= 0
        || text.indexOf('\n') >= 0
        || text.indexOf('\r') >= 0) {
      return '"' + text.replace("\"", "\"\"") + '"';
    }
    return text;
  }

  private static void line(StringBuilder out, List<?> values) {
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(cell(values.get(i)));
    }
    out.append("\r\n");
  }
}
