package cores.api.web;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The keys of a JSON object an API answer holds, in order, each with the JSON Schema of its value:
 * the code that builds the answer takes its keys from here and {@link ApiSchemas} publishes {@link
 * #schema}, so the answer and its description are one list and cannot drift. Immutable: {@link
 * #with} gives a new shape.
 */
public final class JsonShape {
  /** An integer. */
  public static final Map<String, Object> INTEGER = Map.of("type", "integer");

  /** A number (integer or decimal). */
  public static final Map<String, Object> NUMBER = Map.of("type", "number");

  /** A string. */
  public static final Map<String, Object> STRING = Map.of("type", "string");

  /** A boolean. */
  public static final Map<String, Object> BOOLEAN = Map.of("type", "boolean");

  /** An ISO-8601 date-time with its offset, as Jackson writes an {@code Instant}. */
  public static final Map<String, Object> DATE_TIME =
      Map.of("type", "string", "format", "date-time");

  private final Map<String, Map<String, Object>> properties;

  private JsonShape(Map<String, Map<String, Object>> properties) {
    this.properties = Collections.unmodifiableMap(properties);
  }

  /** A shape without keys. */
  public static JsonShape of() {
    return new JsonShape(new LinkedHashMap<>());
  }

  /** This shape and, after its keys, {@code key} whose value has the schema. */
  public JsonShape with(String key, Map<String, Object> schema) {
    if (properties.containsKey(key)) {
      throw new IllegalArgumentException("twice: " + key);
    }
    Map<String, Map<String, Object>> more = new LinkedHashMap<>(properties);
    more.put(key, Map.copyOf(schema));
    return new JsonShape(more);
  }

  /** This shape and then the keys of the other. */
  public JsonShape with(JsonShape other) {
    JsonShape all = this;
    for (Map.Entry<String, Map<String, Object>> p : other.properties.entrySet()) {
      all = all.with(p.getKey(), p.getValue());
    }
    return all;
  }

  /** The keys, in order. */
  public List<String> keys() {
    return List.copyOf(properties.keySet());
  }

  /**
   * An answer of this shape: the values in the order of the keys, one for each.
   *
   * @throws IllegalArgumentException if the number of values is not that of the keys
   */
  public Map<String, Object> values(Object... values) {
    if (values.length != properties.size()) {
      throw new IllegalArgumentException(values.length + " values for " + properties.keySet());
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    int i = 0;
    for (String key : properties.keySet()) {
      answer.put(key, values[i++]);
    }
    return answer;
  }

  /** The schemas of the values by key, in order. */
  public Map<String, Map<String, Object>> properties() {
    return properties;
  }

  /**
   * The schema of a closed object of this shape: every key present (null where its schema allows),
   * no other key.
   */
  public Map<String, Object> schema(String description) {
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "object");
    schema.put("description", description);
    schema.put("properties", new LinkedHashMap<>(properties));
    schema.put("required", keys());
    schema.put("additionalProperties", false);
    return schema;
  }

  /** The schema with null allowed too (in {@code type}, and in {@code enum} if any). */
  public static Map<String, Object> nullable(Map<String, Object> schema) {
    if (schema.containsKey("$ref") || !schema.containsKey("type")) {
      return Map.of("anyOf", List.of(schema, Map.of("type", "null")));
    }
    Map<String, Object> copy = new LinkedHashMap<>(schema);
    Object type = schema.get("type");
    List<Object> types = new ArrayList<>(type instanceof List<?> list ? list : List.of(type));
    if (!types.contains("null")) {
      types.add("null");
    }
    copy.put("type", types);
    if (schema.get("enum") instanceof List<?> values && !values.contains(null)) {
      List<Object> withNull = new ArrayList<>(values);
      withNull.add(null);
      copy.put("enum", Collections.unmodifiableList(withNull));
    }
    return Collections.unmodifiableMap(copy);
  }

  /** The schema with a description (what the value means, its form). */
  public static Map<String, Object> described(Map<String, Object> schema, String description) {
    Map<String, Object> copy = new LinkedHashMap<>(schema);
    copy.put("description", description);
    return Collections.unmodifiableMap(copy);
  }

  /** A string, one of the values. */
  public static Map<String, Object> oneOf(List<String> values) {
    return Map.of("type", "string", "enum", List.copyOf(values));
  }

  /** An array of items of the schema. */
  public static Map<String, Object> arrayOf(Map<String, Object> items) {
    return Map.of("type", "array", "items", items);
  }

  /** A reference to a schema published under the name ({@link ApiSchemas}). */
  public static Map<String, Object> ref(String name) {
    return Map.of("$ref", "#/components/schemas/" + name);
  }
}
