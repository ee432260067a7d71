package cores.admin;

import jakarta.ws.rs.core.MultivaluedMap;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * A list's search, filters, sort and page, carried through an object's form and back, as Django's
 * admin does with {@code _changelist_filters}: a save leads to the list as it was left. What comes
 * back from a request is decoded and encoded again, so it can only ever be a query of the list (no
 * path, fragment or line break), and the codes of a redirect's message are dropped.
 */
final class KeptFilters {
  /** The parameter of an object's form that carries its list's query, Django's name. */
  static final String PARAM = "_changelist_filters";

  /** A redirect's message codes ({@link Messages}): the list's, not the query's. */
  private static final Set<String> MESSAGE = Set.of("done", "id", "n", Messages.ACTED, PARAM);

  private KeptFilters() {}

  /** The list's query as carried: its parameters encoded, the message codes left out. */
  static String of(Map<String, String> query) {
    StringJoiner kept = new StringJoiner("&");
    query.forEach(
        (key, value) -> {
          if (!MESSAGE.contains(key) && !value.isEmpty()) {
            kept.add(encode(key) + "=" + encode(value));
          }
        });
    return kept.toString();
  }

  /** The list's query of a request to it (each parameter's first value), as carried. */
  static String of(MultivaluedMap<String, String> query) {
    return of(listQuery(query));
  }

  /**
   * What a request to a list asks of it: each parameter's first value, those given, without a
   * redirect's message codes, so that its page and sort links do not carry them and a list shown
   * after a save or a delete does not count as searched.
   */
  static Map<String, String> listQuery(MultivaluedMap<String, String> params) {
    Map<String, String> query = new LinkedHashMap<>();
    params.forEach(
        (key, values) -> {
          if (!values.isEmpty() && !values.get(0).isEmpty() && !MESSAGE.contains(key)) {
            query.put(key, values.get(0));
          }
        });
    return query;
  }

  /** A carried query as sent back, made again from its decoded parameters; "" for none. */
  static String parse(String carried) {
    if (carried == null || carried.isBlank()) {
      return "";
    }
    StringJoiner kept = new StringJoiner("&");
    for (String pair : carried.split("&")) {
      int eq = pair.indexOf('=');
      String key = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      if (key != null && value != null && !MESSAGE.contains(key) && !value.isEmpty()) {
        kept.add(encode(key) + "=" + encode(value));
      }
    }
    return kept.toString();
  }

  /**
   * What a carried query asks of the list it leads back to, as {@link #listQuery} reads a request
   * to it: each parameter's first value, decoded, for a list shown in place of a redirect to it.
   */
  static Map<String, String> listQuery(String carried) {
    Map<String, String> query = new LinkedHashMap<>();
    String kept = parse(carried);
    if (kept.isEmpty()) {
      return query;
    }
    for (String pair : kept.split("&")) {
      int eq = pair.indexOf('=');
      query.putIfAbsent(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
    }
    return query;
  }

  /** The query that carries {@code kept} to a form ("" for none), to follow a path. */
  static String carry(String kept) {
    return kept.isEmpty() ? "" : "?" + PARAM + "=" + encode(kept);
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  /** The decoded text, or null where it is no well-formed encoding (an edited link). */
  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
