package cores.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationsTest {

  private static TestDatabase db;
  private static Database database;

  @BeforeAll
  static void start() throws Exception {
    db = new TestDatabase();
    database = new Database(db.config());
    Migrations.run(
        database.dataSource(),
        PersistenceExtender.class.getClassLoader(),
        PersistenceExtender.OWN_SCHEMA_NAMESPACE,
        PersistenceExtender.OWN_SCHEMA);
  }

  @AfterAll
  static void stop() throws Exception {
    if (database != null) {
      database.close();
    }
    db.close();
  }

  private static List<String> query(DataSource ds, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        rows.add(r.getString(1));
      }
    }
    return rows;
  }

  @Test
  void theOwnChangelogInstallsBtreeGist() throws Exception {
    assertEquals(
        List.of("btree_gist"),
        query(
            database.dataSource(),
            "SELECT extname FROM pg_extension WHERE extname = 'btree_gist'"));
    assertTrue(
        query(database.dataSource(), "SELECT filename FROM databasechangelog")
            .contains("cores.persistence/db/changelog.sql"));
  }

  @Test
  void migratesOnceAndRecordsChangesetsUnderTheNamespace() throws Exception {
    ClassLoader loader = getClass().getClassLoader();
    DataSource ds = database.dataSource();
    Migrations.run(ds, loader, "test.bundle", "db/test/changelog.xml");
    List<String> first =
        query(ds, "SELECT id || ' ' || filename FROM databasechangelog ORDER BY orderexecuted");
    assertTrue(first.contains("1 test.bundle/db/test/V001__thing.sql"), first::toString);
    assertTrue(first.contains("2 test.bundle/db/test/V002__thing_network.sql"), first::toString);

    // second run: nothing to do, nothing fails ("relation already exists" would)
    Migrations.run(ds, loader, "test.bundle", "db/test/changelog.xml");
    assertEquals(
        first,
        query(ds, "SELECT id || ' ' || filename FROM databasechangelog ORDER BY orderexecuted"));
    assertEquals(
        List.of("address", "during", "id", "mac", "name", "network"),
        query(
            ds,
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'thing'"
                + " ORDER BY column_name"));
  }

  @Test
  void theSamePathInAnotherNamespaceIsAnotherChangelog() throws Exception {
    DataSource ds = database.dataSource();
    Migrations.run(ds, getClass().getClassLoader(), "first.bundle", "db/other/changelog.sql");
    Migrations.run(ds, getClass().getClassLoader(), "second.bundle", "db/other/changelog.sql");
    assertEquals(
        List.of("first.bundle/db/other/changelog.sql", "second.bundle/db/other/changelog.sql"),
        query(
            ds,
            "SELECT filename FROM databasechangelog WHERE filename LIKE '%other%'"
                + " ORDER BY filename"));
    assertEquals(List.of("2"), query(ds, "SELECT count(*) FROM other_counter"));
  }

  @Test
  void waitsWhileAnotherInstanceHoldsTheLock() throws Exception {
    DataSource ds = database.dataSource();
    // another instance is migrating: it holds the migrations' advisory lock and Liquibase's row
    try (Connection other = ds.getConnection();
        Statement s = other.createStatement()) {
      s.execute("SELECT pg_advisory_lock(" + Migrations.MIGRATIONS_LOCK + ")");
      update(
          ds,
          "UPDATE databasechangeloglock SET locked = true, lockgranted = now(),"
              + " lockedby = 'other instance' WHERE id = 1");
      runsOnceReleased(
          ds,
          "race",
          () -> {
            update(
                ds,
                "UPDATE databasechangeloglock SET locked = false, lockedby = null WHERE id = 1");
            s.execute("SELECT pg_advisory_unlock(" + Migrations.MIGRATIONS_LOCK + ")");
          });
    }
  }

  @Test
  void theLockOfAProcessThatStoppedMidMigrationIsReleased() throws Exception {
    DataSource ds = database.dataSource();
    // Liquibase's row says locked, but nobody holds the advisory lock: its holder is gone
    update(
        ds,
        "UPDATE databasechangeloglock SET locked = true, lockgranted = now() - interval '1 hour',"
            + " lockedby = 'killed instance' WHERE id = 1");
    ExecutorService thread = Executors.newSingleThreadExecutor();
    try {
      thread
          .submit(
              () -> {
                Migrations.run(
                    ds, getClass().getClassLoader(), "stale.bundle", "db/stale/changelog.sql");
                return null;
              })
          .get(30, TimeUnit.SECONDS);
    } finally {
      thread.shutdownNow();
    }
    assertEquals(List.of("false"), query(ds, "SELECT locked::text FROM databasechangeloglock"));
    assertEquals(
        List.of("1"),
        query(ds, "SELECT count(*) FROM databasechangelog WHERE filename LIKE 'stale.bundle/%'"));
  }

  @FunctionalInterface
  private interface Release {
    void run() throws Exception;
  }

  /** A migration started now waits, and runs once {@code release} lets it. */
  private void runsOnceReleased(DataSource ds, String table, Release release) throws Exception {
    ExecutorService thread = Executors.newSingleThreadExecutor();
    try {
      Future<?> run =
          thread.submit(
              () -> {
                Migrations.run(
                    ds, getClass().getClassLoader(), "race.bundle", "db/race/changelog.sql");
                return null;
              });
      Thread.sleep(2000);
      assertFalse(run.isDone());
      assertEquals(
          List.of(),
          query(ds, "SELECT tablename FROM pg_tables WHERE tablename = '" + table + "'"));

      release.run();
      run.get(30, TimeUnit.SECONDS);
    } finally {
      thread.shutdownNow();
    }
    assertEquals(List.of("1"), query(ds, "SELECT count(*) FROM " + table));
    assertEquals(List.of("false"), query(ds, "SELECT locked::text FROM databasechangeloglock"));
  }

  private static void update(DataSource ds, String sql) throws SQLException {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.executeUpdate(sql);
    }
  }

  @Test
  void aMissingChangelogFails() {
    MigrationException failure =
        assertThrows(
            MigrationException.class,
            () ->
                Migrations.run(
                    database.dataSource(),
                    getClass().getClassLoader(),
                    "test.bundle",
                    "db/missing.xml"));
    assertTrue(failure.getMessage().contains("test.bundle"), failure::getMessage);
  }

  @Test
  void aBrokenChangesetFailsAndIsNotRecorded() throws Exception {
    assertThrows(
        MigrationException.class,
        () ->
            Migrations.run(
                database.dataSource(),
                getClass().getClassLoader(),
                "broken.bundle",
                "db/broken/changelog.sql"));
    assertEquals(
        List.of("0"),
        query(
            database.dataSource(),
            "SELECT count(*) FROM databasechangelog WHERE filename LIKE 'broken.bundle/%'"));
  }

  @Test
  void anUnchangedChangelogSkipsLiquibase(@TempDir Path dir) throws Exception {
    DataSource ds = database.dataSource();
    write(dir, "db/changelog.sql", changeset("skip:1", "CREATE TABLE skipped (n int);"));
    try (URLClassLoader loader = loaderOf(dir)) {
      Migrations.run(ds, loader, "skip.bundle", "db/changelog.sql");
      assertEquals(
          List.of("db/changelog.sql"),
          query(ds, "SELECT files FROM cores_changelog_digest WHERE namespace = 'skip.bundle'"));

      // Liquibase would now wait for the lock of "another instance"; the digest says it need not
      holdLiquibaseLock(ds);
      try {
        runWithin(
            () -> {
              Migrations.run(ds, loader, "skip.bundle", "db/changelog.sql");
              return null;
            });
      } finally {
        releaseLiquibaseLock(ds);
      }
    }
  }

  @Test
  void aChangedIncludedFileMigratesAgain(@TempDir Path dir) throws Exception {
    DataSource ds = database.dataSource();
    write(dir, "db/changelog.xml", xmlIncluding("first.sql"));
    write(dir, "db/first.sql", changeset("change:1", "CREATE TABLE changed_one (n int);"));
    try (URLClassLoader loader = loaderOf(dir)) {
      Migrations.run(ds, loader, "change.bundle", "db/changelog.xml");
    }
    write(
        dir,
        "db/first.sql",
        changeset("change:1", "CREATE TABLE changed_one (n int);")
            + "--changeset change:2\nCREATE TABLE changed_two (n int);\n");
    try (URLClassLoader loader = loaderOf(dir)) {
      Migrations.run(ds, loader, "change.bundle", "db/changelog.xml");
    }
    assertEquals(
        List.of("changed_one", "changed_two"),
        query(
            ds,
            "SELECT tablename FROM pg_tables WHERE tablename LIKE 'changed_%' ORDER BY tablename"));
    assertEquals(
        List.of("2"),
        query(ds, "SELECT count(*) FROM cores_changelog_digest WHERE namespace = 'change.bundle'"));
  }

  @Test
  void aNewlyIncludedFileMigrates(@TempDir Path dir) throws Exception {
    DataSource ds = database.dataSource();
    write(dir, "db/changelog.xml", xmlIncluding("a.sql"));
    write(dir, "db/a.sql", changeset("inc:1", "CREATE TABLE included_a (n int);"));
    write(dir, "db/b.sql", changeset("inc:2", "CREATE TABLE included_b (n int);"));
    try (URLClassLoader loader = loaderOf(dir)) {
      Migrations.run(ds, loader, "include.bundle", "db/changelog.xml");
    }
    write(dir, "db/changelog.xml", xmlIncluding("a.sql", "b.sql"));
    try (URLClassLoader loader = loaderOf(dir)) {
      Migrations.run(ds, loader, "include.bundle", "db/changelog.xml");
    }
    assertEquals(
        List.of("included_a", "included_b"),
        query(
            ds,
            "SELECT tablename FROM pg_tables WHERE tablename LIKE 'included_%'"
                + " ORDER BY tablename"));
  }

  @Test
  void aChangelogWithChangesetsThatRunAlwaysIsNotSkipped(@TempDir Path dir) throws Exception {
    DataSource ds = database.dataSource();
    write(
        dir,
        "db/changelog.sql",
        "--liquibase formatted sql\n\n--changeset always:1 runAlways:true\n"
            + "CREATE TABLE IF NOT EXISTS always_counter (n int);\n"
            + "INSERT INTO always_counter VALUES (1);\n");
    try (URLClassLoader loader = loaderOf(dir)) {
      Migrations.run(ds, loader, "always.bundle", "db/changelog.sql");
      Migrations.run(ds, loader, "always.bundle", "db/changelog.sql");
    }
    assertEquals(List.of("2"), query(ds, "SELECT count(*) FROM always_counter"));
    assertEquals(
        List.of("0"),
        query(ds, "SELECT count(*) FROM cores_changelog_digest WHERE namespace = 'always.bundle'"));
  }

  @Test
  void anotherNamespaceWithTheSameFilesIsNotSkipped(@TempDir Path dir) throws Exception {
    DataSource ds = database.dataSource();
    write(
        dir,
        "db/changelog.sql",
        changeset("ns:1", "CREATE TABLE IF NOT EXISTS ns_counter (n int);")
            + "INSERT INTO ns_counter VALUES (1);\n");
    try (URLClassLoader loader = loaderOf(dir)) {
      Migrations.run(ds, loader, "one.bundle", "db/changelog.sql");
      Migrations.run(ds, loader, "two.bundle", "db/changelog.sql");
    }
    assertEquals(List.of("2"), query(ds, "SELECT count(*) FROM ns_counter"));
  }

  private static String changeset(String id, String sql) {
    return "--liquibase formatted sql\n\n--changeset " + id + "\n" + sql + "\n";
  }

  private static String xmlIncluding(String... files) {
    StringBuilder xml =
        new StringBuilder(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<databaseChangeLog xmlns=\"http://www.liquibase.org/xml/ns/dbchangelog\""
                + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
                + " xsi:schemaLocation=\"http://www.liquibase.org/xml/ns/dbchangelog"
                + " http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-4.33.xsd\">\n");
    for (String file : files) {
      xml.append("  <include file=\"")
          .append(file)
          .append("\" relativeToChangelogFile=\"true\"/>\n");
    }
    return xml.append("</databaseChangeLog>\n").toString();
  }

  private static void write(Path dir, String path, String content) throws IOException {
    Path file = dir.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  /** A fresh loader each time: a class loader may cache what it read. */
  private static URLClassLoader loaderOf(Path dir) throws IOException {
    return new URLClassLoader(new URL[] {dir.toUri().toURL()}, null);
  }

  private static void holdLiquibaseLock(DataSource ds) throws SQLException {
    update(
        ds,
        "UPDATE databasechangeloglock SET locked = true, lockgranted = now(),"
            + " lockedby = 'other instance' WHERE id = 1");
  }

  private static void releaseLiquibaseLock(DataSource ds) throws SQLException {
    update(ds, "UPDATE databasechangeloglock SET locked = false, lockedby = null WHERE id = 1");
  }

  /** Runs the migration, failing instead of hanging if it waits for the lock. */
  private static void runWithin(Callable<Void> migration) throws Exception {
    ExecutorService thread = Executors.newSingleThreadExecutor();
    try {
      thread.submit(migration).get(60, TimeUnit.SECONDS);
    } finally {
      thread.shutdownNow();
    }
  }
}
