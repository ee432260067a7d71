package cores.http;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import jakarta.ws.rs.ext.ContextResolver;

/**
 * The one Jackson configuration of the REST API: java.time values as ISO-8601 strings, unknown
 * properties rejected so that typos in import scripts are reported instead of silently ignored.
 */
public final class ObjectMapperResolver implements ContextResolver<ObjectMapper> {
  private final ObjectMapper mapper = newObjectMapper();

  /** A mapper configured as the REST API uses it (also used for errors written by Jetty). */
  public static ObjectMapper newObjectMapper() {
    return JsonMapper.builder()
        .addModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .build();
  }

  @Override
  public ObjectMapper getContext(Class<?> type) {
    return mapper;
  }
}
