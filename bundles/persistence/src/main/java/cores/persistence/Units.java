package cores.persistence;

import jakarta.persistence.EntityManagerFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.eclipse.persistence.config.PersistenceUnitProperties;
import org.eclipse.persistence.jpa.PersistenceProvider;
import org.eclipse.persistence.logging.SessionLog;
import org.eclipse.persistence.sessions.Session;

/** Creates EclipseLink persistence units on the shared pool. */
final class Units {

  private Units() {}

  /**
   * Creates and deploys one unit, so that mapping errors show now rather than at first use.
   *
   * @param loader the owning bundle's class loader (entities and persistence.xml)
   * @param persistenceXml path of the persistence.xml inside the loader
   */
  static EntityManagerFactory create(
      String unitName, ClassLoader loader, String persistenceXml, DataSource dataSource) {
    Map<String, Object> properties = new HashMap<>();
    properties.put(
        PersistenceUnitProperties.CLASSLOADER,
        new UnitClassLoader(
            loader,
            List.of(
                Session.class.getClassLoader(),
                PersistenceProvider.class.getClassLoader(),
                Units.class.getClassLoader())));
    properties.put(PersistenceUnitProperties.ECLIPSELINK_PERSISTENCE_XML, persistenceXml);
    properties.put(PersistenceUnitProperties.TRANSACTION_TYPE, "RESOURCE_LOCAL");
    properties.put(PersistenceUnitProperties.NON_JTA_DATASOURCE, dataSource);
    properties.put(PersistenceUnitProperties.TARGET_DATABASE, "PostgreSQL");
    // The schema belongs to the Liquibase changelogs; EclipseLink never changes it.
    properties.put(PersistenceUnitProperties.DDL_GENERATION, PersistenceUnitProperties.NONE);
    properties.put(PersistenceUnitProperties.SCHEMA_GENERATION_DATABASE_ACTION, "none");
    // Weaving would need a class-loading hook into every entity bundle.
    properties.put(PersistenceUnitProperties.WEAVING, "false");
    // Several instances share the database: a shared cache would serve what another changed.
    properties.put(PersistenceUnitProperties.CACHE_SHARED_DEFAULT, "false");
    properties.put(PersistenceUnitProperties.LOGGING_LOGGER, Slf4jSessionLog.class.getName());
    // Bind values may be personal data or secrets: keep them out of the SQL log.
    properties.put(PersistenceUnitProperties.LOGGING_PARAMETERS, "false");
    // A unit may map no entity (its bundle works in SQL and takes only transactions and schema
    // from it): EclipseLink's warning about an empty metamodel is then noise on every start.
    properties.put(
        PersistenceUnitProperties.CATEGORY_LOGGING_LEVEL_ + SessionLog.METAMODEL,
        SessionLog.SEVERE_LABEL);
    properties.put(PersistenceUnitProperties.SESSION_CUSTOMIZER, NoQueryRetry.class.getName());
    properties.put(PersistenceUnitProperties.DEPLOY_ON_STARTUP, "true");
    EntityManagerFactory factory =
        new PersistenceProvider().createEntityManagerFactory(unitName, properties);
    if (factory == null) {
      throw new IllegalStateException("No persistence unit " + unitName + " in " + persistenceXml);
    }
    return factory;
  }
}
