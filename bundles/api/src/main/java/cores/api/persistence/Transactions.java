package cores.api.persistence;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Runs work in a database transaction of one persistence unit.
 *
 * <p>The persistence bundle registers one service per persistence unit, with the service property
 * {@value #UNIT}. A bundle declares its unit with the {@code Meta-Persistence} manifest header
 * (pointing at its {@code persistence.xml}) and its schema with the {@value #SCHEMA_HEADER} header
 * (pointing at a Liquibase changelog in the bundle); the schema is migrated before the service
 * appears.
 *
 * <p>A failure to reach the database (down, restarting, unreachable, no pooled connection in time)
 * is thrown as a {@link DatabaseUnavailableException}.
 */
@ProviderType
public interface Transactions {

  /** Service property naming the persistence unit. */
  String UNIT = "osgi.unit.name";

  /** Manifest header naming a bundle's Liquibase changelog. */
  String SCHEMA_HEADER = "Cores-Schema";

  /**
   * Runs the work in a read-write transaction: committed when it returns, rolled back when it
   * throws. Nested calls join the outer transaction.
   */
  <T> T required(Work<T> work);

  /**
   * Runs the work in a read-only transaction: PostgreSQL refuses writes. Nested in a read-write
   * transaction it joins that one.
   */
  <T> T readOnly(Work<T> work);

  /**
   * Runs the work on a pooled connection in autocommit mode: each statement is a transaction of its
   * own, one round trip with no {@code BEGIN} or {@code COMMIT}. Meant for one read that every
   * request makes (a session's or a token's lookup); two statements see two snapshots, so work that
   * needs them consistent, or writes that belong together, takes {@link #readOnly} or {@link
   * #required}. Called inside a transaction of this unit on the same thread, the work runs on that
   * transaction's connection and sees what it wrote. The work must not change the connection's
   * settings (autocommit, isolation, read-only) and must close what it opens.
   */
  <T> T autocommit(ConnectionWork<T> work);
}
