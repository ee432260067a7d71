package cores.domain.live;

import cores.api.web.ProblemException;

/**
 * Status of scan conflicts and offline warnings: {@code new} (open), {@code resolved}, {@code
 * ignore} (does not come back while it exists), {@code super} (superseded by a newer one).
 */
public final class ConflictStatus {
  public static final String NEW = "new";
  public static final String RESOLVED = "resolved";
  public static final String IGNORE = "ignore";
  public static final String SUPER = "super";

  private ConflictStatus() {}

  /**
   * The rule of the actions on a conflict or a warning: only open ones change, new or ignored (an
   * ignored one may still be resolved); a resolved or superseded one is a 409 naming its status.
   *
   * @param what "Scan conflict 7" and the like
   */
  static void requireOpen(String what, Object status) {
    ProblemException closed = closed(what, status);
    if (closed != null) {
      throw closed;
    }
  }

  /** The refusal of {@link #requireOpen}, or null when it is open. */
  static ProblemException closed(String what, Object status) {
    if (NEW.equals(status) || IGNORE.equals(status)) {
      return null;
    }
    return ProblemException.conflict(
        what + " is " + status + " already; only open ones can be changed.");
  }
}
