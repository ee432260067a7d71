package cores.domain.inventory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON Schemas (draft 2020-12, as OpenAPI 3.1 uses them) of a model, derived from the same
 * descriptor {@link Inventory} checks input with: a row as the API answers it ({@code <name>}),
 * what a create or replace accepts ({@code <name>_input}) and what a patch accepts ({@code
 * <name>_patch}). Patterns are those of the checks ({@link Addresses}, {@link Values}).
 */
public final class Schemas {
  private static final String REF = "#/components/schemas/";
  private static final String INET =
      "(?:" + Addresses.IPV4_REGEX + "|(?=[^:]*:)" + Addresses.IPV6_REGEX + ")";

  /** A MAC as PostgreSQL writes a {@code macaddr} ({@code mac::text}): lower case, colons. */
  public static final Map<String, Object> MAC =
      Map.of("type", "string", "format", "mac", "pattern", "^[0-9a-f]{2}(?::[0-9a-f]{2}){5}$");

  /** An address as {@code host(inet)} writes it: IPv4 or IPv6, without a prefix length. */
  public static final Map<String, Object> IP =
      Map.of("type", "string", "format", "inet", "pattern", "^" + INET + "$");

  /** A MAC as the checks accept it ({@link Addresses#mac}): the forms people type. */
  public static final Map<String, Object> MAC_INPUT =
      Map.of("type", "string", "format", "mac", "pattern", "^(?:" + Addresses.MAC_REGEX + ")$");

  /** A host's status. */
  public static final Map<String, Object> HOST_STATUS =
      Map.of("type", "string", "enum", Models.HOST_STATUSES);

  private Schemas() {}

  /** The three schemas of a model, by name. */
  public static Map<String, Map<String, Object>> of(Model model) {
    Map<String, Map<String, Object>> schemas = new LinkedHashMap<>();
    schemas.put(model.name(), row(model));
    schemas.put(model.name() + "_input", input(model, true));
    schemas.put(model.name() + "_patch", input(model, false));
    return schemas;
  }

  /** The reference to a schema of {@link #of}, e.g. {@code ref("host")}. */
  public static Map<String, Object> ref(String name) {
    return Map.of("$ref", REF + name);
  }

  /** A row: its id, every field (derived ones too), each always present. */
  static Map<String, Object> row(Model model) {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("id", Map.of("type", "integer", "minimum", 1));
    Map<String, Object> example = new LinkedHashMap<>();
    example.put("id", 1);
    for (Field field : model.fields()) {
      boolean nullable = mayBeNull(field);
      properties.put(field.name(), value(field, nullable, false));
      example.put(
          field.name(),
          model.example().containsKey(field.name())
              ? model.example().get(field.name())
              : absent(field, nullable));
    }
    if (model == Models.HOST) {
      // Inventory.select adds the host's bookable, as the original's hostbyid did
      properties.put(
          "bookable",
          Map.of(
              "type",
              List.of("integer", "null"),
              "description",
              "the id of the host's bookable, if it has one"));
      example.put("bookable", null);
    }
    Map<String, Object> schema = object(model.name() + " as the API answers it", properties);
    schema.put("required", List.copyOf(properties.keySet()));
    schema.put("examples", List.of(example));
    return schema;
  }

  /**
   * What a write accepts: the writable fields; {@code id}, a host's {@code bookable} and the fields
   * Cores sets only with the values they have ({@link ReadOnly}), so an answer can be sent back.
   *
   * @param whole a create or replace (required fields needed), or else a patch
   */
  static Map<String, Object> input(Model model, boolean whole) {
    Map<String, Object> properties = new LinkedHashMap<>();
    List<String> required = new ArrayList<>();
    properties.put("id", ReadOnly.SCHEMA);
    if (model == Models.HOST) {
      properties.put("bookable", ReadOnly.SCHEMA);
    }
    for (Field field : model.fields()) {
      if (!field.writable()) {
        properties.put(field.name(), ReadOnly.SCHEMA);
        continue;
      }
      // a patch refuses null where the default is a value (Inventory's check)
      properties.put(
          field.name(),
          value(field, !field.required() && (whole || field.initial() == null), true));
      if (field.required() && whole) {
        required.add(field.name());
      }
    }
    Map<String, Object> schema =
        object(
            whole
                ? "a new or replaced " + model.name() + "; absent fields take their defaults"
                : "the fields of a " + model.name() + " to change",
            properties);
    if (!required.isEmpty()) {
      schema.put("required", required);
    }
    if (!model.example().isEmpty()) {
      schema.put("examples", List.of(model.example()));
    }
    return schema;
  }

