package cores.persistence;

import cores.testing.postgres.TestPostgres;
import java.lang.annotation.Annotation;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

/**
 * A fresh database on the test PostgreSQL ({@link TestPostgres}: 127.0.0.1:5432, else an embedded
 * one; user postgres), dropped at close.
 */
final class TestDatabase implements AutoCloseable {

  static final String USER = TestPostgres.USER;

  final String name;

  TestDatabase() throws SQLException {
    byte[] random = new byte[6];
    new SecureRandom().nextBytes(random);
    name = "cores_test_" + HexFormat.of().formatHex(random);
    admin("CREATE DATABASE " + name);
  }

  String url() {
    return url(name);
  }

  /** A database's URL on the test server, whether it exists or not. */
  static String url(String database) {
    return TestPostgres.address().jdbcUrl(database);
  }

  DatabaseConfig config() {
    return config(url(), 4);
  }

  static DatabaseConfig config(String url, int poolSize) {
    return new DatabaseConfig() {
      @Override
      public Class<? extends Annotation> annotationType() {
        return DatabaseConfig.class;
      }

      @Override
      public String url() {
        return url;
      }

      @Override
      public String user() {
        return USER;
      }

      @Override
      public String password() {
        return "not-needed-with-trust-auth";
      }

      @Override
      public int poolSize() {
        return poolSize;
      }
    };
  }

  @Override
  public void close() throws SQLException {
    admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  }

  private static void admin(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url("postgres"), USER, "");
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
