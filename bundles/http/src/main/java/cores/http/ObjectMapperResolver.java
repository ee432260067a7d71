package cores.http;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import cores.api.web.JsonRow;
import jakarta.ws.rs.ext.ContextResolver;

/**
 * The one Jackson configuration of the REST API: java.time values as ISO-8601 strings, unknown
 * properties rejected so that typos in import scripts are reported instead of silently ignored,
 * fractions refused where a whole number belongs (Jackson would cut 1.9 to 1: another bookable),
 * every value of a typed body in its own JSON type (no text "5" or true for a number, no number or
 * boolean for a text, no 1 or "true" for a boolean: a client's mistake is named, not guessed at;
 * free-form objects keep their values as sent), a key sent twice in one object refused (Jackson
 * would keep the last value silently: which one the client meant is a guess), text PostgreSQL would
 * not store as sent refused ({@link StorableStrings}); a {@link JsonRow} written from its arrays;
 * Jackson's own limits (numbers of at most 1,000 digits, nesting at most 1,000 deep) and ours (at
 * most 1,000 keys in an object, {@link KeyLimitedJsonFactory}) stand and their violations are 400s.
 */
public final class ObjectMapperResolver implements ContextResolver<ObjectMapper> {
  private final ObjectMapper mapper = newObjectMapper();

  /** A mapper configured as the REST API uses it (also used for errors written by Jetty). */
  public static ObjectMapper newObjectMapper() {
    return JsonMapper.builder(new KeyLimitedJsonFactory())
        .addModule(new JavaTimeModule())
        .addModule(
            new SimpleModule("cores-text")
                .addDeserializer(String.class, new StorableStrings())
                .addSerializer(JsonRow.class, new JsonRowSerializer()))
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        // a number or boolean is not text: Jackson would turn it into one even without the above
        .withCoercionConfig(
            LogicalType.Textual,
            text ->
                text.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
        .build();
  }

  @Override
  public ObjectMapper getContext(Class<?> type) {
    return mapper;
  }
}
