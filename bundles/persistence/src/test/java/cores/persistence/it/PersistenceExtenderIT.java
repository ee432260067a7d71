package cores.persistence.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import cores.api.health.Health;
import cores.api.health.HealthIndicator;
import cores.api.persistence.Transactions;
import cores.testing.postgres.Await;
import cores.testing.postgres.TestPostgres;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.apache.felix.framework.FrameworkFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.launch.Framework;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Boots a real Felix with the runtime bundles and this bundle's jar, installs a bundle that
 * declares a persistence unit and a schema, and checks that its Transactions service follows the
 * bundle and the database configuration. The API packages come from the class path through the
 * system bundle, so the test can call the services directly.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PersistenceExtenderIT {

  private static final String UNIT_FILTER = "(osgi.unit.name=widgets)";

  /** Runtime bundles by artifact file name prefix, in start order (see STACK.md). */
  private static final List<String> RUNTIME =
      List.of(
          "org.apache.aries.spifly.dynamic.bundle-",
          "asm-9",
          "asm-commons-",
          "asm-tree-",
          "asm-analysis-",
          "asm-util-",
          "slf4j-api-",
          "slf4j-simple-",
          "org.osgi.util.function-",
          "org.osgi.util.promise-",
          "org.osgi.service.component-1",
          "org.eclipse.persistence.asm-",
          "org.eclipse.persistence.core-",
          "org.eclipse.persistence.jpa-",
          "org.eclipse.persistence.jpa.jpql-",
          "postgresql-",
          "HikariCP-",
          "snakeyaml-",
          "commons-io-",
          "commons-lang3-",
          "commons-text-",
          "commons-collections4-",
          "liquibase-core-",
          "org.apache.felix.configadmin-",
          "org.apache.felix.scr-");

  @TempDir static Path dir;

  private static String database;
  private static ClassLoader contextLoader;
  private static Framework framework;
  private static BundleContext context;
  private static Bundle widgets;

  @BeforeAll
  static void boot() throws Exception {
    byte[] random = new byte[6];
    new SecureRandom().nextBytes(random);
    database = "cores_it_" + HexFormat.of().formatHex(random);
    admin("CREATE DATABASE " + database);

    // Threads the framework starts inherit this thread's context class loader; the class path's
    // slf4j and Liquibase must stay invisible to the bundles' ServiceLoader lookups, as in the
    // launcher.
    contextLoader = Thread.currentThread().getContextClassLoader();
    Thread.currentThread().setContextClassLoader(ClassLoader.getPlatformClassLoader());

    Map<String, String> config = new HashMap<>();
    config.put(Constants.FRAMEWORK_STORAGE, dir.resolve("felix").toString());
    config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
    // Felix would otherwise let ServiceLoader reach the class path's copies of slf4j and
    // Liquibase ("not a subtype"); the launcher's class path does not hold them.
    config.put("felix.bootdelegation.implicit", "false");
    config.put(
        Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA,
        "cores.api.persistence;version=1.3.0,cores.api.health;version=1.0.0,"
            + "cores.api.changes;version=1.4.0,"
            + "jakarta.persistence;version=3.1.0,jakarta.persistence.criteria;version=3.1.0,"
            + "jakarta.persistence.metamodel;version=3.1.0,jakarta.persistence.spi;version=3.1.0,"
            + "org.osgi.service.cm;version=1.6.0");
    framework = new FrameworkFactory().newFramework(config);
    framework.start();
    context = framework.getBundleContext();

    List<Bundle> bundles = new ArrayList<>();
    for (String prefix : RUNTIME) {
      bundles.add(install(onClassPath(prefix)));
    }
    bundles.add(install(new File(System.getProperty("cores.persistence.jar"))));
    for (Bundle bundle : bundles) {
      bundle.start();
    }
    widgets = context.installBundle("widgets", widgetBundle());
  }

  @AfterAll
  static void shutdown() throws Exception {
    try {
      if (framework != null) {
        framework.stop();
        framework.waitForStop(30_000);
      }
    } finally {
      Thread.currentThread().setContextClassLoader(contextLoader);
      admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }
  }

  @Test
  @Order(1)
  void theDatabaseComesUpWithItsConfiguration() throws Exception {
    assertEquals(null, context.getServiceReference(HealthIndicator.class));
    configure();
    HealthIndicator health = awaitService(HealthIndicator.class, null);
    assertEquals("database", health.name());
    assertEquals(Health.up(), health.check());
    // the extender runs this bundle's own changelog when the pool comes up
    Await.until(
        () -> {
          try {
            return query("SELECT extname FROM pg_extension WHERE extname <> 'plpgsql'")
                .equals(List.of("btree_gist"));
          } catch (SQLException e) {
            throw new IllegalStateException(e);
          }
        });
  }

  @Test
  @Order(2)
  void aStartedBundleGetsItsSchemaThenItsUnit() throws Exception {
    widgets.start();
    Transactions tx = awaitService(Transactions.class, UNIT_FILTER);
    assertEquals(
        List.of("cores.persistence.it.widgets/db/widgets/V001__widget.sql"),
        query("SELECT filename FROM databasechangelog WHERE id = '1'"));

    Class<?> widget = widgets.loadClass("cores.persistence.it.Widget");
    Object gear = widget.getConstructor(String.class).newInstance("gear");
    tx.required(
        em -> {
          em.persist(gear);
          return null;
        });
    assertEquals(
        List.of("gear"),
        tx.readOnly(
            em -> em.createQuery("SELECT w.name FROM Widget w", String.class).getResultList()));
  }

  @Test
  @Order(3)
  void stoppingTheBundleWithdrawsItsUnitAndStartingItBringsItBack() throws Exception {
    widgets.stop();
    assertEquals(0, references(Transactions.class, UNIT_FILTER));

    widgets.start();
    Transactions tx = awaitService(Transactions.class, UNIT_FILTER);
    assertEquals(1L, widgetCount(tx));
    // the changelog ran once, not twice
    assertEquals(List.of("1"), query("SELECT count(*) FROM databasechangelog WHERE id = '1'"));
  }

  @Test
  @Order(4)
  void withoutDatabaseConfigurationEverythingGoesAwayAndTheConnectionsClose() throws Exception {
    Await.until(() -> connected().equals(List.of("cores", "cores-signals")));
    ConfigurationAdmin admin = service(ConfigurationAdmin.class, null);
    admin.getConfiguration("cores.database", "?").delete();

    Await.until(() -> references(Transactions.class, UNIT_FILTER) == 0);
    Await.until(() -> references(HealthIndicator.class, null) == 0);
    Await.until(() -> connected().isEmpty());

    configure();
    Transactions tx = awaitService(Transactions.class, UNIT_FILTER);
    assertEquals(1L, widgetCount(tx));
  }

  @Test
  @Order(5)
  void aSchemaThatRequiresAnotherBundlesSchemaWaitsForIt() throws Exception {
    Bundle parts =
        context.installBundle(
            "parts", bundle("parts", "cores.persistence.it.labels, cores.persistence.it.widgets"));
    // the tracker sets bundles up as they start (synchronously): the labels' schema is not there
    parts.start();
    assertEquals(0, references(Transactions.class, "(osgi.unit.name=parts)"));
    assertEquals(
        List.of(),
        query("SELECT table_name FROM information_schema.tables WHERE table_name = 'part'"));

    Bundle labels = context.installBundle("labels", bundle("labels", null));
    labels.start();
    awaitService(Transactions.class, "(osgi.unit.name=parts)");
    assertEquals(
        List.of(
            "cores.persistence.it.labels/db/labels/V001__labels.sql",
            "cores.persistence.it.parts/db/parts/V001__parts.sql"),
        query(
            "SELECT filename FROM databasechangelog WHERE id IN ('labels-1', 'parts-1')"
                + " ORDER BY orderexecuted"));
  }

  private static long widgetCount(Transactions tx) {
    return tx.readOnly(
        em -> em.createQuery("SELECT COUNT(w) FROM Widget w", Long.class).getSingleResult());
  }

  private static void configure() throws IOException {
    ConfigurationAdmin admin = awaitService(ConfigurationAdmin.class, null);
    Configuration configuration = admin.getConfiguration("cores.database", "?");
    Hashtable<String, Object> properties = new Hashtable<>();
    properties.put("url", TestPostgres.address().jdbcUrl(database));
    properties.put("user", "postgres");
    properties.put("password", "");
    properties.put("poolSize", 3);
    configuration.update(properties);
  }

  private static <S> S service(Class<S> type, String filter) {
    try {
      var references = context.getServiceReferences(type, filter);
      return references.isEmpty() ? null : context.getService(references.iterator().next());
    } catch (InvalidSyntaxException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static int references(Class<?> type, String filter) {
    try {
      return context.getServiceReferences(type, filter).size();
    } catch (InvalidSyntaxException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static <S> S awaitService(Class<S> type, String filter) {
    return Await.until(() -> service(type, filter), Objects::nonNull);
  }

  private static Bundle install(File jar) throws Exception {
    try (InputStream in = Files.newInputStream(jar.toPath())) {
      return context.installBundle(jar.toURI().toString(), in);
    }
  }

  private static File onClassPath(String prefix) {
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      File file = new File(entry);
      String name = file.getName();
      if (name.startsWith(prefix)
          && name.endsWith(".jar")
          && Character.isDigit(name.charAt(name.lastIndexOf('-') + 1))
          && name.lastIndexOf('-') == prefix.lastIndexOf('-')) {
        return file;
      }
    }
    return fail("not on the class path: " + prefix);
  }

  /** The test bundle: the Widget entity, its persistence.xml and its changelog. */
  private static InputStream widgetBundle() throws IOException {
    return bundle("widgets", null, "cores/persistence/it/Widget.class");
  }

  /**
   * A bundle {@code cores.persistence.it.<name>} with the resources under {@code it/<name>}: a
   * persistence.xml, a changelog {@code db/<name>/changelog.xml} and its {@code V001__<name>.sql}
   * (the widgets' is {@code V001__widget.sql}).
   */
  private static InputStream bundle(String name, String requires, String... classes)
      throws IOException {
    Manifest manifest = new Manifest();
    Attributes main = manifest.getMainAttributes();
    main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    main.putValue(Constants.BUNDLE_MANIFESTVERSION, "2");
    main.putValue(Constants.BUNDLE_SYMBOLICNAME, "cores.persistence.it." + name);
    main.putValue(Constants.BUNDLE_VERSION, "1.0.0");
    main.putValue(Constants.IMPORT_PACKAGE, "jakarta.persistence;version=\"[3.1,4)\"");
    main.putValue("Meta-Persistence", "META-INF/persistence.xml");
    main.putValue(Transactions.SCHEMA_HEADER, "db/" + name + "/changelog.xml");
    if (requires != null) {
      main.putValue("Cores-Schema-Requires", requires);
    }
    Path jar = dir.resolve(name + ".jar");
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file, manifest)) {
      for (String type : classes) {
        copy(out, type, type);
      }
      String sql = "db/" + name + "/V001__" + (name.equals("widgets") ? "widget" : name) + ".sql";
      for (String path :
          List.of("META-INF/persistence.xml", "db/" + name + "/changelog.xml", sql)) {
        copy(out, "it/" + name + "/" + path, path);
      }
    }
    return Files.newInputStream(jar);
  }

  private static void copy(JarOutputStream out, String resource, String path) throws IOException {
    try (InputStream in =
        PersistenceExtenderIT.class.getClassLoader().getResourceAsStream(resource)) {
      assertNotNull(in, resource);
      out.putNextEntry(new JarEntry(path));
      in.transferTo(out);
      out.closeEntry();
    }
  }

  /** Who of Cores is connected to the database: the pool ({@code cores}), the signals' listener. */
  private static List<String> connected() {
    try {
      return query(
          "SELECT DISTINCT application_name FROM pg_stat_activity WHERE datname = '"
              + database
              + "' AND application_name IN ('cores', 'cores-signals') ORDER BY 1");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> query(String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection c =
            DriverManager.getConnection(TestPostgres.address().jdbcUrl(database), "postgres", "");
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        rows.add(r.getString(1));
      }
    }
    return rows;
  }

  private static void admin(String sql) throws SQLException {
    try (Connection c =
            DriverManager.getConnection(
                TestPostgres.address().jdbcUrl("postgres"), "postgres", "");
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
