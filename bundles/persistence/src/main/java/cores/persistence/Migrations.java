package cores.persistence;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import liquibase.GlobalConfiguration;
import liquibase.Scope;
import liquibase.UpdateSummaryEnum;
import liquibase.UpdateSummaryOutputEnum;
import liquibase.analytics.configuration.AnalyticsArgs;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.command.core.helpers.ShowSummaryArgument;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.ui.LoggerUIService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a Liquibase changelog. All bundles share one {@code DATABASECHANGELOG} table; Liquibase's
 * lock table makes several instances starting at once take turns.
 *
 * <p>After a successful update the digest of the files Liquibase read is recorded in {@code
 * cores_changelog_digest} (created by this bundle's own changelog). A later run whose files have a
 * recorded digest skips Liquibase, which costs about a second per start even when nothing is
 * pending; any change to a file, to the set of files or to Liquibase's build migrates as before.
 * Digests are only ever added: each one stands for "these files were fully applied", which stays
 * true, so instances of different versions starting at once cannot mislead each other.
 */
final class Migrations {

  private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

  /**
   * Liquibase keeps its current scope where threads started from one another share it, so two
   * migrations running at once in one process corrupt each other's state. They take turns here; the
   * database lock orders separate processes.
   */
  private static final Object IN_PROCESS = new Object();

  /**
   * The key of the advisory lock whoever migrates holds (any number no other lock of ours uses).
   */
  static final long MIGRATIONS_LOCK = 0x436f_7265_734d_6967L;

  private Migrations() {}

  /**
   * Brings the schema up to date with the changelog.
   *
   * @param dataSource where to migrate
   * @param loader the class loader that holds the changelog and the files it includes
   * @param namespace prefix under which the changesets are recorded (the bundle's symbolic name),
   *     so two bundles with the same changelog path never mistake each other's changesets for their
   *     own
   * @param changelog path of the changelog inside the loader
   */
  static void run(DataSource dataSource, ClassLoader loader, String namespace, String changelog)
      throws MigrationException {
    ClassLoader liquibase = Scope.class.getClassLoader();
    if (applied(dataSource, liquibase, loader, namespace, changelog)) {
      LOG.debug("Schema of {} is up to date (changelog digest recorded)", namespace);
      return;
    }
    ChangelogDigest digest;
    try {
      digest = ChangelogDigest.recording(liquibase);
    } catch (IOException e) {
      throw new MigrationException("Cannot read Liquibase's build description", e);
    }
    // Liquibase finds its own services (parsers, database types, loggers) through the context
    // class loader it sees the first time it is used, and keeps that one for good. Inside OSGi
    // that must be Liquibase's own loader, not whatever the calling thread happens to carry.
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(liquibase);
    try {
      synchronized (IN_PROCESS) {
        update(dataSource, loader, namespace, changelog, digest);
      }
    } finally {
      thread.setContextClassLoader(previous);
    }
    record(dataSource, namespace, changelog, digest);
  }

  /** Whether the files as they are now have a recorded digest: nothing to migrate. */
  private static boolean applied(
      DataSource dataSource,
      ClassLoader liquibase,
      ClassLoader loader,
      String namespace,
      String changelog) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT digest, files FROM cores_changelog_digest WHERE namespace = ?")) {
      select.setString(1, namespace);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          List<String> files = List.of(rows.getString(2).split("\n"));
          if (files.contains(changelog)
              && rows.getString(1).equals(ChangelogDigest.current(liquibase, loader, files))) {
            return true;
          }
        }
      }
      return false;
    } catch (SQLException | IOException e) {
      // no table yet (a new database) or no connection: Liquibase decides and reports
      LOG.debug("No changelog digest for {}: {}", namespace, e.getMessage());
      return false;
    }
  }

  private static void record(
      DataSource dataSource, String namespace, String changelog, ChangelogDigest digest) {
    if (!digest.repeatable()) {
      LOG.debug("Changelog of {} runs through Liquibase on every start", namespace);
      return;
    }
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO cores_changelog_digest (namespace, digest, files) VALUES (?, ?, ?)"
                    + " ON CONFLICT DO NOTHING")) {
      insert.setString(1, namespace);
      insert.setString(2, digest.value());
      insert.setString(3, digest.files());
      insert.executeUpdate();
    } catch (SQLException e) {
      // only the next start's shortcut is lost
      LOG.warn(
          "Changelog digest of {} ({}) not recorded: {}", namespace, changelog, e.getMessage());
    }
  }

  private static void update(
      DataSource dataSource,
      ClassLoader loader,
      String namespace,
      String changelog,
      ChangelogDigest digest)
      throws MigrationException {
    Map<String, Object> scope =
        Map.of(
            Scope.Attr.resourceAccessor.name(),
            new NamespacedResourceAccessor(namespace, loader, digest),
            Scope.Attr.logService.name(),
            new Slf4jLogService(),
            // Liquibase prints progress to the console by default; send it to the log instead.
            Scope.Attr.ui.name(),
            new LoggerUIService(),
            // Liquibase would otherwise report usage to its vendor over the network.
            AnalyticsArgs.ENABLED.getKey(),
            Boolean.FALSE,
            // an instance waiting for another one's lock looks again every second, not every 10
            GlobalConfiguration.CHANGELOGLOCK_POLL_RATE.getKey(),
            1L);
    try (Connection connection = dataSource.getConnection()) {
      takeTurn(connection);
      try {
        liquibase(connection, scope, namespace, changelog);
      } finally {
        giveTurn(connection);
      }
    } catch (SQLException e) {
      throw new MigrationException("Cannot connect to migrate " + namespace, e);
    }
  }

  /**
   * Waits until no other Cores process is migrating this database, then releases Liquibase's lock
   * if it is still held: only a process that stopped mid-migration (killed, or the machine lost)
   * leaves it so, and Liquibase would wait for it for ever, every later start failing. Whoever
   * migrates holds a PostgreSQL advisory lock for its session, which the server drops with the
   * session however the process ends; Liquibase's lock row has no such owner.
   */
  private static void takeTurn(Connection connection) throws SQLException {
    try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_lock(?)")) {
      lock.setLong(1, MIGRATIONS_LOCK);
      lock.execute();
    }
    try (PreparedStatement exists =
            connection.prepareStatement("SELECT to_regclass('databasechangeloglock') IS NOT NULL");
        ResultSet table = exists.executeQuery()) {
      if (!table.next() || !table.getBoolean(1)) {
        return; // a new database: Liquibase creates its lock table
      }
    }
    try (PreparedStatement release =
            connection.prepareStatement(
                "WITH stale AS (SELECT id, lockedby, lockgranted FROM databasechangeloglock"
                    + " WHERE locked FOR UPDATE)"
                    + " UPDATE databasechangeloglock l"
                    + " SET locked = false, lockgranted = NULL, lockedby = NULL FROM stale"
                    + " WHERE l.id = stale.id RETURNING"
                    // one log line whatever the row holds
                    + " regexp_replace(stale.lockedby, '[[:cntrl:]]', '?', 'g'),"
                    + " stale.lockgranted::text");
        ResultSet released = release.executeQuery()) {
      if (released.next()) {
        LOG.warn(
            "Released the schema lock that {} took at {} and never gave back: a Cores process"
                + " stopped while it migrated the database",
            released.getString(1),
            released.getString(2));
      }
    }
    if (!connection.getAutoCommit()) {
      connection.commit();
    }
  }

  private static void giveTurn(Connection connection) {
    try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
      unlock.setLong(1, MIGRATIONS_LOCK);
      unlock.execute();
    } catch (SQLException e) {
      // a broken connection: its session, and the lock with it, is gone
      LOG.debug("Migration lock not released explicitly: {}", e.getMessage());
    }
  }

  private static void liquibase(
      Connection connection, Map<String, Object> scope, String namespace, String changelog)
      throws MigrationException {
    try {
      Database database =
          DatabaseFactory.getInstance()
              .findCorrectDatabaseImplementation(new JdbcConnection(connection));
      Scope.child(
          scope,
          () ->
              new CommandScope(UpdateCommandStep.COMMAND_NAME)
                  .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                  .addArgumentValue(
                      UpdateCommandStep.CHANGELOG_FILE_ARG, namespace + "/" + changelog)
                  // the summary would go to standard output; the log is where it belongs
                  .addArgumentValue(ShowSummaryArgument.SHOW_SUMMARY, UpdateSummaryEnum.SUMMARY)
                  .addArgumentValue(
                      ShowSummaryArgument.SHOW_SUMMARY_OUTPUT, UpdateSummaryOutputEnum.LOG)
                  .execute());
    } catch (Exception e) {
      throw new MigrationException("Migration of " + namespace + " failed: " + e.getMessage(), e);
    }
  }
}
