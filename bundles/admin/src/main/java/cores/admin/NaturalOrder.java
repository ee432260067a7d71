package cores.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The order the admin's filters list their options in: as a person reads them, numbers inside a
 * label compared as numbers and letters ignoring case ("Lab 2" before "Lab 10", "9" before "10",
 * "rack a" beside "Rack B"). The desks answer options ordered by the database's text order, in
 * which "Lab 10" comes before "Lab 2".
 */
final class NaturalOrder {
  private NaturalOrder() {}

  /**
   * Compares two labels: runs of ASCII digits by their value, other characters one by one ignoring
   * case; labels equal so (only leading zeros or case differ) by their text, so that the order is
   * total and the same on every request.
   */
  static int compare(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      if (digit(a.charAt(i)) && digit(b.charAt(j))) {
        int endA = digits(a, i);
        int endB = digits(b, j);
        int byValue = number(a.substring(i, endA), b.substring(j, endB));
        if (byValue != 0) {
          return byValue;
        }
        i = endA;
        j = endB;
      } else {
        int byLetter = Character.compare(fold(a.charAt(i)), fold(b.charAt(j)));
        if (byLetter != 0) {
          return byLetter;
        }
        i++;
        j++;
      }
    }
    int byRest = Integer.compare(a.length() - i, b.length() - j);
    return byRest != 0 ? byRest : a.compareTo(b);
  }

  /** The options id to label, in the natural order of their labels (then by id). */
  static <K extends Comparable<K>> Map<K, String> sorted(Map<K, String> options) {
    List<Map.Entry<K, String>> entries = new ArrayList<>(options.entrySet());
    entries.sort(
        (x, y) -> {
          int byLabel = compare(x.getValue(), y.getValue());
          return byLabel != 0 ? byLabel : x.getKey().compareTo(y.getKey());
        });
    Map<K, String> ordered = new LinkedHashMap<>();
    entries.forEach(entry -> ordered.put(entry.getKey(), entry.getValue()));
    return ordered;
  }

  /** Two runs of digits by value, of any length (a serial number overflows a long). */
  private static int number(String x, String y) {
    String a = x.replaceFirst("^0+", "");
    String b = y.replaceFirst("^0+", "");
    int byLength = Integer.compare(a.length(), b.length());
    return byLength != 0 ? byLength : a.compareTo(b);
  }

  private static int digits(String text, int from) {
    int end = from;
    while (end < text.length() && digit(text.charAt(end))) {
      end++;
    }
    return end;
  }

  private static boolean digit(char c) {
    return c >= '0' && c <= '9';
  }

  /** As {@link String#CASE_INSENSITIVE_ORDER} folds a character. */
  private static char fold(char c) {
    return Character.toLowerCase(Character.toUpperCase(c));
  }
}
