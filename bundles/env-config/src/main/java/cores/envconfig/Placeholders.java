package cores.envconfig;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Environment placeholders in configuration values, in the syntax of the Apache Felix interpolation
 * plugin: {@code $[env:NAME]} or {@code $[env:NAME;default=VALUE]}. As everywhere in Cores, a blank
 * variable counts as unset (docker-compose writes {@code VAR=} for "nothing") and a value is used
 * without its surrounding blanks. Read by a scan rather than a regular expression: no backtracking
 * on whatever a value holds.
 */
public final class Placeholders {

  private static final String OPEN = "$[env:";
  private static final String DEFAULT = ";default=";

  /** One placeholder in a text: where it is, the variable and its default, if any. */
  private record Placeholder(int start, int end, String variable, Optional<String> fallback) {}

  private Placeholders() {}

  /**
   * The value with its placeholders replaced. A value that is one placeholder of an unset variable
   * with no default resolves to nothing: the property is left out, so the component's own default
   * applies. Within a longer text such a placeholder becomes the empty string.
   */
  public static Optional<Object> resolve(Object value, Map<String, String> env) {
    if (!(value instanceof String text)) {
      return Optional.of(value);
    }
    List<Placeholder> found = scan(text);
    if (found.size() == 1 && found.get(0).start() == 0 && found.get(0).end() == text.length()) {
      return lookup(found.get(0), env).map(v -> v);
    }
    StringBuilder out = new StringBuilder();
    int at = 0;
    for (Placeholder p : found) {
      out.append(text, at, p.start()).append(lookup(p, env).orElse(""));
      at = p.end();
    }
    return Optional.of(out.append(text.substring(at)).toString());
  }

  private static Optional<String> lookup(Placeholder placeholder, Map<String, String> env) {
    String raw = env.get(placeholder.variable());
    if (raw != null && !raw.isBlank()) {
      return Optional.of(raw.strip());
    }
    return placeholder.fallback();
  }

  /** The variable a value is read from when it is exactly one placeholder. */
  public static Optional<String> source(Object value) {
    if (value instanceof String text) {
      List<Placeholder> found = scan(text);
      if (found.size() == 1 && found.get(0).start() == 0 && found.get(0).end() == text.length()) {
        return Optional.of(found.get(0).variable());
      }
    }
    return Optional.empty();
  }

  /** Every variable a value refers to. */
  public static Set<String> variables(Object value) {
    Set<String> names = new LinkedHashSet<>();
    if (value instanceof String text) {
      scan(text).forEach(p -> names.add(p.variable()));
    }
    return names;
  }

  private static List<Placeholder> scan(String text) {
    List<Placeholder> found = new ArrayList<>();
    int from = 0;
    while (true) {
      int start = text.indexOf(OPEN, from);
      if (start < 0) {
        return found;
      }
      int close = text.indexOf(']', start);
      if (close < 0) {
        return found;
      }
      String inside = text.substring(start + OPEN.length(), close);
      int semicolon = inside.indexOf(';');
      String name = semicolon < 0 ? inside : inside.substring(0, semicolon);
      Optional<String> fallback = Optional.empty();
      boolean valid = isName(name);
      if (semicolon >= 0) {
        String rest = inside.substring(semicolon);
        valid &= rest.startsWith(DEFAULT);
        fallback = Optional.of(rest.substring(Math.min(DEFAULT.length(), rest.length())));
      }
      if (valid) {
        found.add(new Placeholder(start, close + 1, name, fallback));
        from = close + 1;
      } else {
        from = start + 1;
      }
    }
  }

  /** An environment variable's name: a letter or _, then letters, digits and _. */
  private static boolean isName(String name) {
    if (name.isEmpty() || Character.isDigit(name.charAt(0))) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
