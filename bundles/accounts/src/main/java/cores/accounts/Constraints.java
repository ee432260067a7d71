package cores.accounts;

import cores.api.web.ProblemException;
import java.sql.SQLException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Recognises the database's constraint violations behind JPA's exceptions. */
public final class Constraints {
  public static final String USERNAME_UNIQUE = "auth_user_username_lower_key";
  public static final String GROUP_NAME_UNIQUE = "auth_group_name_key";

  private static final String UNIQUE_VIOLATION = "23505";
  private static final String FOREIGN_KEY_VIOLATION = "23503";

  /** The referring table in PostgreSQL's message ("… still referenced from table "x"."). */
  private static final Pattern REFERRING_TABLE = Pattern.compile("table \"([a-z0-9_]+)\"\\.?\\s*$");

  private Constraints() {}

  /** Whether the exception was caused by a violation of the named unique constraint or index. */
  public static boolean uniqueViolated(Throwable error, String constraint) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql
          && UNIQUE_VIOLATION.equals(sql.getSQLState())
          && String.valueOf(sql.getMessage()).contains(constraint)) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  /**
   * What still refers to a row whose delete a foreign key refused, in words: the referring table's
   * model in the plural, as people call it ({@code booking_booking} gives "bookings"), or "other
   * records" when the message does not name the table. Empty when the error is no such refusal.
   */
  public static Optional<String> stillReferredBy(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && FOREIGN_KEY_VIOLATION.equals(sql.getSQLState())) {
        Matcher table = REFERRING_TABLE.matcher(String.valueOf(sql.getMessage()).strip());
        if (!table.find()) {
          return Optional.of("other records");
        }
        String name = table.group(1);
        String model = name.substring(name.indexOf('_') + 1);
        return Optional.of(model.replace('_', ' ') + "s");
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return Optional.empty();
  }

  /**
   * The error a refused delete answers: 409 naming what still refers to {@code what} (e.g. "User
   * 5") and what to do instead, when the database refused it for a reference; else the error
   * itself.
   */
  public static RuntimeException whenReferred(RuntimeException error, String what, String instead) {
    return stillReferredBy(error)
        .<RuntimeException>map(
            referrers ->
                ProblemException.conflict(
                    what + " is still referred to by " + referrers + ": " + instead))
        .orElse(error);
  }
}
