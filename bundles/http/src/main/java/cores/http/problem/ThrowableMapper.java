package cores.http.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import cores.api.persistence.DatabaseUnavailableException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.eclipse.jetty.http.HttpException;
import org.glassfish.jersey.message.internal.HeaderValueException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything no other mapper takes. A body cut off by the size limit (Jetty's exception may come
 * wrapped by Jersey) is 413; a body that could not be read, or a request header that does not
 * parse, is 400; a database that cannot be reached (down, restarting, the pool waiting in vain for
 * a connection) is 503 with {@code Retry-After}, as the health answer says; anything else is a 500.
 */
public final class ThrowableMapper implements ExceptionMapper<Throwable> {
  private static final Logger LOG = LoggerFactory.getLogger(ThrowableMapper.class);

  /** Seconds a client should wait: about the pool's wait for a connection, and a restart. */
  static final String DATABASE_RETRY_AFTER =
      Long.toString(DatabaseUnavailableException.RETRY_AFTER.toSeconds());

  static final String DATABASE_DETAIL = DatabaseUnavailableException.DETAIL;

  private final InternalErrors internalErrors;
  private final JsonProblemMapper jsonMapper;

  public ThrowableMapper(InternalErrors internalErrors, JsonProblemMapper jsonMapper) {
    this.internalErrors = internalErrors;
    this.jsonMapper = jsonMapper;
  }

  @Override
  public Response toResponse(Throwable e) {
    HttpException http = cause(e, HttpException.class);
    if (http != null && http.getCode() >= 400 && http.getCode() < 500) {
      return Problems.response(http.getCode(), clientDetail(http.getCode())).build();
    }
    JsonProcessingException json = cause(e, JsonProcessingException.class);
    if (json != null) {
      return jsonMapper.toResponse(json);
    }
    if (e instanceof ProcessingException && cause(e, IOException.class) != null) {
      return Problems.response(400, "The request body could not be read.").build();
    }
    HeaderValueException header = cause(e, HeaderValueException.class);
    if (header != null && header.getContext() == HeaderValueException.Context.INBOUND) {
      // a request header Jersey parses only when asked (If-None-Match, Accept-Language) is the
      // client's error, whichever resource asked: Jersey names the header and its value
      return Problems.response(400, "Malformed header: " + header.getMessage()).build();
    }
    if (databaseUnavailable(e)) {
      LOG.warn("Database unavailable: {}", oneLine(e));
      return Problems.response(503, DATABASE_DETAIL)
          .header("Retry-After", DATABASE_RETRY_AFTER)
          .build();
    }
    return internalErrors.toResponse(e);
  }

  /**
   * Whether the cause chain holds a failure to reach the database rather than an error in what was
   * asked of it: SQL state class 08 (connection exception), 57P01–57P03 (the server shutting down
   * or starting), or the pool's timeout waiting for a connection.
   */
  static boolean databaseUnavailable(Throwable e) {
    Throwable current = e;
    for (int depth = 0; current != null && depth < 20; depth++) {
      if (current instanceof DatabaseUnavailableException
          || current instanceof SQLTransientConnectionException) {
        return true;
      }
      if (current instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        if (state.startsWith("08") || state.matches("57P0[123]")) {
          return true;
        }
      }
      current = current.getCause();
    }
    return false;
  }

  /**
   * The failure in one line: the persistence bundle's own (host, port and reason), else the
   * exception's text (EclipseLink's spans several lines).
   */
  private static String oneLine(Throwable e) {
    DatabaseUnavailableException known = cause(e, DatabaseUnavailableException.class);
    String text = known != null ? known.getMessage() : e.toString();
    return text.strip().replaceAll("\\s*\\R\\s*", " ");
  }

  static String clientDetail(int status) {
    return status == 413
        ? "The request body is larger than the server accepts."
        : Problems.reasonPhrase(status);
  }

  /** The first throwable of the type in the cause chain, guarding against cycles. */
  static <T> T cause(Throwable e, Class<T> type) {
    Throwable current = e;
    for (int depth = 0; current != null && depth < 20; depth++) {
      if (type.isInstance(current)) {
        return type.cast(current);
      }
      current = current.getCause();
    }
    return null;
  }
}
