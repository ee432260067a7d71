package cores.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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
    // another instance is migrating: it holds Liquibase's lock row
    update(
        ds,
        "UPDATE databasechangeloglock SET locked = true, lockgranted = now(),"
            + " lockedby = 'other instance' WHERE id = 1");
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
          List.of(), query(ds, "SELECT tablename FROM pg_tables WHERE tablename = 'race'"));

      update(ds, "UPDATE databasechangeloglock SET locked = false, lockedby = null WHERE id = 1");
      run.get(30, TimeUnit.SECONDS);
    } finally {
      thread.shutdownNow();
    }
    assertEquals(List.of("1"), query(ds, "SELECT count(*) FROM race"));
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
}
