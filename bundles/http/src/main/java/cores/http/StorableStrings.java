package cores.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import cores.api.web.StorableText;
import java.io.IOException;

/**
 * Every JSON string of a request body (also inside maps and lists read without a type): one that
 * PostgreSQL would not store as sent ({@link StorableText}: a NUL, a lone surrogate) is a 400
 * naming the field.
 */
final class StorableStrings extends StdScalarDeserializer<String> {
  private static final long serialVersionUID = 1L;

  StorableStrings() {
    super(String.class);
  }

  @Override
  public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    String text = StringDeserializer.instance.deserialize(p, ctxt);
    // the problem mapper shows the message at the field
    String problem = StorableText.problem(text);
    if (problem != null) {
      throw MismatchedInputException.from(p, String.class, problem);
    }
    return text;
  }
}
