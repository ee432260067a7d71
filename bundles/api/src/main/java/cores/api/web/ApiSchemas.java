package cores.api.web;

import java.util.Map;

/**
 * A REST resource that publishes the JSON Schemas (draft 2020-12, as OpenAPI 3.1 uses them) of what
 * it accepts and answers, for {@code /api/docs}; its {@link ApiDoc#request} and {@link
 * ApiDoc#response} name them. Resources whose input is checked against a descriptor build these
 * schemas from that same descriptor, so the description cannot drift from the checks.
 */
public interface ApiSchemas {
  /**
   * The schemas by name (letters, digits, {@code . - _}), each a tree of maps, lists, strings,
   * numbers and booleans; references between them are {@code {"$ref":
   * "#/components/schemas/<name>"}}.
   */
  Map<String, Map<String, Object>> schemas();
}
