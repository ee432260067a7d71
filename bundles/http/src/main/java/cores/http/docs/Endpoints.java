package cores.http.docs;

import cores.api.web.ApiDoc;
import cores.api.web.ApiSchemas;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.core.Response;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.glassfish.jersey.model.Parameter.Source;
import org.glassfish.jersey.server.model.Invocable;
import org.glassfish.jersey.server.model.Parameter;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;

/**
 * The operations of a Jersey resource model: every resource method with its concrete paths,
 * parameters, media types and what its {@link ApiDoc} adds. Sub-resource locators are left out:
 * what they lead to is only known per request.
 */
public final class Endpoints {
  /** A description's trailing list in parentheses, e.g. {@code (host, nic)}. */
  private static final Pattern FOR_VALUES = Pattern.compile("\\(([a-z0-9_, ]+)\\)$");

  /** Where the REST application is mounted. */
  static final String PREFIX = "/api/";

  private static final List<String> METHOD_ORDER =
      List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_.-]+)}");

  private Endpoints() {}

  /**
   * The operations of the root resources and those served outside JAX-RS, ordered by path and then
   * method.
   */
  public static List<Operation> of(Collection<Resource> roots, List<Operation> served) {
    List<Operation> operations = new ArrayList<>(served);
    for (Resource root : roots) {
      walk(root, "", null, operations);
    }
    operations.sort(
        Comparator.comparing(Operation::path)
            .thenComparing(o -> methodRank(o.method()))
            .thenComparing(Operation::method));
    Set<String> ids = new HashSet<>();
    List<Operation> unique = new ArrayList<>(operations.size());
    for (Operation o : operations) {
      String id = o.operationId();
      for (int n = 2; !ids.add(id); n++) {
        id = o.operationId() + "_" + n;
      }
      unique.add(id.equals(o.operationId()) ? o : withId(o, id));
    }
    return unique;
  }

  /**
   * The JSON Schemas that the application's registered instances publish ({@link ApiSchemas}), by
   * name; a name published twice keeps its first schema.
   *
   * @param instances what the application registered (its {@code Configuration}'s instances:
   *     Jersey's resource model is built from the classes and does not hold them)
   */
  public static Map<String, Map<String, Object>> schemas(Collection<Object> instances) {
    Map<String, Map<String, Object>> schemas = new TreeMap<>();
    for (Object instance : instances) {
      if (instance instanceof ApiSchemas published) {
        published.schemas().forEach(schemas::putIfAbsent);
      }
    }
    return schemas;
  }

  /**
   * An operation that a Jetty handler serves in front of the REST application, described by the
   * {@link ApiDoc} on the handler's class as a resource class's would describe its methods.
   *
   * @param fullPath e.g. {@code /api/health}
   * @param produces the media type of its answer
   */
  public static Operation served(
      String fullPath, String httpMethod, String produces, Class<?> handler) {
    ApiDoc doc = classDoc(handler);
    String area = doc == null || doc.area().isEmpty() ? firstSegment(fullPath) : doc.area();
    return new Operation(
        fullPath,
        fullPath,
        httpMethod,
        area,
        doc == null ? "" : doc.value(),
        doc == null ? "" : doc.permission(),
        List.of(),
        List.of(),
        List.of(produces),
        null,
        null,
        lowerFirst(handler.getSimpleName()) + "_" + httpMethod.toLowerCase(Locale.ROOT),
        "",
        "");
  }

  private static Operation withId(Operation o, String id) {
    return new Operation(
        o.path(),
        o.root(),
        o.method(),
        o.area(),
        o.summary(),
        o.permission(),
        o.parameters(),
        o.consumes(),
        o.produces(),
        o.requestBody(),
        o.responseType(),
        id,
        o.requestSchema(),
        o.responseSchema());
  }

  private static int methodRank(String method) {
    int rank = METHOD_ORDER.indexOf(method);
    return rank < 0 ? METHOD_ORDER.size() : rank;
  }

  private static void walk(
      Resource resource, String parent, String rootTemplate, List<Operation> out) {
    String own = template(resource.getPath());
    String path = parent.isEmpty() ? own : own.isEmpty() ? parent : parent + "/" + own;
    String root = rootTemplate == null ? path : rootTemplate;
    for (ResourceMethod method : resource.getResourceMethods()) {
      if (documented(method)) {
        operations(method, path, root, out);
      }
    }
    for (Resource child : resource.getChildResources()) {
      walk(child, path, root, out);
    }
  }

  /** Resource methods written with a JAX-RS method annotation; not Jersey's generated OPTIONS. */
  private static boolean documented(ResourceMethod method) {
    if (method.getType() == ResourceMethod.JaxrsType.SUB_RESOURCE_LOCATOR) {
      return false;
    }
    Method definition = method.getInvocable().getDefinitionMethod();
    for (Annotation annotation : definition.getAnnotations()) {
      if (annotation.annotationType().isAnnotationPresent(HttpMethod.class)) {
        return true;
      }
    }
    return false;
  }

  /**
   * A {@code @Path} value as a template without slashes at either end and without the regular
   * expressions of its parameters ({@code {id: [0-9]+}} becomes {@code {id}}).
   */
  static String template(String path) {
    if (path == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(path.length());
    int depth = 0;
    boolean skipping = false;
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (depth > 0) {
        if (c == '{') {
          depth++;
        } else if (c == '}') {
          depth--;
        }
        if (depth == 0) {
          out.append('}');
          skipping = false;
        } else if (c == ':' && depth == 1) {
          skipping = true;
        } else if (!skipping && !Character.isWhitespace(c)) {
          out.append(c);
        }
      } else {
        if (c == '{') {
          depth = 1;
        }
        out.append(c);
      }
    }
    return out.toString().replaceAll("/{2,}", "/").replaceAll("^/+|/+$", "");
  }

  private static void operations(
      ResourceMethod method, String template, String rootTemplate, List<Operation> out) {
    Invocable invocable = method.getInvocable();
    Method definition = invocable.getDefinitionMethod();
    Class<?> type = invocable.getHandler().getHandlerClass();
    ApiDoc classDoc = classDoc(type);
    ApiDoc methodDoc = definition.getAnnotation(ApiDoc.class);
    if (methodDoc == null) {
      methodDoc = invocable.getHandlingMethod().getAnnotation(ApiDoc.class);
    }
    Map<String, List<String[]>> values = new LinkedHashMap<>();
    valueNames(classDoc, methodDoc)
        .forEach(
            (param, names) ->
                values.put(
                    param,
                    names.entrySet().stream()
                        .map(n -> new String[] {n.getKey(), n.getValue()})
                        .toList()));
    String httpMethod = method.getHttpMethod().toUpperCase(Locale.ROOT);
    String summary = first(methodDoc == null ? "" : methodDoc.value(), classDoc, ApiDoc::value);
    String permission = permission(methodDoc, definition, type);
    String area = first(methodDoc == null ? "" : methodDoc.area(), classDoc, ApiDoc::area);
    String requestSchema =
        first(methodDoc == null ? "" : methodDoc.request(), classDoc, ApiDoc::request);
    String responseSchema =
        first(methodDoc == null ? "" : methodDoc.response(), classDoc, ApiDoc::response);

    List<Operation.Param> declared = new ArrayList<>();
    Type body = null;
    for (Parameter p : invocable.getParameters()) {
      Source source = p.getSource();
      if (source == Source.ENTITY) {
        body = p.getType();
      } else if (source == Source.PATH
          || source == Source.QUERY
          || source == Source.HEADER
          || source == Source.COOKIE) {
        String in = source.name().toLowerCase(Locale.ROOT);
        declared.add(
            new Operation.Param(
                p.getSourceName(),
                in,
                p.getType(),
                source == Source.PATH,
                "",
                p.getDefaultValue()));
      }
    }
    for (ApiDoc doc : new ApiDoc[] {classDoc, methodDoc}) {
      if (doc != null) {
        for (String entry : doc.query()) {
          int colon = entry.indexOf(':');
          String name = (colon < 0 ? entry : entry.substring(0, colon)).trim();
          String description = colon < 0 ? "" : entry.substring(colon + 1).trim();
          if (declared.stream().noneMatch(d -> d.in().equals("query") && d.name().equals(name))) {
            declared.add(
                new Operation.Param(name, "query", String.class, false, description, null));
          } else if (!description.isEmpty()) {
            declared.replaceAll(
                d ->
                    d.in().equals("query") && d.name().equals(name)
                        ? new Operation.Param(
                            d.name(), d.in(), d.type(), false, description, d.defaultValue())
                        : d);
          }
        }
      }
    }
    for (String name : placeholders(template)) {
      if (declared.stream().noneMatch(d -> d.in().equals("path") && d.name().equals(name))) {
        declared.add(new Operation.Param(name, "path", String.class, true, "", null));
      }
    }

    List<String> consumes = method.getConsumedTypes().stream().map(Object::toString).toList();
    List<String> produces = method.getProducedTypes().stream().map(Object::toString).toList();
    Class<?> raw = invocable.getRawResponseType();
    Type response =
        raw == void.class || raw == Void.class || raw == Response.class
            ? null
            : invocable.getResponseType();
    String baseId = lowerFirst(type.getSimpleName()) + "_" + definition.getName();

    for (Map<String, String[]> binding : bindings(placeholders(template), values)) {
      Map<String, String> names = new LinkedHashMap<>();
      names.put("action", action(httpMethod));
      binding.forEach((param, value) -> names.put(param, value[1]));
      String path = fill(template, binding);
      String idSuffix =
          binding.values().stream()
              .map(v -> "_" + v[0].replaceAll("[^A-Za-z0-9]", ""))
              .reduce("", String::concat);
      List<Operation.Param> params =
          declared.stream()
              .filter(d -> !(d.in().equals("path") && binding.containsKey(d.name())))
              .filter(d -> !d.in().equals("query") || documentedFor(d, binding))
              .toList();
      String fullPath = PREFIX + path;
      out.add(
          new Operation(
              fullPath,
              PREFIX + fill(rootTemplate, binding),
              httpMethod,
              area.isEmpty() ? firstSegment(fullPath) : area,
              replace(summary, names),
              replace(permission, names),
              params,
              consumes,
              produces,
              body,
              response,
              baseId + idSuffix,
              replace(requestSchema, names),
              replace(responseSchema, names)));
    }
  }

  /**
   * Whether a query parameter belongs to the path: one whose description ends in a list of path
   * values in parentheses, e.g. {@code (host, nic)}, only to the paths with one of them ({@link
   * ApiDoc#query}).
   */
  private static boolean documentedFor(Operation.Param param, Map<String, String[]> binding) {
    Matcher list = FOR_VALUES.matcher(param.description());
    if (binding.isEmpty() || !list.find()) {
      return true;
    }
    List<String> named = Stream.of(list.group(1).split(",")).map(String::strip).toList();
    if (named.stream().anyMatch(name -> name.isEmpty() || name.contains(" "))) {
      return true; // words, not a list of values
    }
    return binding.values().stream().anyMatch(value -> named.contains(value[0]));
  }

  private static ApiDoc classDoc(Class<?> type) {
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      ApiDoc doc = c.getAnnotation(ApiDoc.class);
      if (doc != null) {
        return doc;
      }
    }
    return null;
  }

  private static String first(String own, ApiDoc classDoc, Function<ApiDoc, String> attribute) {
    if (!own.isEmpty() || classDoc == null) {
      return own;
    }
    return attribute.apply(classDoc);
  }

  /**
   * Who may call the method, as the docs say it: its {@link ApiDoc#permission}, else its class's,
   * else its security annotations'; empty when none says.
   */
  public static String permission(Method method, Class<?> type) {
    return permission(method.getAnnotation(ApiDoc.class), method, type);
  }

  private static String permission(ApiDoc methodDoc, Method method, Class<?> type) {
    String permission =
        first(methodDoc == null ? "" : methodDoc.permission(), classDoc(type), ApiDoc::permission);
    return permission.isEmpty() ? fromSecurityAnnotations(method, type) : permission;
  }

  /**
   * The names the documented values of the method's path parameters stand for ({@link
   * ApiDoc.Values}): by parameter, each value's path segment and its name, e.g. model: hostbyid to
   * host.
   */
  public static Map<String, Map<String, String>> valueNames(Method method, Class<?> type) {
    return valueNames(classDoc(type), method.getAnnotation(ApiDoc.class));
  }

  private static Map<String, Map<String, String>> valueNames(ApiDoc classDoc, ApiDoc methodDoc) {
    Map<String, Map<String, String>> names = new LinkedHashMap<>();
    for (ApiDoc doc : new ApiDoc[] {classDoc, methodDoc}) {
      if (doc != null) {
        for (ApiDoc.Values v : doc.values()) {
          Map<String, String> param = names.computeIfAbsent(v.param(), p -> new LinkedHashMap<>());
          for (String entry : v.value()) {
            int eq = entry.indexOf('=');
            param.put(
                (eq < 0 ? entry : entry.substring(0, eq)).trim(),
                (eq < 0 ? entry : entry.substring(eq + 1)).trim());
          }
        }
      }
    }
    return names;
  }

  /** The rules RolesAllowedFeature enforces, the method's annotation winning over the class's. */
  private static String fromSecurityAnnotations(Method method, Class<?> type) {
    RolesAllowed roles = method.getAnnotation(RolesAllowed.class);
    if (roles == null && !method.isAnnotationPresent(PermitAll.class)) {
      roles = type.getAnnotation(RolesAllowed.class);
    }
    return roles == null ? "" : String.join(" or ", roles.value());
  }

  private static List<String> placeholders(String template) {
    List<String> names = new ArrayList<>();
    Matcher m = PLACEHOLDER.matcher(template);
    while (m.find()) {
      if (!names.contains(m.group(1))) {
        names.add(m.group(1));
      }
    }
    return names;
  }

  /** Every combination of the documented values of the template's parameters (one when none). */
  private static List<Map<String, String[]>> bindings(
      List<String> params, Map<String, List<String[]>> values) {
    List<Map<String, String[]>> result = new ArrayList<>();
    result.add(new LinkedHashMap<>());
    for (String param : params) {
      List<String[]> options = values.get(param);
      if (options == null || options.isEmpty()) {
        continue;
      }
      List<Map<String, String[]>> next = new ArrayList<>();
      for (Map<String, String[]> partial : result) {
        for (String[] option : options) {
          Map<String, String[]> extended = new LinkedHashMap<>(partial);
          extended.put(param, option);
          next.add(extended);
        }
      }
      result = next;
    }
    return result;
  }

  private static String fill(String template, Map<String, String[]> binding) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String[] value = binding.get(m.group(1));
      m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value[0]));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String replace(String text, Map<String, String> names) {
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = names.get(m.group(1));
      m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** The permission action of an HTTP method, as in app.action_model. */
  public static String action(String httpMethod) {
    return switch (httpMethod) {
      case "GET", "HEAD" -> "view";
      case "POST" -> "add";
      case "PUT", "PATCH" -> "change";
      case "DELETE" -> "delete";
      default -> httpMethod.toLowerCase(Locale.ROOT);
    };
  }

  private static String firstSegment(String fullPath) {
    String rest = fullPath.substring(PREFIX.length());
    int slash = rest.indexOf('/');
    String segment = slash < 0 ? rest : rest.substring(0, slash);
    return segment.isEmpty() ? "api" : segment;
  }

  private static String lowerFirst(String name) {
    return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
  }
}
