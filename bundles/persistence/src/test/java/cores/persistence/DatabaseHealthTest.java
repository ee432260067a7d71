package cores.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.health.Health;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatabaseHealthTest {

  @Test
  void upWhenTheDatabaseAnswers() throws Exception {
    try (TestDatabase db = new TestDatabase()) {
      Database database = new Database(db.config());
      try {
        DatabaseHealth health = new DatabaseHealth(database);
        assertEquals("database", health.name());
        assertEquals(Health.up(), health.check());
      } finally {
        database.close();
      }
    }
  }

  @Test
  void downQuicklyWhenNothingListens() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    Database database =
        new Database(TestDatabase.config("jdbc:postgresql://127.0.0.1:" + port + "/x", 2));
    try {
      long start = System.nanoTime();
      Health health = new DatabaseHealth(database).check();
      long millis = (System.nanoTime() - start) / 1_000_000;

      assertFalse(health.healthy());
      // the refused connection's state, or none when the pool's wait ended before its first
      // attempt failed (a loaded machine)
      assertTrue(
          List.of("no connection (SQLState 08001)", "no connection").contains(health.detail()),
          health.detail());
      assertFalse(health.detail().contains("not-needed-with-trust-auth"));
      // the pool's own connection timeout applies, not Hikari's default of 30 s (a bound far from
      // the expected few seconds: a loaded machine must not make this fail)
      assertTrue(millis < 30_000, () -> millis + " ms");
    } finally {
      database.close();
    }
  }
}
