package cores.http.problem;

import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.glassfish.jersey.server.ParamException;

/**
 * JAX-RS' own errors (unknown path, method not allowed, unsupported media type, ...) and those
 * resources throw as {@link WebApplicationException}, as problem details. Headers of the original
 * answer (Allow, WWW-Authenticate, Retry-After) are kept.
 */
public final class WebApplicationExceptionMapper
    implements ExceptionMapper<WebApplicationException> {
  /** The message JAX-RS generates when none is given: it adds nothing to the title. */
  private static final Pattern DEFAULT_MESSAGE = Pattern.compile("HTTP \\d{3} .*");

  @Override
  public Response toResponse(WebApplicationException e) {
    Response original = e.getResponse();
    if (original.hasEntity()) {
      return original;
    }
    if (e instanceof ParamException param) {
      return paramProblem(param);
    }
    int status = original.getStatus();
    Response.ResponseBuilder answer = Problems.response(status, detail(e, status));
    original
        .getStringHeaders()
        .forEach(
            (name, values) -> {
              if (!HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name)
                  && !HttpHeaders.CONTENT_LENGTH.equalsIgnoreCase(name)) {
                values.forEach(value -> answer.header(name, value));
              }
            });
    return answer.build();
  }

  /**
   * Jersey answers a query, form or header parameter it cannot convert with 404; it is bad input,
   * so 400 naming the parameter. A path parameter that does not convert does name no resource: 404.
   */
  private static Response paramProblem(ParamException e) {
    if (e instanceof ParamException.PathParamException) {
      return Problems.response(404, "The requested resource was not found.").build();
    }
    String kind = e.getParameterType() == QueryParam.class ? "query parameter" : "parameter";
    return Problems.response(
            400,
            Problems.reasonPhrase(400),
            "Invalid " + kind + " '" + e.getParameterName() + "'.",
            Map.of(e.getParameterName(), List.of("Invalid value.")))
        .build();
  }

  private static String detail(WebApplicationException e, int status) {
    String message = e.getMessage();
    if (message != null && !message.isBlank() && !DEFAULT_MESSAGE.matcher(message).matches()) {
      return message;
    }
    return detail(status);
  }

  /** What JAX-RS' own errors say; also used where Jetty answers as JAX-RS would. */
  public static String detail(int status) {
    return switch (status) {
      case 404 -> "The requested resource was not found.";
      case 405 -> "The method is not allowed for this resource.";
      case 406 -> "The resource cannot produce any of the accepted media types.";
      case 415 -> "The media type of the request body is not supported here.";
      default -> Problems.reasonPhrase(status);
    };
  }
}
