package cores.http.problem;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds RFC 9457 problem-details bodies and answers. */
public final class Problems {
  public static final String MEDIA_TYPE = "application/problem+json";
  public static final MediaType MEDIA_TYPE_OBJECT = MediaType.valueOf(MEDIA_TYPE);

  /** No problem type beyond the HTTP status: RFC 9457 section 4.2.1. */
  public static final String ABOUT_BLANK = "about:blank";

  private Problems() {}

  /** The body: {@code type, title, status, detail} and {@code errors} when there are any. */
  public static Map<String, Object> body(
      int status, String title, String detail, Map<String, List<String>> errors) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", ABOUT_BLANK);
    body.put("title", title);
    body.put("status", status);
    if (detail != null) {
      body.put("detail", detail);
    }
    if (errors != null && !errors.isEmpty()) {
      body.put("errors", errors);
    }
    return body;
  }

  public static Map<String, Object> body(int status, String title, String detail) {
    return body(status, title, detail, Map.of());
  }

  /** An answer whose title is the reason phrase of the status. */
  public static Response.ResponseBuilder response(int status, String detail) {
    return response(status, reasonPhrase(status), detail, Map.of());
  }

  public static Response.ResponseBuilder response(
      int status, String title, String detail, Map<String, List<String>> errors) {
    return Response.status(status)
        .type(MEDIA_TYPE_OBJECT)
        .entity(body(status, title, detail, errors));
  }

  /** The standard reason phrase, or a generic one for codes JAX-RS does not name. */
  public static String reasonPhrase(int status) {
    Response.Status known = Response.Status.fromStatusCode(status);
    if (known != null) {
      return known.getReasonPhrase();
    }
    return switch (status) {
      case 405 -> "Method Not Allowed";
      case 413 -> "Content Too Large";
      case 422 -> "Unprocessable Content";
      case 429 -> "Too Many Requests";
      default -> status >= 500 ? "Server Error" : "Client Error";
    };
  }
}
