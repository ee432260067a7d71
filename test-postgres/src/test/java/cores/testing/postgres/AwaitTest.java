package cores.testing.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AwaitTest {

  @Test
  void readsUntilAValueIsAcceptedAndReturnsThatOne() {
    AtomicInteger reads = new AtomicInteger();
    assertEquals(3, Await.until(reads::incrementAndGet, n -> n >= 3));
    assertEquals(3, reads.get());
  }

  @Test
  void aConditionIsCheckedUntilItHolds() {
    AtomicInteger checks = new AtomicInteger();
    Await.until(() -> checks.incrementAndGet() == 2);
    assertEquals(2, checks.get());
  }
}
