package cores.persistence;

import cores.api.persistence.Transactions;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.util.tracker.BundleTracker;
import org.osgi.util.tracker.BundleTrackerCustomizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives each bundle that declares {@code Meta-Persistence} its schema and its units: migrates the
 * bundle's {@code Cores-Schema} changelog, then registers one {@link Transactions} service per
 * persistence unit. The services go away when the bundle stops or the database goes away (this
 * component then deactivates and closes the tracker).
 */
@Component(
    immediate = true,
    service = {})
public final class PersistenceExtender {

  /** Namespace under which this bundle's own changesets are recorded. */
  static final String OWN_SCHEMA_NAMESPACE = "cores.persistence";

  /** This bundle's own changelog: database-wide prerequisites that the bundles' schemas use. */
  static final String OWN_SCHEMA = "db/changelog.sql";

  /**
   * Symbolic names of bundles whose schemas this bundle's schema refers to (foreign keys to their
   * tables): its changelog runs only once theirs has run.
   */
  static final String SCHEMA_REQUIRES = "Cores-Schema-Requires";

  /** The OSGi JPA header: paths of the bundle's persistence.xml files. */
  static final String META_PERSISTENCE = "Meta-Persistence";

  private static final String DEFAULT_PERSISTENCE_XML = "META-INF/persistence.xml";
  private static final Logger LOG = LoggerFactory.getLogger(PersistenceExtender.class);

  private final BundleTracker<List<Unit>> tracker;

  /**
   * Migrates this bundle's own changelog, then serves the bundles. When that fails no unit is
   * created (and SCR logs why); the pool and its health check stay up either way.
   */
  @Activate
  public PersistenceExtender(
      BundleContext context,
      @Reference Database database,
      @Reference ChangeLogService changes,
      @Reference DatabaseSignals signals)
      throws MigrationException {
    Migrations.run(
        database.dataSource(),
        PersistenceExtender.class.getClassLoader(),
        OWN_SCHEMA_NAMESPACE,
        OWN_SCHEMA);
    tracker =
        new BundleTracker<>(
            context,
            Bundle.STARTING | Bundle.ACTIVE,
            new Customizer(context, database, changes, signals));
    tracker.open();
  }

  @Deactivate
  public void close() {
    tracker.close();
  }

  /** One unit's service and the factory behind it. */
  private record Unit(String name, UnitRegistration registration) {}

  private static final class Customizer implements BundleTrackerCustomizer<List<Unit>> {
    private final BundleContext context;
    private final DataSource dataSource;
    private final ChangeLogService changes;
    private final DatabaseSignals signals;

    /** Bundles whose schema has been migrated since the tracker opened. */
    private final Set<String> migrated = new HashSet<>();

    /** Bundles waiting for the schemas they require, with the list their units will join. */
    private final Map<Bundle, List<Unit>> waiting = new LinkedHashMap<>();

    Customizer(
        BundleContext context,
        Database database,
        ChangeLogService changes,
        DatabaseSignals signals) {
      this.context = context;
      this.dataSource = database.dataSource();
      this.changes = changes;
      this.signals = signals;
    }

    @Override
    public synchronized List<Unit> addingBundle(Bundle bundle, BundleEvent event) {
      String header = bundle.getHeaders().get(META_PERSISTENCE);
      BundleWiring wiring = bundle.adapt(BundleWiring.class);
      if (header == null || wiring == null || wiring.getClassLoader() == null) {
        return null;
      }
      List<Unit> units = new ArrayList<>();
      Set<String> missing = missingSchemas(bundle);
      if (!missing.isEmpty()) {
        // tracked with no units yet: set up when the last schema it requires has been migrated
        LOG.info("Schema of {} waits for the schemas of {}", bundle.getSymbolicName(), missing);
        waiting.put(bundle, units);
        return units;
      }
      if (!setUp(bundle, wiring.getClassLoader(), header, units)) {
        return null;
      }
      setUpWaiting();
      return units;
    }

    /** Sets up the waiting bundles whose required schemas are all there now, until none is. */
    private void setUpWaiting() {
      boolean progress = true;
      while (progress) {
        progress = false;
        for (Map.Entry<Bundle, List<Unit>> entry : new ArrayList<>(waiting.entrySet())) {
          Bundle bundle = entry.getKey();
          BundleWiring wiring = bundle.adapt(BundleWiring.class);
          if (missingSchemas(bundle).isEmpty() && wiring != null) {
            waiting.remove(bundle);
            if (wiring.getClassLoader() != null
                && setUp(
                    bundle,
                    wiring.getClassLoader(),
                    bundle.getHeaders().get(META_PERSISTENCE),
                    entry.getValue())) {
              progress = true;
            }
          }
        }
      }
    }

    private Set<String> missingSchemas(Bundle bundle) {
      Set<String> missing = new LinkedHashSet<>();
      String requires = bundle.getHeaders().get(SCHEMA_REQUIRES);
      if (requires != null) {
        for (String name : requires.split(",")) {
          if (!name.isBlank() && !migrated.contains(name.trim())) {
            missing.add(name.trim());
          }
        }
      }
      return missing;
    }

    /** Migrates the bundle's schema and registers its units into {@code units}. */
    private boolean setUp(Bundle bundle, ClassLoader loader, String header, List<Unit> units) {
      try {
        String schema = bundle.getHeaders().get(Transactions.SCHEMA_HEADER);
        if (schema != null && !schema.isBlank()) {
          Migrations.run(dataSource, loader, bundle.getSymbolicName(), schema.trim());
        }
        migrated.add(bundle.getSymbolicName());
        for (String path : persistenceXmls(header)) {
          InputStream xml = loader.getResourceAsStream(path);
          if (xml == null) {
            throw new IllegalStateException("No " + path + " in the bundle");
          }
          for (String name : PersistenceXml.unitNames(xml, path)) {
            units.add(
                new Unit(
                    name,
                    UnitRegistration.register(
                        context, bundle, name, loader, path, dataSource, changes::actor, signals)));
          }
        }
        LOG.info(
            "Persistence units of {}: {}",
            bundle.getSymbolicName(),
            units.stream().map(Unit::name).toList());
        return true;
      } catch (MigrationException | IOException | RuntimeException e) {
        LOG.error("No persistence for bundle {}: {}", bundle.getSymbolicName(), e.getMessage(), e);
        units.forEach(unit -> unit.registration().close());
        units.clear();
        return false;
      }
    }

    private static Set<String> persistenceXmls(String header) {
      Set<String> paths = new LinkedHashSet<>();
      for (String path : header.split(",")) {
        if (!path.isBlank()) {
          paths.add(path.trim());
        }
      }
      if (paths.isEmpty()) {
        paths.add(DEFAULT_PERSISTENCE_XML);
      }
      return paths;
    }

    @Override
    public void modifiedBundle(Bundle bundle, BundleEvent event, List<Unit> units) {
      // STARTING -> ACTIVE changes nothing for the units
    }

    @Override
    public synchronized void removedBundle(Bundle bundle, BundleEvent event, List<Unit> units) {
      waiting.remove(bundle);
      units.forEach(unit -> unit.registration().close());
      LOG.info("Persistence units of {} closed", bundle.getSymbolicName());
    }
  }
}
