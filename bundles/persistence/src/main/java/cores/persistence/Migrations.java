package cores.persistence;

import java.sql.Connection;
import java.sql.SQLException;
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

/**
 * Runs a Liquibase changelog. All bundles share one {@code DATABASECHANGELOG} table; Liquibase's
 * lock table makes several instances starting at once take turns.
 */
final class Migrations {

  /**
   * Liquibase keeps its current scope where threads started from one another share it, so two
   * migrations running at once in one process corrupt each other's state. They take turns here; the
   * database lock orders separate processes.
   */
  private static final Object IN_PROCESS = new Object();

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
    // Liquibase finds its own services (parsers, database types, loggers) through the context
    // class loader it sees the first time it is used, and keeps that one for good. Inside OSGi
    // that must be Liquibase's own loader, not whatever the calling thread happens to carry.
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(Scope.class.getClassLoader());
    try {
      synchronized (IN_PROCESS) {
        update(dataSource, loader, namespace, changelog);
      }
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  private static void update(
      DataSource dataSource, ClassLoader loader, String namespace, String changelog)
      throws MigrationException {
    Map<String, Object> scope =
        Map.of(
            Scope.Attr.resourceAccessor.name(),
            new NamespacedResourceAccessor(namespace, loader),
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
    } catch (SQLException e) {
      throw new MigrationException("Cannot connect to migrate " + namespace, e);
    } catch (Exception e) {
      throw new MigrationException("Migration of " + namespace + " failed: " + e.getMessage(), e);
    }
  }
}
