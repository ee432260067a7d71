package cores.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import cores.api.web.JsonRow;
import java.io.IOException;

/**
 * A {@link JsonRow} as the JSON object a map of its keys and values would be, written key by key
 * from its arrays (a map's serializer makes an entry object per key).
 */
final class JsonRowSerializer extends StdSerializer<JsonRow> {
  private static final long serialVersionUID = 1L;

  JsonRowSerializer() {
    super(JsonRow.class);
  }

  @Override
  public void serialize(JsonRow row, JsonGenerator json, SerializerProvider provider)
      throws IOException {
    json.writeStartObject(row);
    for (int i = 0; i < row.size(); i++) {
      provider.defaultSerializeField(row.key(i), row.value(i), json);
    }
    json.writeEndObject();
  }
}
