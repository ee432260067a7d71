package cores.domain.inventory;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checks of MAC addresses, IP addresses and networks as people type them; null means valid. The
 * database checks again (macaddr, inet, cidr columns); these give the field a clear message first
 * and accept nothing the database refuses (AddressesDatabaseTest), so one odd value never fails a
 * whole statement.
 */
public final class Addresses {
  /**
   * A MAC address as people type it (also the JSON Schema pattern of {@link Schemas}: the syntax
   * common to Java and ECMA-262 regular expressions).
   */
  static final String MAC_REGEX =
      "([0-9A-Fa-f]{2}([:-])[0-9A-Fa-f]{2}(\\2[0-9A-Fa-f]{2}){4})"
          + "|([0-9A-Fa-f]{4}\\.[0-9A-Fa-f]{4}\\.[0-9A-Fa-f]{4})|([0-9A-Fa-f]{12})";

  /** An IPv4 address (as {@link #MAC_REGEX}, shared with the schemas). */
  static final String IPV4_REGEX =
      "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}";

  /** The characters and length of an IPv6 address; {@link #isAddress} checks its groups. */
  static final String IPV6_REGEX = "[0-9A-Fa-f:.]{2,45}";

  private static final Pattern MAC = Pattern.compile(MAC_REGEX);
  private static final Pattern IPV4 = Pattern.compile(IPV4_REGEX);
  private static final Pattern IPV6 = Pattern.compile(IPV6_REGEX);

  private Addresses() {}

  public static String mac(String value) {
    return value != null && MAC.matcher(value).matches()
        ? null
        : "not a MAC address (e.g. 00:1a:2b:3c:4d:5e)";
  }

  /**
   * A word of a search as the MAC columns store it: a whole MAC address in any format {@link #mac}
   * accepts, or hex pairs joined by hyphens (part of one), in the colon-separated lower case
   * PostgreSQL writes; any other word as it is. The columns' text is then matched as indexed.
   */
  public static String macSearch(String word) {
    if (MAC.matcher(word).matches()) {
      String hex = word.replace(":", "").replace("-", "").replace(".", "").toLowerCase(Locale.ROOT);
      StringBuilder mac = new StringBuilder(hex.substring(0, 2));
      for (int i = 2; i < hex.length(); i += 2) {
        mac.append(':').append(hex, i, i + 2);
      }
      return mac.toString();
    }
    return hyphenatedPairs(word) ? word.replace('-', ':').toLowerCase(Locale.ROOT) : word;
  }

  /** Whether the word is two or more hex pairs joined by hyphens ({@code 33-44-03}). */
  private static boolean hyphenatedPairs(String word) {
    if (word.length() < 5 || word.length() % 3 != 2) {
      return false;
    }
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      boolean ok = i % 3 == 2 ? c == '-' : Character.digit(c, 16) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** A single address, IPv4 or IPv6, without a prefix. */
  public static String ip(String value) {
    return value != null && isAddress(value) ? null : "not an IP address (e.g. 192.0.2.10)";
  }

  /** A network: address/prefix with no bits set right of the prefix (as PostgreSQL's cidr). */
  public static String cidr(String value) {
    String problem = "not a network in CIDR notation (e.g. 192.0.2.0/24)";
    if (value == null) {
      return problem;
    }
    int slash = value.indexOf('/');
    String address = slash < 0 ? value : value.substring(0, slash);
    if (!isAddress(address)) {
      return problem;
    }
    boolean v4 = IPV4.matcher(address).matches();
    int bits = v4 ? 32 : 128;
    int prefix;
    try {
      prefix = slash < 0 ? bits : Integer.parseInt(value.substring(slash + 1));
    } catch (NumberFormatException e) {
      return problem;
    }
    if (prefix < 0 || prefix > bits) {
      return problem;
    }
    if (v4 && hostBitsSet(address, prefix)) {
      return "has bits set to the right of the prefix: " + value;
    }
    return null;
  }

  private static boolean isAddress(String value) {
    if (IPV4.matcher(value).matches()) {
      return true;
    }
    // IPv6: at most one "::", 1-4 hex digits per group; an embedded IPv4 tail is allowed
    if (!value.contains(":") || !IPV6.matcher(value).matches() || value.contains(":::")) {
      return false;
    }
    // a lone colon at either end is no group separator: PostgreSQL refuses it
    if ((value.startsWith(":") && !value.startsWith("::"))
        || (value.endsWith(":") && !value.endsWith("::"))) {
      return false;
    }
    int doubles = value.split("::", -1).length - 1;
    if (doubles > 1) {
      return false;
    }
    String[] groups = value.split(":", -1);
    int count = 0;
    for (int i = 0; i < groups.length; i++) {
      String group = groups[i];
      if (group.isEmpty()) {
        continue;
      }
      if (i == groups.length - 1 && group.contains(".")) {
        if (!IPV4.matcher(group).matches()) {
          return false;
        }
        count += 2;
      } else if (group.length() > 4 || group.contains(".")) {
        return false;
      } else {
        count++;
      }
    }
    return doubles == 1 ? count < 8 : count == 8;
  }

  private static boolean hostBitsSet(String address, int prefix) {
    long value = 0;
    for (String part : address.split("\\.")) {
      value = (value << 8) | Integer.parseInt(part);
    }
    long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
    return (value & ~mask & 0xFFFFFFFFL) != 0;
  }
}
