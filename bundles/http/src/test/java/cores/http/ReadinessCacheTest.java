package cores.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The readiness log: a line when ready, when ready no more, and one when the server stops. */
class ReadinessCacheTest {

  /** What the cache logs meanwhile (slf4j-simple writes to the System.err of the moment). */
  private static List<String> logged(Runnable action) {
    PrintStream previous = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setErr(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.setErr(previous);
    }
    return out.toString(StandardCharsets.UTF_8)
        .lines()
        .filter(l -> l.contains("Readiness"))
        .toList();
  }

  @Test
  void stoppingIsSaidOnceAndNotAsSomethingAwaited() {
    ReadinessCache cache = new ReadinessCache(Optional::empty);
    assertEquals(Optional.empty(), cache.waitingFor());
    List<String> lines =
        logged(
            () -> {
              cache.stop();
              for (int i = 0; i < 3; i++) {
                assertTrue(cache.waitingFor().isPresent(), "not ready while stopping");
              }
            });
    assertTrue(cache.stopping());
    assertEquals(1, lines.size(), "one line: " + lines);
    assertTrue(
        lines.get(0).contains("Stopping: requests in progress finish, new ones are answered 503"),
        lines.get(0));
    assertFalse(lines.get(0).contains("waiting for"), lines.get(0));
  }
}
