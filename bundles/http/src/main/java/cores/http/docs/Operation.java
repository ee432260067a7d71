package cores.http.docs;

import java.lang.reflect.Type;
import java.util.List;

/**
 * One operation of the API as the description shows it: a concrete path (a path template's
 * documented values filled in) and an HTTP method.
 *
 * @param path the full path, e.g. {@code /api/inventory/host/{id}}
 * @param root the full path of the root resource it belongs to, e.g. {@code /api/inventory/host}
 * @param requestBody the entity parameter's type, or null
 * @param responseType the Java type returned, or null when it says nothing (a {@code Response})
 * @param requestSchema the name of the published schema of the body, or empty
 * @param responseSchema the name of the published schema of the answer's rows, or empty
 */
public record Operation(
    String path,
    String root,
    String method,
    String area,
    String summary,
    String permission,
    List<Param> parameters,
    List<String> consumes,
    List<String> produces,
    Type requestBody,
    Type responseType,
    String operationId,
    String requestSchema,
    String responseSchema) {

  /** A path, query, header or cookie parameter. */
  public record Param(
      String name,
      String in,
      Type type,
      boolean required,
      String description,
      String defaultValue) {}
}
