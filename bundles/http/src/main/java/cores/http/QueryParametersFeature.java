package cores.http;

import static java.nio.charset.StandardCharsets.UTF_8;

import cores.api.web.ApiDoc;
import cores.api.web.ProblemException;
import cores.api.web.SentTwice;
import cores.api.web.StorableText;
import cores.http.problem.Problems;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.MultivaluedMap;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URLDecoder;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Query parameters as every resource method receives them: none holds text PostgreSQL would not
 * store as sent ({@link StorableText}), and a method of the documented API ({@link ApiDoc}) gets
 * only the parameters it declares, as {@code @QueryParam} or in {@link ApiDoc#query()}: anything
 * else is a 400 naming the parameter, instead of a filter silently ignored. Each of these is taken
 * once ({@link SentTwice}): the resources read one value, and a second one silently dropped would
 * narrow a list or change a page without a word (several ids are a comma list).
 */
public final class QueryParametersFeature implements DynamicFeature {

  @Override
  public void configure(ResourceInfo resourceInfo, FeatureContext context) {
    Method method = resourceInfo.getResourceMethod();
    context.register(new Check(declared(method), shown(method, resourceInfo.getResourceClass())));
  }

  /**
   * One parameter as an unknown parameter's problem names it: with the scope its documentation
   * gives at the end of its line ({@code "lab: racks of these labs (rack)"}), and, where the scope
   * lists values of a path parameter ({@link ApiDoc.Values}), named only at those values; where the
   * resource lists its path's values, a scope naming none of them is named at none: {@code
   * /api/inventory/building/} does not offer the filters of a rack or a loan.
   *
   * @param param the path parameter the scope is about, null when named at every path
   */
  record Shown(String text, String param, Set<String> scope) {
    boolean namedAt(MultivaluedMap<String, String> path) {
      return param == null || scope.contains(path.getFirst(param));
    }
  }

  /** The method's parameters as its unknown parameters' problem names them; null: not checked. */
  static List<Shown> shown(Method method, Class<?> resource) {
    ApiDoc doc = method.getAnnotation(ApiDoc.class);
    if (doc == null) {
      return null;
    }
    Map<String, Set<String>> values = new HashMap<>();
    for (ApiDoc owner : new ApiDoc[] {resource.getAnnotation(ApiDoc.class), doc}) {
      for (ApiDoc.Values of : owner == null ? new ApiDoc.Values[0] : owner.values()) {
        Set<String> segments = new HashSet<>();
        for (String value : of.value()) {
          int eq = value.indexOf('=');
          segments.add(eq < 0 ? value : value.substring(0, eq));
        }
        values.put(of.param(), segments);
      }
    }
    Map<String, Shown> shown = new TreeMap<>();
    declared(method, doc).forEach(name -> shown.put(name, new Shown(name, null, null)));
    for (String line : doc.query()) {
      int colon = line.indexOf(':');
      String text = line.strip();
      int open = text.lastIndexOf('(');
      if (colon > 0 && open > colon && text.endsWith(")")) {
        String name = line.substring(0, colon).strip();
        Set<String> scope = new HashSet<>();
        for (String word : text.substring(open + 1, text.length() - 1).split(",")) {
          scope.add(word.strip());
        }
        // a scope naming none of the values is another resource's (the models share the method)
        String param =
            values.entrySet().stream()
                .filter(e -> e.getValue().stream().anyMatch(scope::contains))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse(values.keySet().stream().findFirst().orElse(null));
        shown.put(name, new Shown(name + " " + text.substring(open), param, scope));
      }
    }
    return List.copyOf(shown.values());
  }

  /** What the method takes at the request's path, as an unknown parameter's problem says it. */
  static String takes(List<Shown> shown, MultivaluedMap<String, String> path) {
    List<String> named = shown.stream().filter(one -> one.namedAt(path)).map(Shown::text).toList();
    return named.isEmpty() ? "none" : String.join(", ", named);
  }

  /**
   * The names of the query parameters a method of the documented API takes; null for a method the
   * API does not document (any name is taken).
   */
  public static Set<String> declared(Method method) {
    ApiDoc doc = method.getAnnotation(ApiDoc.class);
    return doc == null ? null : declared(method, doc);
  }

  /** The names of the method's query parameters. */
  static Set<String> declared(Method method, ApiDoc doc) {
    Set<String> names = new HashSet<>();
    for (Annotation[] annotations : method.getParameterAnnotations()) {
      for (Annotation annotation : annotations) {
        if (annotation instanceof QueryParam param) {
          names.add(param.value());
        }
      }
    }
    for (String line : doc.query()) {
      int colon = line.indexOf(':');
      names.add((colon < 0 ? line : line.substring(0, colon)).strip());
    }
    return Set.copyOf(names);
  }

  /** One method's check; {@code null} accepts any parameter name. */
  @Priority(Priorities.USER)
  static final class Check implements ContainerRequestFilter {
    private final Set<String> declared;
    private final List<Shown> shown;

    Check(Set<String> declared, List<Shown> shown) {
      this.declared = declared;
      this.shown = shown;
    }

    @Override
    public void filter(ContainerRequestContext request) {
      Map<String, List<String>> errors =
          problems(
              request,
              declared,
              shown == null ? null : takes(shown, request.getUriInfo().getPathParameters()));
      if (!errors.isEmpty()) {
        // in the order sent, the first LISTED named (the rest counted), as a body's fields are
        throw new ProblemException(
            400,
            Problems.reasonPhrase(400),
            "Invalid query parameter(s): "
                + String.join(
                    ", ", errors.keySet().stream().limit(ProblemException.LISTED).toList())
                + ".",
            errors);
      }
    }
  }

  /**
   * The request's query parameters that are refused, by name, with their problem: text PostgreSQL
   * would not store, or (unless {@code declared} is null) a name not declared or one sent twice.
   */
  public static Map<String, List<String>> problems(
      ContainerRequestContext request, Set<String> declared) {
    return problems(
        request,
        declared,
        declared == null || declared.isEmpty() ? "none" : String.join(", ", sorted(declared)));
  }

  private static Map<String, List<String>> problems(
      ContainerRequestContext request, Set<String> declared, String takes) {
    Map<String, List<String>> errors = new LinkedHashMap<>();
    Map<String, List<String>> parameters = request.getUriInfo().getQueryParameters();
    for (String name : inOrderSent(request, parameters.keySet())) {
      List<String> values = parameters.get(name);
      String problem =
          values.stream()
              .map(StorableText::problem)
              .filter(Objects::nonNull)
              .findFirst()
              .orElse(StorableText.problem(name));
      if (problem != null) {
        errors.put(StorableText.shown(name), List.of(problem));
      } else if (declared != null && !declared.contains(name)) {
        errors.put(name, List.of("unknown parameter; this endpoint takes " + takes));
      } else if (declared != null && values.size() > 1) {
        errors.put(name, List.of(SentTwice.MESSAGE));
      }
    }
    return errors;
  }

  /**
   * The names in the order the query first names them (Jersey's map has none), so that a problem
   * lists the first ones sent; a name whose escapes do not decode comes last.
   */
  private static List<String> inOrderSent(ContainerRequestContext request, Set<String> names) {
    Map<String, Integer> first = new HashMap<>();
    String query = request.getUriInfo().getRequestUri().getRawQuery();
    if (query != null) {
      for (String pair : query.split("&")) {
        int eq = pair.indexOf('=');
        try {
          String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), UTF_8);
          first.putIfAbsent(name, first.size());
        } catch (IllegalArgumentException e) {
          // a broken escape: Jersey's own reading of it decides the name
        }
      }
    }
    return names.stream()
        .sorted(Comparator.comparing(name -> first.getOrDefault(name, Integer.MAX_VALUE)))
        .toList();
  }

  private static List<String> sorted(Set<String> names) {
    return names.stream().sorted().toList();
  }
}
