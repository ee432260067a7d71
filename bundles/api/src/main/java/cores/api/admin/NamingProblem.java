package cores.api.admin;

import cores.api.web.ProblemException;
import java.util.List;
import java.util.Map;

/**
 * A refusal whose field problems name objects of the admin's models (a host's open loan, at the
 * host field of a second loan): the admin links each where its problem names it, to that object's
 * page. Read as a {@link ProblemException} it is the same refusal, its messages unchanged (the REST
 * API's problem).
 *
 * @since 1.9.0
 */
public class NamingProblem extends ProblemException {
  private static final long serialVersionUID = 1L;

  private final transient List<Named> named;

  public NamingProblem(
      int status,
      String title,
      String detail,
      Map<String, List<String>> errors,
      List<Named> named) {
    super(status, title, detail, errors);
    this.named = List.copyOf(named);
  }

  /** The objects the field problems name. */
  public List<Named> named() {
    return named;
  }

  /**
   * An object a field's problem names.
   *
   * @param field the field whose problem names it
   * @param text the words of that problem that name it, e.g. {@code loan to Acme since 2026-12-01}
   * @param app the app of the object's model, e.g. {@code loans}
   * @param model its model's name, e.g. {@code loan}
   * @param id its id
   */
  public record Named(String field, String text, String app, String model, long id) {}
}
