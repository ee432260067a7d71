package cores.http.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import cores.api.web.StorableText;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpException;

/**
 * Request bodies Jackson cannot read: 400 naming the field. Replaces Jersey-Jackson's own mappers,
 * which answer in plain text. Failures to write an answer are the server's fault: 500.
 */
public final class JsonProblemMapper implements ExceptionMapper<JsonProcessingException> {
  private final InternalErrors internalErrors;

  public JsonProblemMapper(InternalErrors internalErrors) {
    this.internalErrors = internalErrors;
  }

  @Override
  public Response toResponse(JsonProcessingException e) {
    HttpException http = ThrowableMapper.cause(e, HttpException.class);
    if (http != null && http.getCode() >= 400 && http.getCode() < 500) {
      // the body was cut off while Jackson read it (a chunked body over the size limit)
      return Problems.response(http.getCode(), ThrowableMapper.clientDetail(http.getCode()))
          .build();
    }
    StreamConstraintsException limit = ThrowableMapper.cause(e, StreamConstraintsException.class);
    if (limit != null) {
      // too long a number or string, too deep a nesting: Jackson's limits against hostile input,
      // also where a field that takes any value (a row sent back) met them, wrapped with its path
      return Problems.response(400, "JSON beyond a limit: " + limit.getOriginalMessage()).build();
    }
    if (e instanceof JsonParseException) {
      return Problems.response(400, "Malformed JSON: " + e.getOriginalMessage()).build();
    }
    if (e instanceof StreamReadException) {
      // e.g. a number too large for its field
      return Problems.response(400, "Unreadable JSON: " + e.getOriginalMessage()).build();
    }
    if (e instanceof JsonMappingException mapping
        && mapping.getCause() instanceof StreamReadException read) {
      // a record's constructor read the value: Jackson wraps the reader's error with the path
      return fieldProblem(
          path(mapping),
          read instanceof InputCoercionException
              ? "A number out of range for this field."
              : "Unreadable JSON: " + read.getOriginalMessage());
    }
    if (e instanceof MismatchedInputException mismatch
        && mismatch.getOriginalMessage().startsWith("Trailing token")) {
      // Jackson names the type it bound the first value to, which reads as a wrong type
      return Problems.response(
              400, "Malformed JSON: more than one JSON value, a second one after the first.")
          .build();
    }
    if (e instanceof MismatchedInputException mismatch) {
      String field = path(mismatch);
      String message = message(mismatch);
      return fieldProblem(field, message);
    }
    return internalErrors.toResponse(e);
  }

  private static Response fieldProblem(String field, String message) {
    if (field.isEmpty()) {
      return Problems.response(400, message).build();
    }
    return Problems.response(
            400,
            Problems.reasonPhrase(400),
            "Invalid field '" + field + "': " + message,
            Map.of(field, List.of(message)))
        .build();
  }

  private static String message(MismatchedInputException e) {
    if (e instanceof UnrecognizedPropertyException) {
      return "Unknown field.";
    }
    // the http bundle's deserializer refused text PostgreSQL would not store as sent
    if (StorableText.NUL_MESSAGE.equals(e.getOriginalMessage())
        || StorableText.SURROGATE_MESSAGE.equals(e.getOriginalMessage())) {
      return e.getOriginalMessage();
    }
    if (e instanceof InvalidFormatException format && !coercion(format)) {
      return "Invalid value for type " + typeName(format.getTargetType()) + ".";
    }
    if (whole(e.getTargetType())) {
      // 1.5 and 1e10 are numbers: "of type number" told them nothing
      return "Expected a whole number.";
    }
    if (e.getTargetType() != null) {
      return "Expected a value of type " + typeName(e.getTargetType()) + ".";
    }
    return "Invalid value.";
  }

  /**
   * Whether the value was of another JSON type than the field's (a number for a text, "" for a
   * number), not a value of the right type that does not parse (a date that is no date).
   */
  private static boolean coercion(InvalidFormatException e) {
    Class<?> target = e.getTargetType();
    return !(e.getValue() instanceof String)
        || target == boolean.class
        || target == Boolean.class
        || (target != null && (target.isPrimitive() || Number.class.isAssignableFrom(target)));
  }

  private static boolean whole(Class<?> type) {
    return type == int.class
        || type == long.class
        || type == short.class
        || type == byte.class
        || type == Integer.class
        || type == Long.class
        || type == Short.class
        || type == Byte.class
        || type == java.math.BigInteger.class;
  }

  /** JSON-ish names: users write JSON, not Java. */
  private static String typeName(Class<?> type) {
    if (type == null) {
      return "value";
    }
    if (type == String.class || type == char.class || type == Character.class) {
      return "string";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "boolean";
    }
    if (type.isPrimitive() || Number.class.isAssignableFrom(type)) {
      return "number";
    }
    if (type.isArray() || java.util.Collection.class.isAssignableFrom(type)) {
      return "array";
    }
    if (type.isEnum() || type.getPackageName().startsWith("java.time")) {
      return type.getSimpleName();
    }
    return "object";
  }

  /** The field's path, e.g. {@code cards[2].name}. */
  static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.toString();
  }
}
