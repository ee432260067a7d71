package cores.http.docs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import cores.http.auth.AuthenticationFilter;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The operations as an OpenAPI 3.1 document (a tree of maps and lists for Jackson to write): bodies
 * and answers described by the schemas their resources publish ({@link cores.api.web.ApiSchemas}),
 * or else from their Java types.
 */
public final class OpenApi {
  static final String VERSION = "3.1.0";

  private static final String SCHEMAS = "#/components/schemas/";

  /** How deep records are described; beyond it they are plain objects. */
  private static final int MAX_DEPTH = 4;

  private OpenApi() {}

  /**
   * @param schemas the published schemas by name (see {@link Endpoints#schemas})
   */
  public static Map<String, Object> document(
      List<Operation> operations, Map<String, Map<String, Object>> schemas, String version) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("openapi", VERSION);
    doc.put(
        "info",
        map(
            "title",
            "Cores API",
            "version",
            version,
            "description",
            "The REST API published right now on this Cores instance, plugins included. Lists"
                + " answer {count, next, previous, results} with ?limit=N&offset=M; errors are"
                + " RFC 9457 problem details. x-permission says who may call an operation."));
    Map<String, Object> paths = new LinkedHashMap<>();
    TreeSet<String> areas = new TreeSet<>();
    for (Operation o : operations) {
      @SuppressWarnings("unchecked")
      Map<String, Object> item =
          (Map<String, Object>) paths.computeIfAbsent(o.path(), p -> new LinkedHashMap<>());
      item.put(o.method().toLowerCase(Locale.ROOT), operation(o, schemas.keySet()));
      areas.add(o.area());
    }
    doc.put("paths", paths);
    doc.put("tags", areas.stream().map(a -> map("name", a)).toList());
    doc.put(
        "components",
        map(
            "schemas",
            schemas,
            "securitySchemes",
            map(
                "basic",
                map("type", "http", "scheme", "basic"),
                "token",
                map(
                    "type",
                    "apiKey",
                    "in",
                    "header",
                    "name",
                    "Authorization",
                    "description",
                    "Authorization: Token <key>"),
                "session",
                map(
                    "type",
                    "apiKey",
                    "in",
                    "cookie",
                    "name",
                    AuthenticationFilter.SESSION_COOKIE,
                    "description",
                    "browser session; unsafe methods also need the CSRF token"))));
    doc.put("security", List.of(map("basic", List.of()), map("token", List.of())));
    return StableOrder.map(doc);
  }

  private static Map<String, Object> operation(Operation o, Set<String> published) {
    Map<String, Object> op = new LinkedHashMap<>();
    op.put("operationId", o.operationId());
    if (!o.summary().isEmpty()) {
      op.put("summary", o.summary());
    }
    op.put("tags", List.of(o.area()));
    if (!o.parameters().isEmpty()) {
      List<Object> params = new ArrayList<>();
      for (Operation.Param p : o.parameters()) {
        Map<String, Object> param = new LinkedHashMap<>();
        param.put("name", p.name());
        param.put("in", p.in());
        param.put("required", p.required());
        if (!p.description().isEmpty()) {
          param.put("description", p.description());
        }
        Map<String, Object> schema = new LinkedHashMap<>(schema(p.type()));
        if (p.defaultValue() != null) {
          schema.put("default", p.defaultValue());
        }
        param.put("schema", schema);
        params.add(param);
      }
      op.put("parameters", params);
    }
    Map<String, Object> rows =
        published.contains(o.responseSchema()) ? ref(o.responseSchema()) : null;
    if (published.contains(o.requestSchema())) {
      op.put(
          "requestBody",
          map("required", true, "content", content(o.consumes(), ref(o.requestSchema()))));
    } else if (o.requestBody() != null) {
      op.put(
          "requestBody",
          map(
              "required",
              true,
              "content",
              content(o.consumes(), schema(o.requestBody(), Map.of(), 0, null, true))));
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("description", "the answer; errors are application/problem+json");
    if (!o.produces().isEmpty()) {
      answer.put(
          "content",
          content(
              o.produces(),
              o.responseType() == null
                  ? rows == null ? Map.of() : rows
                  : schema(o.responseType(), Map.of(), 0, rows, false)));
    }
    op.put("responses", map("default", answer));
    if (!o.permission().isEmpty()) {
      op.put("x-permission", o.permission());
    }
    return op;
  }

  private static Map<String, Object> content(List<String> types, Map<String, Object> schema) {
    Map<String, Object> content = new LinkedHashMap<>();
    for (String type : types.isEmpty() ? List.of("*/*") : types) {
      // a JSON schema says nothing of another form (the reports' CSV download): that is text
      boolean other = type.startsWith("text/") && !schema.isEmpty();
      content.put(type, map("schema", other ? map("type", "string") : schema));
    }
    return content;
  }

  /** A JSON schema for a Java type, records described by their components. */
  public static Map<String, Object> schema(Type type) {
    return schema(type, Map.of(), 0, null, false);
  }

  /**
   * @param rows what a {@code Map} stands for (a published schema's reference), or null: a map is
   *     then any object
   * @param input a request body: Jackson leaves absent components null and refuses unknown
   *     properties, so records require nothing and allow nothing else; in answers every component
   *     is written
   */
  private static Map<String, Object> schema(
      Type type,
      Map<TypeVariable<?>, Type> bound,
      int depth,
      Map<String, Object> rows,
      boolean input) {
    if (type instanceof TypeVariable<?> variable) {
      Type actual = bound.get(variable);
      return actual == null ? Map.of() : schema(actual, Map.of(), depth, rows, input);
    }
    if (type instanceof WildcardType wildcard) {
      return schema(wildcard.getUpperBounds()[0], bound, depth, rows, input);
    }
    if (type instanceof GenericArrayType array) {
      return map(
          "type",
          "array",
          "items",
          schema(array.getGenericComponentType(), bound, depth, rows, input));
    }
    Class<?> raw = raw(type);
    if (raw == null || raw == Object.class) {
      return Map.of();
    }
    if (rows != null && Map.class.isAssignableFrom(raw)) {
      return rows;
    }
    if (raw.isEnum()) {
      List<String> names = new ArrayList<>();
      for (Object constant : raw.getEnumConstants()) {
        names.add(((Enum<?>) constant).name());
      }
      return map("type", "string", "enum", names);
    }
    if (raw == String.class || raw == char.class || raw == Character.class) {
      return map("type", "string");
    }
    if (raw == boolean.class || raw == Boolean.class) {
      return map("type", "boolean");
    }
    if (raw == long.class || raw == Long.class || raw == BigInteger.class) {
      return map("type", "integer", "format", "int64");
    }
    if (raw == int.class
        || raw == Integer.class
        || raw == short.class
        || raw == Short.class
        || raw == byte.class
        || raw == Byte.class) {
      return map("type", "integer", "format", "int32");
    }
    if (raw == double.class
        || raw == Double.class
        || raw == float.class
        || raw == Float.class
        || raw == BigDecimal.class) {
      return map("type", "number");
    }
    if (Temporal.class.isAssignableFrom(raw)) {
      return map("type", "string", "format", "date-time");
    }
    if (raw == java.net.URI.class || raw == java.net.URL.class) {
      return map("type", "string", "format", "uri");
    }
    if (raw.isArray()) {
      return map(
          "type", "array", "items", schema(raw.getComponentType(), bound, depth, rows, input));
    }
    if (Collection.class.isAssignableFrom(raw)) {
      Type element =
          type instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
      return map("type", "array", "items", schema(element, bound, depth, rows, input));
    }
    if (raw.isRecord() && depth < MAX_DEPTH) {
      Map<TypeVariable<?>, Type> inner = new LinkedHashMap<>();
      if (type instanceof ParameterizedType p) {
        TypeVariable<?>[] variables = raw.getTypeParameters();
        Type[] actual = p.getActualTypeArguments();
        for (int i = 0; i < variables.length && i < actual.length; i++) {
          inner.put(
              variables[i],
              actual[i] instanceof TypeVariable<?> v && bound.containsKey(v)
                  ? bound.get(v)
                  : actual[i]);
        }
      }
      Map<String, Object> properties = new LinkedHashMap<>();
      List<String> required = new ArrayList<>();
      for (RecordComponent component : raw.getRecordComponents()) {
        // Jackson's annotations land on the accessor (their targets exclude record components)
        JsonProperty renamed = component.getAccessor().getAnnotation(JsonProperty.class);
        String name =
            renamed != null && !renamed.value().isEmpty() ? renamed.value() : component.getName();
        Map<String, Object> value =
            schema(component.getGenericType(), inner, depth + 1, rows, input);
        Class<?> componentType = component.getType();
        // Jackson writes null components as null: only primitives and collections never are;
        // it reads a JSON null into any component but a primitive
        boolean neverNull =
            componentType.isPrimitive()
                || (!input
                    && (componentType.isArray()
                        || Collection.class.isAssignableFrom(componentType)));
        properties.put(name, neverNull ? value : nullable(value));
        if (component.getAccessor().getAnnotation(JsonInclude.class) == null) {
          required.add(name);
        }
      }
      return input
          ? map("type", "object", "properties", properties, "additionalProperties", false)
          : map("type", "object", "properties", properties, "required", required);
    }
    return map("type", "object");
  }

  /** The schema or null (JSON Schema 2020-12 has no {@code nullable}). */
  private static Map<String, Object> nullable(Map<String, Object> schema) {
    Object type = schema.get("type");
    if (schema.isEmpty()) {
      return schema;
    }
    if (type instanceof String name && !schema.containsKey("enum")) {
      Map<String, Object> copy = new LinkedHashMap<>(schema);
      copy.put("type", List.of(name, "null"));
      return copy;
    }
    return map("anyOf", List.of(schema, map("type", "null")));
  }

  private static Map<String, Object> ref(String name) {
    return map("$ref", SCHEMAS + name);
  }

  private static Class<?> raw(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
      return c;
    }
    return null;
  }

  /** An ordered map of alternating keys and values. */
  private static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }
}
