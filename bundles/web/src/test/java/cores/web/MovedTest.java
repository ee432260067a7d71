package cores.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MovedTest {
  @Test
  void aSlashedPathMovesWithItsQuery() {
    assertEquals(Optional.of("/live/hosts?offset=50"), slash("/live/hosts/?offset=50"));
    assertEquals(
        Optional.of("/reports/usage?days=30&lab=a%20b"),
        slash("/reports/usage/?days=30&lab=a%20b"));
    assertEquals(Optional.of("/live/dash"), slash("/live/dash/"));
  }

  @Test
  void aPathWithoutTheSlashHasNotMoved() {
    assertTrue(slash("/live/hosts?offset=50").isEmpty());
    assertTrue(slash("/").isEmpty());
  }

  @Test
  void anOldPageMovesToItsNewOneWithTheQuery() {
    assertEquals(
        "/live/hosts?offset=100",
        Moved.to("/live/hosts", URI.create("http://h/live/list/?offset=100")));
    assertEquals("/live/hosts", Moved.to("/live/hosts", URI.create("http://h/live/")));
  }

  private static Optional<String> slash(String path) {
    return Moved.slash(URI.create("http://h" + path));
  }
}
