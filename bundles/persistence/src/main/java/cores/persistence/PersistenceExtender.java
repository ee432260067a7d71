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
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
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
 *
 * <p>Schemas and units are set up on a thread of this component, one bundle after the other in the
 * order they started, not on the thread starting the bundles: EclipseLink's deployment of a unit is
 * a large part of a start, and the start-level thread meanwhile starts the later bundles and the
 * HTTP server. The components that use a unit wait for its service as for any other.
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
  private static final long CLOSE_TIMEOUT_SECONDS = 60;
  private static final Logger LOG = LoggerFactory.getLogger(PersistenceExtender.class);

  private final ExecutorService setUps =
      Executors.newSingleThreadExecutor(
          task -> {
            Thread thread = new Thread(task, "cores-units");
            thread.setDaemon(true);
            return thread;
          });
  private final BundleTracker<BundleUnits> tracker;

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
    try {
      Migrations.run(
          database.dataSource(),
          PersistenceExtender.class.getClassLoader(),
          OWN_SCHEMA_NAMESPACE,
          OWN_SCHEMA);
    } catch (MigrationException e) {
      setUps.shutdown();
      throw e;
    }
    tracker =
        new BundleTracker<>(
            context,
            Bundle.STARTING | Bundle.ACTIVE,
            new Customizer(context, database, changes, signals, setUps));
    tracker.open();
  }

  /**
   * Withdraws the units, then waits for a set-up under way (a unit being deployed cannot be
   * interrupted): it closes what it made, since its bundle is withdrawn.
   */
  @Deactivate
  public void close() throws InterruptedException {
    tracker.close();
    setUps.shutdown();
    if (!setUps.awaitTermination(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      LOG.warn("A persistence unit was still being set up when the pool closed");
    }
  }

  /** One unit's service and the factory behind it. */
  private record Unit(String name, UnitRegistration registration) {}

  /** A tracked bundle's units: none until its set-up has run, and none once it is withdrawn. */
  private static final class BundleUnits {
    private final List<Unit> units = new ArrayList<>();
    private boolean withdrawn;

    synchronized boolean withdrawn() {
      return withdrawn;
    }

    /** Keeps the unit, or closes it at once when the bundle was withdrawn meanwhile. */
    synchronized boolean add(Unit unit) {
      if (withdrawn) {
        unit.registration().close();
        return false;
      }
      units.add(unit);
      return true;
    }

    synchronized List<String> names() {
      return units.stream().map(Unit::name).toList();
    }

    synchronized void closeAll() {
      units.forEach(unit -> unit.registration().close());
      units.clear();
    }

    synchronized void withdraw() {
      withdrawn = true;
      closeAll();
    }
  }

  private static final class Customizer implements BundleTrackerCustomizer<BundleUnits> {
    private final BundleContext context;
    private final DataSource dataSource;
    private final ChangeLogService changes;
    private final DatabaseSignals signals;
    private final Executor setUps;

    /** Bundles whose schema has been migrated since the tracker opened; set-up thread only. */
    private final Set<String> migrated = new HashSet<>();

    /** Bundles waiting for the schemas they require, with their units; set-up thread only. */
    private final Map<Bundle, BundleUnits> waiting = new LinkedHashMap<>();

    Customizer(
        BundleContext context,
        Database database,
        ChangeLogService changes,
        DatabaseSignals signals,
        Executor setUps) {
      this.context = context;
      this.dataSource = database.dataSource();
      this.changes = changes;
      this.signals = signals;
      this.setUps = setUps;
    }

    @Override
    public BundleUnits addingBundle(Bundle bundle, BundleEvent event) {
      String header = bundle.getHeaders().get(META_PERSISTENCE);
      BundleWiring wiring = bundle.adapt(BundleWiring.class);
      if (header == null || wiring == null || wiring.getClassLoader() == null) {
        return null;
      }
      BundleUnits units = new BundleUnits();
      setUps.execute(() -> setUpWhenDue(bundle, wiring.getClassLoader(), header, units));
      return units;
    }

    private void setUpWhenDue(Bundle bundle, ClassLoader loader, String header, BundleUnits units) {
      if (units.withdrawn()) {
        return;
      }
      Set<String> missing = missingSchemas(bundle);
      if (!missing.isEmpty()) {
        // set up when the last schema it requires has been migrated
        LOG.info("Schema of {} waits for the schemas of {}", bundle.getSymbolicName(), missing);
        waiting.put(bundle, units);
        return;
      }
      if (setUp(bundle, loader, header, units)) {
        setUpWaiting();
      }
    }

    /** Sets up the waiting bundles whose required schemas are all there now, until none is. */
    private void setUpWaiting() {
      boolean progress = true;
      while (progress) {
        progress = false;
        for (Map.Entry<Bundle, BundleUnits> entry : new ArrayList<>(waiting.entrySet())) {
          Bundle bundle = entry.getKey();
          BundleUnits units = entry.getValue();
          BundleWiring wiring = bundle.adapt(BundleWiring.class);
          if (units.withdrawn()) {
            waiting.remove(bundle);
          } else if (missingSchemas(bundle).isEmpty() && wiring != null) {
            waiting.remove(bundle);
            if (wiring.getClassLoader() != null
                && setUp(
                    bundle,
                    wiring.getClassLoader(),
                    bundle.getHeaders().get(META_PERSISTENCE),
                    units)) {
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
    private boolean setUp(Bundle bundle, ClassLoader loader, String header, BundleUnits units) {
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
            if (units.withdrawn()) {
              return false;
            }
            Unit unit =
                new Unit(
                    name,
                    UnitRegistration.register(
                        context, bundle, name, loader, path, dataSource, changes::actor, signals));
            if (!units.add(unit)) {
              return false;
            }
          }
        }
        LOG.info("Persistence units of {}: {}", bundle.getSymbolicName(), units.names());
        return true;
      } catch (MigrationException | IOException | RuntimeException e) {
        if (!units.withdrawn()) {
          LOG.error(
              "No persistence for bundle {}: {}", bundle.getSymbolicName(), e.getMessage(), e);
        }
        units.closeAll();
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
    public void modifiedBundle(Bundle bundle, BundleEvent event, BundleUnits units) {
      // STARTING -> ACTIVE changes nothing for the units
    }

    @Override
    public void removedBundle(Bundle bundle, BundleEvent event, BundleUnits units) {
      units.withdraw();
      LOG.info("Persistence units of {} closed", bundle.getSymbolicName());
    }
  }
}
