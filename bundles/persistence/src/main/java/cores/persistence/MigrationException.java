package cores.persistence;

/** A schema migration failed; the schema's owner gets no persistence unit. */
final class MigrationException extends Exception {
  private static final long serialVersionUID = 1L;

  MigrationException(String message, Throwable cause) {
    super(message, cause);
  }
}
