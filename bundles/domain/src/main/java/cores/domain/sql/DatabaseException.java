package cores.domain.sql;

import java.sql.SQLException;

/** A failed statement, carrying PostgreSQL's SQL state and constraint for the edge to map. */
public final class DatabaseException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public static final String UNIQUE_VIOLATION = "23505";
  public static final String FOREIGN_KEY_VIOLATION = "23503";
  public static final String CHECK_VIOLATION = "23514";
  public static final String EXCLUSION_VIOLATION = "23P01";
  public static final String INVALID_TEXT = "22P02";

  DatabaseException(SQLException cause) {
    super(cause.getMessage(), cause);
  }

  public String sqlState() {
    return ((SQLException) getCause()).getSQLState();
  }

  /**
   * Whether this is the given SQL state raised by the named constraint or index (PostgreSQL quotes
   * the name: {@code loans_loan_check} is not found in a violation of {@code loans_loan_check1}).
   */
  public boolean violated(String state, String constraint) {
    return state.equals(sqlState())
        && String.valueOf(getMessage()).contains('"' + constraint + '"');
  }
}
