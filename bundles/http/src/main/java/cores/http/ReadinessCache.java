package cores.http;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A readiness answer reused for a moment: every request asks it, and working it out walks the
 * framework's bundles and components. While not ready it is asked again after {@link #WAITING_MS},
 * so that the gate opens promptly; while ready after {@link #READY_MS}, or at once after {@link
 * #changed()} (a resource, a bundle or a service came or went). One thread works it out; the others
 * take the previous answer meanwhile. Working it out costs tens of milliseconds of CPU (SCR's DTOs
 * of every component): while ready it is redone only every {@link #READY_MS}, since what makes a
 * ready platform unready shows as a change (a service gone, a bundle stopped) but for a component
 * that fails to activate without any service.
 */
final class ReadinessCache implements Readiness {
  static final long WAITING_MS = 100;
  static final long READY_MS = 5000;

  private record Answer(long generation, long takenNanos, Optional<String> waitingFor) {}

  /** The answer once the server stops: not ready, for good. */
  private static final Optional<String> STOPPING = Optional.of("stopping");

  private static final Logger LOG = LoggerFactory.getLogger(ReadinessCache.class);

  private final Readiness source;
  private final ReentrantLock checking = new ReentrantLock();
  private final AtomicLong generation = new AtomicLong();
  private volatile Answer last;
  private volatile boolean stopping;

  ReadinessCache(Readiness source) {
    this.source = source;
  }

  @Override
  public Optional<String> waitingFor() {
    if (stopping) {
      return STOPPING;
    }
    Answer answer = last;
    if (answer != null && fresh(answer)) {
      return answer.waitingFor();
    }
    if (answer == null) {
      checking.lock();
    } else if (!checking.tryLock()) {
      return answer.waitingFor();
    }
    try {
      answer = last;
      if (answer == null || !fresh(answer)) {
        // the generation before the check: a change during it makes the answer stale at once
        long seen = generation.get();
        Answer previous = answer;
        answer = new Answer(seen, System.nanoTime(), source.waitingFor());
        logChange(previous, answer);
        last = answer;
      }
      return answer.waitingFor();
    } finally {
      checking.unlock();
    }
  }

  /** Ready and not ready again are worth a line; the waiting while starting is not. */
  private static void logChange(Answer previous, Answer now) {
    boolean wasReady = previous != null && previous.waitingFor().isEmpty();
    if (now.waitingFor().isEmpty() && !wasReady) {
      LOG.info("Ready: every bundle of the started features runs and its resources are served");
    } else if (wasReady && now.waitingFor().isPresent()) {
      LOG.warn("Not ready: waiting for {}", now.waitingFor().get());
    }
  }

  /**
   * The server stops: from now on not ready, which is said once here rather than as a readiness
   * that waits for something.
   */
  void stop() {
    stopping = true;
    changed();
    LOG.info("Stopping: requests in progress finish, new ones are answered 503");
  }

  boolean stopping() {
    return stopping;
  }

  /** Something readiness depends on changed: the next question works the answer out again. */
  void changed() {
    generation.incrementAndGet();
  }

  private boolean fresh(Answer answer) {
    if (answer.generation() != generation.get()) {
      return false;
    }
    long ms = answer.waitingFor().isEmpty() ? READY_MS : WAITING_MS;
    return System.nanoTime() - answer.takenNanos() < ms * 1_000_000L;
  }
}
