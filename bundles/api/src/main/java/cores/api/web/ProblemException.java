package cores.api.web;

import java.util.List;
import java.util.Map;

/**
 * Thrown by REST resources to answer with an RFC 9457 problem-details body; the HTTP bundle turns
 * it into {@code application/problem+json} with {@code type, title, status, detail} and, when
 * present, {@code errors} (field name to messages).
 */
public class ProblemException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String title;
  private final transient Map<String, List<String>> errors;

  public ProblemException(int status, String title, String detail) {
    this(status, title, detail, Map.of());
  }

  public ProblemException(
      int status, String title, String detail, Map<String, List<String>> errors) {
    super(detail);
    this.status = status;
    this.title = title;
    this.errors = Map.copyOf(errors);
  }

  public static ProblemException badRequest(String detail) {
    return new ProblemException(400, "Bad Request", detail);
  }

  /** A 400 answer naming the fields that are wrong. */
  public static ProblemException invalid(Map<String, List<String>> errors) {
    return new ProblemException(400, "Bad Request", "Some fields are invalid.", errors);
  }

  public static ProblemException notFound(String detail) {
    return new ProblemException(404, "Not Found", detail);
  }

  public static ProblemException conflict(String detail) {
    return new ProblemException(409, "Conflict", detail);
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  public String detail() {
    return getMessage();
  }

  public Map<String, List<String>> errors() {
    return errors;
  }
}
