package cores.accounts;

import java.time.Clock;
import java.time.Duration;

/** The system clock in PostgreSQL's resolution, so that answers show what the database keeps. */
public final class DatabaseClock {
  private DatabaseClock() {}

  public static Clock create() {
    return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1000));
  }
}
