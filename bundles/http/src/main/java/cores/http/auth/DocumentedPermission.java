package cores.http.auth;

import cores.api.web.ApiDoc;
import cores.api.web.Visitor;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A documented {@link ApiDoc#permission} that says all who may call the operation: permission names
 * ({@code {action}} and path-parameter placeholders allowed), {@link ApiDoc#STAFF}, {@link
 * ApiDoc#SUPERUSER}, {@link ApiDoc#AUTHENTICATED} and {@link ApiDoc#IMPERSONATING}, all of a group
 * joined by {@code ", "}, any of the groups joined by {@code " or "}, optionally followed by {@code
 * "; "} {@link ApiDoc#NOT_WHILE_IMPERSONATING}. Any other words (e.g. {@code "authenticated: the
 * owner or staff"}) mean the rule depends on what is asked for: {@link #of} gives none, and the
 * resource checks it.
 */
final class DocumentedPermission {
  private static final Pattern NAME = Pattern.compile("[a-z_]+\\.[a-z_{}]+");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z]+)}");
  private static final String NOT_IMPERSONATING = "; " + ApiDoc.NOT_WHILE_IMPERSONATING;

  /** Any of these groups, each of terms all needed. */
  private final List<List<String>> groups;

  private final boolean notWhileImpersonating;
  private final String action;

  /** The documented names of the path parameters' values, e.g. model: hostbyid to host. */
  private final Map<String, Map<String, String>> names;

  private DocumentedPermission(
      List<List<String>> groups,
      boolean notWhileImpersonating,
      String action,
      Map<String, Map<String, String>> names) {
    this.groups = groups;
    this.notWhileImpersonating = notWhileImpersonating;
    this.action = action;
    this.names = names;
  }

  /**
   * The rule the documented permission states, if it is one of whole terms.
   *
   * @param action the permission action of the HTTP method ({@code add}, {@code change}, ...)
   * @param names the documented values of the path parameters and the names they stand for
   */
  static Optional<DocumentedPermission> of(
      String permission, String action, Map<String, Map<String, String>> names) {
    boolean notWhileImpersonating = permission.endsWith(NOT_IMPERSONATING);
    String rule =
        notWhileImpersonating
            ? permission.substring(0, permission.length() - NOT_IMPERSONATING.length())
            : permission;
    List<List<String>> groups = new ArrayList<>();
    for (String group : rule.split(" or ", -1)) {
      List<String> terms = List.of(group.split(", ", -1));
      if (!terms.stream().allMatch(DocumentedPermission::isTerm)) {
        return Optional.empty();
      }
      groups.add(terms);
    }
    return Optional.of(
        new DocumentedPermission(List.copyOf(groups), notWhileImpersonating, action, names));
  }

  private static boolean isTerm(String term) {
    return List.of(ApiDoc.STAFF, ApiDoc.SUPERUSER, ApiDoc.AUTHENTICATED, ApiDoc.IMPERSONATING)
            .contains(term)
        || NAME.matcher(term).matches();
  }

  /**
   * Why the request is refused (403), or empty when the rule lets it through. A path value the docs
   * do not list leaves the request to the resource (which answers 404).
   */
  Optional<String> refusal(ContainerRequestContext request) {
    Visitor visitor = Visitor.of(request);
    List<List<String>> resolved = new ArrayList<>();
    for (List<String> group : groups) {
      List<String> terms = new ArrayList<>();
      for (String term : group) {
        String name = resolve(term, request);
        if (name == null) {
          return Optional.empty();
        }
        terms.add(name);
      }
      resolved.add(terms);
    }
    if (resolved.stream().noneMatch(group -> group.stream().allMatch(t -> holds(t, visitor)))) {
      return Optional.of("This needs " + describe(resolved) + ".");
    }
    if (notWhileImpersonating && visitor.impersonator().isPresent()) {
      return Optional.of("You may not do this while impersonating: stop impersonating first.");
    }
    return Optional.empty();
  }

  /** The term with its placeholders filled in; null when a path value is not documented. */
  private String resolve(String term, ContainerRequestContext request) {
    Matcher m = PLACEHOLDER.matcher(term);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String param = m.group(1);
      String value;
      if ("action".equals(param)) {
        value = action;
      } else {
        String given = request.getUriInfo().getPathParameters().getFirst(param);
        value = given == null ? null : names.getOrDefault(param, Map.of()).get(given);
      }
      if (value == null) {
        return null;
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static boolean holds(String term, Visitor visitor) {
    return switch (term) {
      case ApiDoc.AUTHENTICATED -> visitor.user().isPresent();
      case ApiDoc.STAFF -> visitor.staff();
      case ApiDoc.SUPERUSER -> visitor.user().map(u -> u.active() && u.superuser()).orElse(false);
      case ApiDoc.IMPERSONATING -> visitor.impersonator().isPresent();
      default -> visitor.isUserInRole(term);
    };
  }

  /** E.g. "the permission a.b_c and the permission a.d_c", "a staff account". */
  private static String describe(List<List<String>> groups) {
    return groups.stream()
        .map(
            group ->
                group.stream()
                    .map(DocumentedPermission::describe)
                    .collect(Collectors.joining(" and ")))
        .collect(Collectors.joining(" or "));
  }

  private static String describe(String term) {
    return switch (term) {
      case ApiDoc.AUTHENTICATED -> "a login";
      case ApiDoc.STAFF -> "a staff account";
      case ApiDoc.SUPERUSER -> "a superuser account";
      case ApiDoc.IMPERSONATING -> "an impersonation";
      default -> "the permission " + term;
    };
  }
}
