package cores.api.web;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Thrown by REST resources to answer with an RFC 9457 problem-details body; the HTTP bundle turns
 * it into {@code application/problem+json} with {@code type, title, status, detail} and, when
 * present, {@code errors} (field name to messages).
 */
public class ProblemException extends RuntimeException {
  /**
   * The most fields a problem names: a body of 200,000 unknown keys is answered with the first of
   * them and how many more there are, not with megabytes of messages. Since 1.15.0.
   */
  public static final int LISTED = 20;

  private static final long serialVersionUID = 1L;

  private final int status;
  private final String title;
  private final transient Map<String, List<String>> errors;

  public ProblemException(int status, String title, String detail) {
    this(status, title, detail, Map.of());
  }

  public ProblemException(
      int status, String title, String detail, Map<String, List<String>> errors) {
    super(errors.size() > LISTED ? unlisted(detail, errors.size() - LISTED) : detail);
    this.status = status;
    this.title = title;
    this.errors = firstListed(errors);
  }

  private static String unlisted(String detail, int more) {
    String named = "The first " + LISTED + " are named, and " + more + " more.";
    return detail == null ? named : detail + " " + named;
  }

  /** The first {@link #LISTED} fields in the order they were found. */
  private static Map<String, List<String>> firstListed(Map<String, List<String>> errors) {
    Map<String, List<String>> listed = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> entry : errors.entrySet()) {
      if (listed.size() == LISTED) {
        break;
      }
      listed.put(entry.getKey(), List.copyOf(entry.getValue()));
    }
    return Collections.unmodifiableMap(listed);
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
