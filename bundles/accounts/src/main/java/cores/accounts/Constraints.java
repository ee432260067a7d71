package cores.accounts;

import java.sql.SQLException;

/** Recognises the database's constraint violations behind JPA's exceptions. */
public final class Constraints {
  public static final String USERNAME_UNIQUE = "auth_user_username_lower_key";
  public static final String GROUP_NAME_UNIQUE = "auth_group_name_key";

  private static final String UNIQUE_VIOLATION = "23505";

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
}
