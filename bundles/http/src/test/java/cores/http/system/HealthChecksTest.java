package cores.http.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.health.Health;
import cores.api.health.HealthIndicator;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HealthChecksTest {
  static final class Counting implements HealthIndicator {
    final AtomicInteger checks = new AtomicInteger();
    volatile Health health = Health.up();

    @Override
    public String name() {
      return "database";
    }

    @Override
    public Health check() {
      checks.incrementAndGet();
      return health;
    }
  }

  static String body(HealthChecks.Answer answer) {
    ByteBuffer body = answer.body();
    byte[] bytes = new byte[body.remaining()];
    body.get(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Test
  void reusesAnAnswerWithinTheCacheTime() {
    Counting indicator = new Counting();
    HealthChecks health = new HealthChecks(Duration.ofSeconds(1), Duration.ofHours(1));
    try {
      health.addIndicator(indicator);
      for (int i = 0; i < 5; i++) {
        assertEquals(200, health.answer().status());
      }
      assertEquals(1, indicator.checks.get());
    } finally {
      health.close();
    }
  }

  @Test
  void checksAgainOnceTheCacheTimeIsOver() {
    Counting indicator = new Counting();
    java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong();
    HealthChecks health = new HealthChecks(Duration.ofSeconds(1), Duration.ofMillis(200), now::get);
    try {
      health.addIndicator(indicator);
      health.answer();
      indicator.health = Health.down("connection refused");
      now.set(Duration.ofMillis(199).toNanos());
      assertEquals(200, health.answer().status(), "still the cached answer");
      now.set(Duration.ofMillis(200).toNanos());
      assertEquals(503, health.answer().status());
      assertEquals(2, indicator.checks.get());
    } finally {
      health.close();
    }
  }

  @Test
  void aDownAnswerIsReusedOnlyBriefly() {
    Counting indicator = new Counting();
    indicator.health = Health.down("starting");
    java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong();
    HealthChecks health = new HealthChecks(Duration.ofSeconds(1), Duration.ofSeconds(1), now::get);
    try {
      health.addIndicator(indicator);
      assertEquals(503, health.answer().status());
      indicator.health = Health.up();
      now.set(HealthChecks.DOWN_REUSED_AT_MOST.toNanos() - 1);
      assertEquals(503, health.answer().status(), "still the cached answer");
      now.set(HealthChecks.DOWN_REUSED_AT_MOST.toNanos());
      assertEquals(200, health.answer().status(), "up long before the cache time of an UP answer");
      now.set(HealthChecks.DOWN_REUSED_AT_MOST.toNanos() * 2);
      assertEquals(200, health.answer().status());
      assertEquals(2, indicator.checks.get(), "the UP answer is reused for the whole cache time");
    } finally {
      health.close();
    }
  }

  @Test
  void checksAgainWithoutCache() {
    Counting indicator = new Counting();
    HealthChecks health = new HealthChecks(Duration.ofSeconds(1), Duration.ZERO);
    try {
      health.addIndicator(indicator);
      health.answer();
      health.answer();
      assertEquals(2, indicator.checks.get());
    } finally {
      health.close();
    }
  }

  @Test
  void theBodyIsJsonNamingEachComponent() {
    Counting indicator = new Counting();
    HealthChecks health = new HealthChecks(Duration.ofSeconds(1), Duration.ZERO);
    try {
      health.addIndicator(indicator);
      HealthChecks.Answer up = health.answer();
      assertEquals(
          "{\"status\":\"UP\",\"components\":{\"database\":{\"status\":\"UP\"}}}", body(up));
      assertEquals(body(up).length(), up.body().remaining());
      indicator.health = Health.down("connection refused");
      HealthChecks.Answer down = health.answer();
      assertEquals(503, down.status());
      assertEquals(
          "{\"status\":\"DOWN\",\"components\":{\"database\":"
              + "{\"status\":\"DOWN\",\"detail\":\"connection refused\"}}}",
          body(down));
    } finally {
      health.close();
    }
  }

  @Test
  void eachViewOfTheBodyIsWholeAndItsOwn() {
    HealthChecks health = new HealthChecks(Duration.ofSeconds(1), Duration.ofHours(1));
    try {
      HealthChecks.Answer answer = health.answer();
      ByteBuffer first = answer.body();
      first.position(first.limit());
      assertTrue(answer.body().hasRemaining());
      assertEquals("{\"status\":\"UP\",\"components\":{}}", body(answer));
    } finally {
      health.close();
    }
  }
}
