package cores.ldap.common;

/** Escapes user input before it becomes part of an LDAP search filter or a distinguished name. */
public final class LdapEscaping {
  private LdapEscaping() {}

  /**
   * An assertion value for a search filter (RFC 4515 section 3): {@code *}, {@code (}, {@code )},
   * {@code \} and NUL become {@code \2a}, {@code \28}, {@code \29}, {@code \5c}, {@code \00}, so
   * the input can only ever match literally.
   */
  public static String filterValue(String value) {
    StringBuilder out = new StringBuilder(value.length() + 8);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '*' -> out.append("\\2a");
        case '(' -> out.append("\\28");
        case ')' -> out.append("\\29");
        case '\\' -> out.append("\\5c");
        case '\0' -> out.append("\\00");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * An attribute value inside a DN (RFC 4514 section 2.4): the special characters {@code " + , ; <
   * > \} are backslash-escaped, as are a leading space or {@code #} and a trailing space; NUL
   * becomes {@code \00}. The input then stays one value of one RDN.
   */
  public static String dnValue(String value) {
    StringBuilder out = new StringBuilder(value.length() + 8);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean first = i == 0;
      boolean last = i == value.length() - 1;
      switch (c) {
        case '"', '+', ',', ';', '<', '>', '\\', '=' -> out.append('\\').append(c);
        case '\0' -> out.append("\\00");
        case ' ' -> out.append(first || last ? "\\ " : " ");
        case '#' -> out.append(first ? "\\#" : "#");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
