package cores.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import cores.http.problem.JsonProblemMapper;
import java.io.IOException;

/**
 * Every JSON string of a request body (also inside maps and lists read without a type): one holding
 * NUL ({@code \u0000}) is a 400 naming the field, since PostgreSQL cannot store NUL in text and
 * would otherwise fail the statement.
 */
final class NoNulStrings extends StdScalarDeserializer<String> {
  private static final long serialVersionUID = 1L;

  /** The message of the refusal; the problem mapper shows it at the field. */
  static final String MESSAGE = JsonProblemMapper.NUL_MESSAGE;

  NoNulStrings() {
    super(String.class);
  }

  @Override
  public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    String text = StringDeserializer.instance.deserialize(p, ctxt);
    if (text != null && text.indexOf('\0') >= 0) {
      throw MismatchedInputException.from(p, String.class, MESSAGE);
    }
    return text;
  }
}
