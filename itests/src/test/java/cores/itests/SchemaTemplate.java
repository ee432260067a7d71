package cores.itests;

import cores.testing.postgres.TestDatabases;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;

/**
 * The database that {@link TestDatabase#migrated()} copies: an empty database that the distribution
 * under test migrated with its own Liquibase changelogs, made once per test JVM (the first time one
 * is asked for) and dropped when the JVM exits. Each run makes its own, so a changed changelog is
 * always migrated anew.
 *
 * <p>The distribution migrates it through {@code bin/cores createsuperuser}, which migrates every
 * bundle's schema and starts nothing else (no jobs, no HTTP); the admin it creates, and the change
 * log rows that creation and its removal write, are then removed, so the copy holds only what the
 * migrations wrote, as a first start's database does before it serves anything.
 */
final class SchemaTemplate {
  private static final Duration MIGRATION_TIMEOUT = Duration.ofMinutes(3);
  private static String name;

  private SchemaTemplate() {}

  /** The template's name, migrated by the distribution the first time it is asked for. */
  static synchronized String name() throws Exception {
    if (name == null) {
      name = make();
    }
    return name;
  }

  private static String make() throws Exception {
    TestDatabase db = TestDatabase.create();
    try {
      migrate(db);
      try (Connection c = db.connect();
          Statement s = c.createStatement()) {
        c.setAutoCommit(false);
        // the audit triggers log the removal in cores_change, emptied after it
        s.execute("DELETE FROM auth_user");
        s.execute("DELETE FROM cores_change");
        s.execute("SELECT setval(pg_get_serial_sequence('auth_user', 'id'), 1, false)");
        c.commit();
      }
    } catch (Exception | Error e) {
      db.close();
      throw e;
    }
    TestDatabases.dropAtExit(db.name());
    return db.name();
  }

  private static void migrate(TestDatabase db) throws Exception {
    try (CoresProcess cores =
        CoresProcess.builder("schema-template")
            .env(db.environment())
            .env("CORES_SUPERUSER_PASSWORD", "template-pw-" + System.nanoTime())
            .args("createsuperuser", "--username", "template", "--email", "template@example.org")
            .start()) {
      int exit = cores.awaitExit(MIGRATION_TIMEOUT);
      if (exit != 0) {
        throw new AssertionError(
            "migrating the schema template failed with "
                + exit
                + ":\n"
                + cores.errors()
                + cores.output());
      }
    }
  }
}
