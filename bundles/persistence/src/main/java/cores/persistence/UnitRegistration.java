package cores.persistence;

import cores.api.changes.Actor;
import cores.api.persistence.Transactions;
import jakarta.persistence.EntityManagerFactory;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/** A unit's {@link Transactions} service; closing it withdraws the service, then the factory. */
final class UnitRegistration {

  private final EntityManagerFactory factory;
  private final ServiceRegistration<Transactions> registration;

  private UnitRegistration(
      EntityManagerFactory factory, ServiceRegistration<Transactions> registration) {
    this.factory = factory;
    this.registration = registration;
  }

  static UnitRegistration register(
      BundleContext context,
      Bundle owner,
      String unitName,
      ClassLoader loader,
      String persistenceXml,
      DataSource dataSource,
      Supplier<Optional<Actor>> acting,
      DatabaseSignals signals) {
    EntityManagerFactory factory = Units.create(unitName, loader, persistenceXml, dataSource);
    Dictionary<String, Object> properties = new Hashtable<>();
    properties.put(Transactions.UNIT, unitName);
    properties.put("osgi.unit.version", owner.getVersion().toString());
    properties.put("cores.unit.bundle", owner.getSymbolicName());
    try {
      return new UnitRegistration(
          factory,
          context.registerService(
              Transactions.class,
              new UnitTransactions(factory, dataSource, acting, () -> signals.committed(unitName)),
              properties));
    } catch (RuntimeException e) {
      factory.close();
      throw e;
    }
  }

  void close() {
    try {
      registration.unregister();
    } catch (IllegalStateException alreadyGone) {
      // the framework already withdrew it while stopping this bundle
    } finally {
      factory.close();
    }
  }
}
