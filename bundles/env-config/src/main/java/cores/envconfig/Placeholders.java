package cores.envconfig;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Environment placeholders in configuration values, in the syntax of the Apache Felix interpolation
 * plugin: {@code $[env:NAME]} or {@code $[env:NAME;default=VALUE]}. As everywhere in Cores, a blank
 * variable counts as unset (docker-compose writes {@code VAR=} for "nothing") and a value is used
 * without its surrounding blanks.
 */
public final class Placeholders {

  private static final Pattern ENV =
      Pattern.compile("\\$\\[env:([A-Za-z_][A-Za-z0-9_]*)(?:;default=([^\\]]*))?\\]");

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
    Matcher whole = ENV.matcher(text);
    if (whole.matches()) {
      return lookup(whole, env).map(v -> v);
    }
    Matcher m = ENV.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(lookup(m, env).orElse("")));
    }
    m.appendTail(out);
    return Optional.of(out.toString());
  }

  private static Optional<String> lookup(Matcher placeholder, Map<String, String> env) {
    String raw = env.get(placeholder.group(1));
    if (raw != null && !raw.isBlank()) {
      return Optional.of(raw.strip());
    }
    return Optional.ofNullable(placeholder.group(2));
  }

  /** The variable a value is read from when it is exactly one placeholder. */
  public static Optional<String> source(Object value) {
    if (value instanceof String text) {
      Matcher m = ENV.matcher(text);
      if (m.matches()) {
        return Optional.of(m.group(1));
      }
    }
    return Optional.empty();
  }

  /** Every variable a value refers to. */
  public static Set<String> variables(Object value) {
    Set<String> names = new LinkedHashSet<>();
    if (value instanceof String text) {
      Matcher m = ENV.matcher(text);
      while (m.find()) {
        names.add(m.group(1));
      }
    }
    return names;
  }
}
