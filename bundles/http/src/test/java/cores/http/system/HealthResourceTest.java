package cores.http.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cores.api.health.Health;
import cores.api.health.HealthIndicator;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HealthResourceTest {
  static final class Counting implements HealthIndicator {
    final AtomicInteger checks = new AtomicInteger();

    @Override
    public String name() {
      return "database";
    }

    @Override
    public Health check() {
      checks.incrementAndGet();
      return Health.up();
    }
  }

  @Test
  void reusesAnAnswerWithinTheCacheTime() {
    Counting indicator = new Counting();
    HealthResource health = new HealthResource(Duration.ofSeconds(1), Duration.ofHours(1));
    try {
      health.addIndicator(indicator);
      for (int i = 0; i < 5; i++) {
        assertEquals(200, health.health().getStatus());
      }
      assertEquals(1, indicator.checks.get());
    } finally {
      health.close();
    }
  }

  @Test
  void checksAgainWithoutCache() {
    Counting indicator = new Counting();
    HealthResource health = new HealthResource(Duration.ofSeconds(1), Duration.ZERO);
    try {
      health.addIndicator(indicator);
      health.health();
      health.health();
      assertEquals(2, indicator.checks.get());
    } finally {
      health.close();
    }
  }
}