  private static Map<String, Object> object(String description, Map<String, Object> properties) {
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "object");
    schema.put("description", description);
    schema.put("properties", properties);
    schema.put("additionalProperties", false);
    return schema;
  }

  /** Whether an answer may hold null: optional columns without a default (see the migrations). */
  private static boolean mayBeNull(Field field) {
    return !field.required()
        && switch (field.kind()) {
          case REF, MAC, INET, CIDR, TIME, DATE -> true;
          default -> false;
        };
  }

  /** A row's value of a field the example does not give: its default. */
  private static Object absent(Field field, boolean nullable) {
    if (nullable) {
      return null;
    }
    return switch (field.kind()) {
      case BOOL -> false;
      case CHOICE -> field.choices().get(0);
      case INT ->
          field.choices().isEmpty() ? field.max() : Integer.parseInt(field.choices().get(0));
      default -> "";
    };
  }

  /**
   * The schema of one field's value.
   *
   * @param input as accepted (loose date-times, the MAC forms people type) or else as answered
   */
  static Map<String, Object> value(Field field, boolean nullable, boolean input) {
    Map<String, Object> schema = new LinkedHashMap<>();
    String type =
        switch (field.kind()) {
          case INT, REF -> "integer";
          case BOOL -> "boolean";
          default -> "string";
        };
    schema.put("type", nullable ? List.of(type, "null") : type);
    switch (field.kind()) {
      case TEXT -> {
        schema.put("maxLength", field.max());
        if (field.required() && input) {
          schema.put("pattern", "\\S");
        }
      }
      case INT -> {
        if (field.choices().isEmpty()) {
          schema.put("minimum", field.max());
          schema.put("maximum", Integer.MAX_VALUE);
        } else {
          schema.put("enum", field.choices().stream().map(Integer::valueOf).toList());
        }
      }
      case REF -> {
        schema.put("minimum", 1);
        schema.put("description", "the id of a " + field.name() + " (" + field.target() + ")");
      }
      case MAC -> {
        schema.put("format", "mac");
        schema.put("pattern", "^(?:" + Addresses.MAC_REGEX + ")$");
      }
      case INET -> {
        schema.put("format", "inet");
        schema.put("pattern", "^" + INET + "$");
      }
      case CIDR -> {
        schema.put("format", "cidr");
        schema.put("pattern", "^" + INET + "(?:/[0-9]{1,3})?$");
      }
      case CHOICE -> schema.put("enum", nullable ? withNull(field.choices()) : field.choices());
      case TIME -> {
        if (input) {
          schema.put("pattern", Values.TIME_SCHEMA.get("pattern"));
          schema.put("description", Values.TIME_SCHEMA.get("description"));
        } else {
          schema.put("format", "date-time");
        }
      }
      case DATE -> schema.put("format", "date");
      case EMAIL -> {
        // said, not a pattern: an address stored before the check is taken back unchanged, and a
        // client validating what it sends must not refuse the address it read
        schema.put("maxLength", field.max());
        schema.put(
            "description",
            "empty or an email address; one stored before this check may be sent back as it is");
      }
      case BOOL -> {
        // nothing more to say
      }
    }
    return schema;
  }

  private static List<Object> withNull(List<String> choices) {
    List<Object> values = new ArrayList<>(choices);
    values.add(null);
    return values;
  }
}
