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

  /** Runs the work in a read-only transaction. */
  <T> T readOnly(Work<T> work);
}
