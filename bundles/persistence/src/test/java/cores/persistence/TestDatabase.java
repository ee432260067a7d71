package cores.persistence;

import java.lang.annotation.Annotation;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

/** A fresh database on the local PostgreSQL (127.0.0.1:5432, user postgres), dropped at close. */
final class TestDatabase implements AutoCloseable {

  static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
  static final String USER = "postgres";

  final String name;

  TestDatabase() throws SQLException {
    byte[] random = new byte[6];
    new SecureRandom().nextBytes(random);
    name = "cores_test_" + HexFormat.of().formatHex(random);
    admin("CREATE DATABASE " + name);
  }

  String url() {
    return SERVER + name;
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
    try (Connection c = DriverManager.getConnection(SERVER + "postgres", USER, "");
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
