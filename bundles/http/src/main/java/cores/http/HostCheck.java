package cores.http;

import java.util.Locale;

/**
 * Which {@code Host} headers the site answers to: the configured host name, {@code localhost},
 * loopback addresses and {@code nginx} (the proxy in the stack), with any port. Refusing other
 * names defeats DNS rebinding and poisoned links built from the Host header.
 */
public final class HostCheck {
  private final String hostname;

  public HostCheck(String hostname) {
    this.hostname = normalise(hostname);
  }

  /** Whether a request with this {@code Host} header (as sent, maybe null) is answered. */
  public boolean allowed(String hostHeader) {
    String host = hostPart(hostHeader);
    if (host == null || host.isEmpty()) {
      return false;
    }
    if (host.equals(hostname) || host.equals("localhost") || host.equals("nginx")) {
      return true;
    }
    if (host.startsWith("[")) {
      return isIpv6Loopback(host.substring(1, host.length() - 1));
    }
    return host.startsWith("127.") && isIpv4(host);
  }

  /** The header without its port, lower case, without a trailing dot; null when malformed. */
  static String hostPart(String hostHeader) {
    if (hostHeader == null) {
      return null;
    }
    String value = hostHeader.trim();
    String host;
    String port;
    if (value.startsWith("[")) {
      int end = value.indexOf(']');
      if (end < 0) {
        return null;
      }
      host = value.substring(0, end + 1);
      String rest = value.substring(end + 1);
      if (!rest.isEmpty() && !rest.startsWith(":")) {
        return null;
      }
      port = rest.isEmpty() ? "" : rest.substring(1);
    } else {
      int colon = value.indexOf(':');
      if (colon != value.lastIndexOf(':')) {
        return null;
      }
      host = colon < 0 ? value : value.substring(0, colon);
      port = colon < 0 ? "" : value.substring(colon + 1);
    }
    if (!isPort(port)) {
      return null;
    }
    return normalise(host);
  }

  /**
   * Up to five digits (or none). Parsed by hand, as the IPv4 address: regular expressions were a
   * noticeable part of answering {@code /api/health}, which every request passes through here.
   */
  private static boolean isPort(String port) {
    if (port.length() > 5) {
      return false;
    }
    for (int i = 0; i < port.length(); i++) {
      if (!isDigit(port.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** Four decimal numbers 0 to 255 joined by dots, without leading zeros. */
  static boolean isIpv4(String host) {
    int start = 0;
    for (int part = 0; part < 4; part++) {
      int end = host.indexOf('.', start);
      if (end < 0) {
        end = host.length();
      }
      if ((part == 3) != (end == host.length()) || !isOctet(host, start, end)) {
        return false;
      }
      start = end + 1;
    }
    return true;
  }

  private static boolean isOctet(String host, int start, int end) {
    int length = end - start;
    if (length < 1 || length > 3 || (length > 1 && host.charAt(start) == '0')) {
      return false;
    }
    int value = 0;
    for (int i = start; i < end; i++) {
      char c = host.charAt(i);
      if (!isDigit(c)) {
        return false;
      }
      value = value * 10 + (c - '0');
    }
    return value <= 255;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static String normalise(String host) {
    String lower = host.trim().toLowerCase(Locale.ROOT);
    return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
  }

  /**
   * {@code ::1} in any of its spellings (e.g. {@code 0:0:0:0:0:0:0:1}, {@code ::0:1}): parsed by
   * hand so that no name lookup can happen.
   */
  static boolean isIpv6Loopback(String literal) {
    int[] groups = parseIpv6(literal);
    if (groups == null) {
      return false;
    }
    for (int i = 0; i < 7; i++) {
      if (groups[i] != 0) {
        return false;
      }
    }
    return groups[7] == 1;
  }

  private static int[] parseIpv6(String literal) {
    if (literal.isEmpty() || literal.indexOf('%') >= 0 || literal.indexOf('.') >= 0) {
      return null;
    }
    int gap = literal.indexOf("::");
    if (gap >= 0 && literal.indexOf("::", gap + 1) >= 0) {
      return null;
    }
    String[] head = gap < 0 ? split(literal) : split(literal.substring(0, gap));
    String[] tail = gap < 0 ? new String[0] : split(literal.substring(gap + 2));
    if (head == null || tail == null) {
      return null;
    }
    int count = head.length + tail.length;
    if (gap < 0 ? count != 8 : count > 7) {
      return null;
    }
    int[] groups = new int[8];
    for (int i = 0; i < head.length; i++) {
      groups[i] = Integer.parseInt(head[i], 16);
    }
    for (int i = 0; i < tail.length; i++) {
      groups[8 - tail.length + i] = Integer.parseInt(tail[i], 16);
    }
    return groups;
  }

  private static String[] split(String part) {
    if (part.isEmpty()) {
      return new String[0];
    }
    String[] groups = part.split(":", -1);
    for (String group : groups) {
      if (!group.matches("[0-9a-fA-F]{1,4}")) {
        return null;
      }
    }
    return groups;
  }
}
