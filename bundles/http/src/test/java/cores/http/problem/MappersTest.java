package cores.http.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import cores.api.web.ProblemException;
import cores.http.ObjectMapperResolver;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpException;
import org.junit.jupiter.api.Test;

class MappersTest {
  private final ObjectMapper mapper = ObjectMapperResolver.newObjectMapper();
  private final InternalErrors internalErrors = new InternalErrors(false);
  private final JsonProblemMapper jsonMapper = new JsonProblemMapper(internalErrors);

  record Thing(String name, int count) {}

  record Reference(Long id) {}

  /** A body that takes any other field, as a change of a booking takes a row sent back. */
  static final class AnyField {
    @com.fasterxml.jackson.annotation.JsonAnySetter
    void other(String name, Object value) {
      // only read
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> body(Response response) {
    assertEquals(Problems.MEDIA_TYPE_OBJECT, response.getMediaType());
    return (Map<String, Object>) response.getEntity();
  }

  @Test
  void problemExceptionKeepsStatusTitleDetailAndErrors() {
    Response response =
        new ProblemExceptionMapper()
            .toResponse(ProblemException.invalid(Map.of("name", List.of("Too long."))));
    assertEquals(400, response.getStatus());
    Map<String, Object> body = body(response);
    assertEquals("about:blank", body.get("type"));
    assertEquals("Bad Request", body.get("title"));
    assertEquals(400, body.get("status"));
    assertEquals("Some fields are invalid.", body.get("detail"));
    assertEquals(Map.of("name", List.of("Too long.")), body.get("errors"));
  }

  @Test
  void aDatabaseThatCannotBeReachedIs503WithRetryAfterAndNoInternals() {
    ThrowableMapper throwables = new ThrowableMapper(internalErrors, jsonMapper);
    List<Throwable> unreachable =
        List.of(
            // the pool's wait for a connection ran out (wrapped, as EclipseLink and JPA do)
            new RuntimeException(
                new IllegalStateException(
                    new SQLTransientConnectionException("cores - Connection is not available"))),
            new SQLException("Connection to 127.0.0.1:5432 refused.", "08001"),
            new SQLException("An I/O error occurred while sending to the backend.", "08006"),
            new SQLException("terminating connection due to administrator command", "57P01"),
            new SQLException("the database system is starting up", "57P03"));
    for (Throwable e : unreachable) {
      Response response = throwables.toResponse(e);
      assertEquals(503, response.getStatus(), e.toString());
      assertEquals("5", response.getHeaderString("Retry-After"), e.toString());
      assertEquals(ThrowableMapper.DATABASE_DETAIL, body(response).get("detail"));
      assertFalse(body(response).containsKey("trace"), e.toString());
    }
    // an error in what was asked of a database that answered stays an internal error
    Response syntax =
        throwables.toResponse(
            new RuntimeException(new SQLException("syntax error at or near", "42601")));
    assertEquals(500, syntax.getStatus());
  }

  @Test
  void webApplicationExceptionsKeepTheirHeaders() {
    Response response =
        new WebApplicationExceptionMapper()
            .toResponse(new NotAllowedException(Response.status(405).allow("GET", "POST").build()));
    assertEquals(405, response.getStatus());
    assertTrue(response.getHeaderString("Allow").contains("POST"));
    assertEquals("The method is not allowed for this resource.", body(response).get("detail"));
    assertFalse(body(response).containsKey("errors"));
  }

  @Test
  void customMessagesOfWebApplicationExceptionsAreTheDetail() {
    Response response =
        new WebApplicationExceptionMapper().toResponse(new NotFoundException("No such host."));
    assertEquals("No such host.", body(response).get("detail"));
  }

  @Test
  void unknownFieldNamesTheField() {
    Response response = readThing("{\"name\":\"a\",\"cuont\":1}");
    assertEquals(400, response.getStatus());
    assertEquals(Map.of("cuont", List.of("Unknown field.")), body(response).get("errors"));
  }

  @Test
  void wrongTypeNamesTheFieldAndTheExpectedType() {
    // text is never a number, whatever it says
    Response response = readThing("{\"name\":\"a\",\"count\":\"many\"}");
    assertEquals(400, response.getStatus());
    assertEquals(
        Map.of("count", List.of("Expected a whole number.")), body(response).get("errors"));
  }

  @Test
  void aFractionOrExponentForAWholeNumberSaysAWholeNumberIsExpected() {
    // 1.5 and 1e10 are numbers: "Expected a value of type number." told the client nothing
    for (String count : List.of("1.5", "1e10", "1E2")) {
      Response response = readThing("{\"name\":\"a\",\"count\":" + count + "}");
      assertEquals(
          Map.of("count", List.of("Expected a whole number.")),
          body(response).get("errors"),
          count);
    }
    assertEquals(
        Map.of("id", List.of("Expected a whole number.")),
        body(readReference("{\"id\":2.5}")).get("errors"));
  }

  @Test
  void aFractionWhereAWholeNumberBelongsIsRefusedNotCut() {
    Response response = readThing("{\"name\":\"a\",\"count\":1.9}");
    assertEquals(400, response.getStatus());
    assertEquals(
        List.of("count"), List.copyOf(((Map<?, ?>) body(response).get("errors")).keySet()));
    assertEquals(400, readReference("{\"id\":2.0}").getStatus());
  }

  @Test
  void aNumberBeyondItsFieldsRangeNamesTheField() {
    // Jackson wraps the range error in a JsonMappingException when a record's constructor reads it
    Response response;
    try {
      mapper.readValue("{\"id\":9223372036854775808}", Reference.class);
      throw new AssertionError("2^63 read as a long");
    } catch (JsonProcessingException e) {
      response = jsonMapper.toResponse(e);
    }
    assertEquals(400, response.getStatus());
    assertEquals(
        Map.of("id", List.of("A number out of range for this field.")),
        body(response).get("errors"));
  }

  @Test
  void malformedJsonIsBadRequest() {
    Response response = readThing("{\"name\":");
    assertEquals(400, response.getStatus());
    assertTrue(body(response).get("detail").toString().startsWith("Malformed JSON"));
  }

  @Test
  void aKeySentTwiceIsRefusedNotTheLastValueKept() {
    // Jackson keeps the last of the two by default: the client's mistake would pass unnoticed
    Response response = readThing("{\"name\":\"a\",\"count\":1,\"name\":\"b\"}");
    assertEquals(400, response.getStatus());
    assertEquals("Malformed JSON: Duplicate field 'name'", body(response).get("detail"));
    assertEquals(400, read("{\"scan\":{\"mac\":\"a\",\"mac\":\"b\"}}", Map.class).getStatus());
  }

  /**
   * Jackson's limits against hostile input are a 400 also where a field that takes any value met
   * them and Jackson wrapped the limit with the field's path (it was a 500).
   */
  @Test
  void aLimitMetInAFieldThatTakesAnyValueIsBadRequest() {
    Response response =
        read("{\"id\":" + "[".repeat(1001) + "]".repeat(1001) + "}", AnyField.class);
    assertEquals(400, response.getStatus());
    assertTrue(body(response).get("detail").toString().startsWith("JSON beyond a limit"));
  }

  private Response readReference(String json) {
    return read(json, Reference.class);
  }

  private Response readThing(String json) {
    return read(json, Thing.class);
  }

  /** The answer to a body Jackson refuses as the type. */
  private Response read(String json, Class<?> type) {
    try {
      mapper.readValue(json, type);
    } catch (JsonProcessingException e) {
      return jsonMapper.toResponse(e);
    }
    throw new AssertionError("no exception for " + json);
  }

  @Test
  void bodyCutOffByJettyIs413EvenWhenWrapped() {
    Throwable cut =
        new ProcessingException(
            "reading failed", new IOException(new HttpException.RuntimeException(413)));
    Response response = new ThrowableMapper(internalErrors, jsonMapper).toResponse(cut);
    assertEquals(413, response.getStatus());
  }

  @Test
  void unreadableBodyIs400() {
    Throwable broken = new ProcessingException("reading failed", new IOException("early EOF"));
    assertEquals(
        400, new ThrowableMapper(internalErrors, jsonMapper).toResponse(broken).getStatus());
  }

  @Test
  void anythingElseIs500WithAnIdAndNoTrace() {
    Response response =
        new ThrowableMapper(internalErrors, jsonMapper)
            .toResponse(new IllegalStateException("secret internals"));
    assertEquals(500, response.getStatus());
    Map<String, Object> body = body(response);
    assertEquals("Internal Server Error", body.get("title"));
    String id = body.get("id").toString();
    assertTrue(body.get("detail").toString().contains(id));
    assertFalse(body.toString().contains("secret internals"));
    assertNull(body.get("trace"));
  }

  @Test
  void debugModeShowsTheTrace() {
    Response response = new InternalErrors(true).toResponse(new IllegalStateException("boom"));
    assertTrue(body(response).get("trace").toString().contains("IllegalStateException: boom"));
  }
}
