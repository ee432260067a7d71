package cores.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/** The template data of an event as stored in the outbox's {@code data} column: a JSON object. */
final class EventData {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {};

  private EventData() {}

  static String write(Map<String, String> data) {
    try {
      return JSON.writeValueAsString(data);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("template data cannot be stored", e);
    }
  }

  /**
   * @throws IllegalArgumentException when the stored value is not an object of strings (a row
   *     written by hand)
   */
  static Map<String, String> read(String json) {
    try {
      return JSON.readValue(json, MAP);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("data is not a JSON object of strings", e);
    }
  }
}
