package cores.domain.web;

import cores.api.web.FieldErrors;
import cores.api.web.JsonShape;
import java.util.Map;
import java.util.Set;

/**
 * The body of an action POST that takes no input (a scan conflict's accept, resolve and ignore, an
 * offline warning's resolve and ignore): none, {@code null} or {@code {}}. Any field is refused as
 * every request's unknown fields are ({@link FieldErrors#onlyKnown}): a client that sends input
 * believing it is used learns that it is not, instead of the action running without it. Something
 * other than an object is refused by the JSON reader.
 */
final class ActionBody {
  /** The name of its published schema. */
  static final String SCHEMA = "no_input";

  private ActionBody() {}

  /** The schema: an object without fields. */
  static Map<String, Object> schema() {
    return JsonShape.of().schema("no input: send no body, or {}");
  }

  /** 400 naming every field the body has. */
  static void none(Map<String, Object> body) {
    if (body != null) {
      new FieldErrors().onlyKnown(body, Set.of()).throwIfAny();
    }
  }
}
