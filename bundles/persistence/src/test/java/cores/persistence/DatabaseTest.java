package cores.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class DatabaseTest {

  @Test
  void closingReleasesThePool() throws Exception {
    try (TestDatabase db = new TestDatabase()) {
      Database database = new Database(db.config());
      try (Connection c = database.dataSource().getConnection()) {
        assertTrue(c.isValid(1));
      }
      database.close();
      assertTrue(((HikariDataSource) database.dataSource()).isClosed());
      assertThrows(SQLException.class, () -> database.dataSource().getConnection());
    }
  }

  @Test
  void theListenersConnectionIsNamedApartFromThePools() throws Exception {
    try (TestDatabase db = new TestDatabase()) {
      Database database = new Database(db.config());
      try (Connection pooled = database.dataSource().getConnection();
          Connection listener = database.connectListener()) {
        assertEquals("cores", applicationName(pooled));
        assertEquals("cores-signals", applicationName(listener));
      } finally {
        database.close();
      }
    }
  }

  @Test
  void startsWithoutTheDatabaseAndReportsItOnUse() {
    Database database = new Database(TestDatabase.config(TestDatabase.url("cores_no_such_db"), 2));
    try {
      SQLException failure =
          assertThrows(SQLException.class, () -> database.dataSource().getConnection());
      // invalid_catalog_name: the server answered, the database is missing
      assertEquals("3D000", failure.getSQLState());
      assertEquals("no connection (SQLState 3D000)", new DatabaseHealth(database).check().detail());
    } finally {
      database.close();
    }
  }

  private static String applicationName(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SHOW application_name")) {
      r.next();
      return r.getString(1);
    }
  }
}
