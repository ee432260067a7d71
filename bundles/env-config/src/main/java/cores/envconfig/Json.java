package cores.envconfig;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Feature-format JSON (comments allowed, Compendium 160.2.2) read with Jackson's streaming parser
 * into plain maps, lists and scalars: its {@code ObjectMapper} costs a cold JVM about a tenth of a
 * second to initialise, on the path to the framework's start, for files this small.
 */
public final class Json {

  /** JSON null, which maps could not tell from a missing field otherwise. */
  public static final Object NULL = new Object();

  private static final JsonFactory FACTORY =
      JsonFactory.builder().enable(JsonReadFeature.ALLOW_JAVA_COMMENTS).build();

  private Json() {}

  /**
   * @return a map for an object, a list for an array, a String, Integer, Long, BigInteger, Double
   *     or Boolean, {@link #NULL} for JSON null; null for an empty text
   * @throws IllegalArgumentException "not valid JSON (line N)"
   */
  public static Object parse(String text) {
    try (JsonParser parser = FACTORY.createParser(text)) {
      return parser.nextToken() == null ? null : value(parser);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "not valid JSON (line " + e.getLocation().getLineNr() + ")", e);
    } catch (IOException e) {
      // a String source has no I/O of its own
      throw new IllegalStateException(e);
    }
  }

  private static Object value(JsonParser parser) throws IOException {
    JsonToken token = parser.currentToken();
    switch (token) {
      case START_OBJECT -> {
        Map<String, Object> object = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String field = parser.currentName();
          parser.nextToken();
          object.put(field, value(parser));
        }
        return object;
      }
      case START_ARRAY -> {
        List<Object> array = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          array.add(value(parser));
        }
        return array;
      }
      case VALUE_STRING -> {
        return parser.getText();
      }
      case VALUE_NUMBER_INT -> {
        return parser.getNumberValue();
      }
      case VALUE_NUMBER_FLOAT -> {
        return parser.getDoubleValue();
      }
      case VALUE_TRUE, VALUE_FALSE -> {
        return parser.getBooleanValue();
      }
      default -> {
        return NULL;
      }
    }
  }

  /** The object's fields; none when it is not an object. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> fields(Object value) {
    return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
  }
}
