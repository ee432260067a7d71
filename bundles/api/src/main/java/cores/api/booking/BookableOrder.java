package cores.api.booking;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The orders of the bookable search, as the API's {@code ordering} and the site's search page both
 * name them: one list, so that the pages offer every order the API takes.
 */
public enum BookableOrder {
  HOSTNAME("hostname", "Host name, A to Z"),
  HOSTNAME_REVERSED("-hostname", "Host name, Z to A"),
  IP("ip", "IP address, lowest first"),
  IP_REVERSED("-ip", "IP address, highest first");

  private final String key;
  private final String label;

  BookableOrder(String key, String label) {
    this.key = key;
    this.label = label;
  }

  /** Its name in {@code ordering}: hostname, -hostname, ip or -ip. */
  public String key() {
    return key;
  }

  /** Its name for people, on the search page. */
  public String label() {
    return label;
  }

  /** Whether it orders by IP address (either way). */
  public boolean byIp() {
    return this == IP || this == IP_REVERSED;
  }

  /** The order of this {@code ordering} value, if it names one. */
  public static Optional<BookableOrder> of(String key) {
    return Arrays.stream(values()).filter(order -> order.key.equals(key)).findFirst();
  }

  /** Every order's key, for a refusal: "hostname, -hostname, ip, -ip". */
  public static String keys() {
    return Arrays.stream(values()).map(BookableOrder::key).collect(Collectors.joining(", "));
  }
}
